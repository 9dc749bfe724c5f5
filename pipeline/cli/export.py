"""``threatnews export``: a run's records as flat tables (CSV/JSONL) or a STIX 2.1 bundle."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import EXIT_SOME_ERRORS, EXIT_USAGE, app
from pipeline.export.table_names import TABLE_NAMES

# The exporters (stix2, the record models) are imported when a command runs, so `threatnews --help` stays fast.


class ExportFormat(StrEnum):
    auto = "auto"
    csv = "csv"
    jsonl = "jsonl"
    stix = "stix"


def _report_bundle(result, records: int, to: Path) -> None:  # noqa: ANN001 - a BundleResult, imported lazily
    """Say what the bundle holds and, on stderr, what was worked around; exit 1 when records were skipped."""
    for problem in result.undated:
        typer.echo(f"threatnews export: warning: {problem.doc_id}: {problem.message}; exported as undated", err=True)
    for problem in result.skipped:
        typer.echo(f"threatnews export: skipped record {problem.doc_id}: {problem.message}", err=True)
    notes = [f"{len(result.empty)} without actors, agencies or claims left out"] if result.empty else []
    notes += [f"{len(result.skipped)} skipped"] if result.skipped else []
    more = f" ({'; '.join(notes)})" if notes else ""
    typer.echo(f"{records} records -> {result.objects} STIX objects in {to}{more}")
    if result.skipped:
        raise typer.Exit(EXIT_SOME_ERRORS)


@app.command("export")
def export_cli(
    records: Annotated[Path, typer.Argument(help="Records JSONL written by `threatnews run`.")],
    to: Annotated[
        Path,
        typer.Option(
            "--to",
            "-o",
            help="Output file. Tables are named by the file: quotes|claims|speakers|actors.csv|.jsonl.",
        ),
    ],
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="stix for a STIX 2.1 bundle; auto takes the format from --to."),
    ] = ExportFormat.auto,
    table: Annotated[
        str | None,
        typer.Option(help=f"Table to write when --to is not named after one ({', '.join(TABLE_NAMES)})."),
    ] = None,
    no_escape_formulas: Annotated[
        bool,
        typer.Option(
            "--no-escape-formulas",
            help="CSV: write cells starting with = + - @ tab or CR as they are, without the ' that keeps "
            "spreadsheets from running them as formulas (only for CSV no spreadsheet will open).",
        ),
    ] = False,
    include_empty: Annotated[
        bool,
        typer.Option("--include-empty", help="STIX: also write a report for articles with no actor, agency or claim."),
    ] = False,
) -> None:
    """Write one row per quote, claim, speaker or actor (with the article's id, title, url, date and the
    evidence text), or with --format stix a STIX 2.1 bundle of reports, intrusion sets, identities,
    locations and attributed-to relationships.

    A STIX export never stops at one record: an unreadable publication date is exported as undated (with a
    warning), and a record whose objects cannot be made is skipped and named; the exit code is then 1."""
    from pipeline.export import RecordsFileError, TableError, read_records, table_for_path, write_bundle, write_table

    try:
        items = read_records(records)
        if fmt == ExportFormat.stix:
            result = write_bundle(items, to, include_empty=include_empty)
        else:
            name, suffix_format = table_for_path(to) if table is None else (table, to.suffix.lstrip(".").lower())
            chosen = suffix_format if fmt == ExportFormat.auto else fmt.value
            rows = write_table(items, to, table=name, fmt=chosen, escape_formulas=not no_escape_formulas)
    except (RecordsFileError, TableError) as error:
        typer.echo(f"threatnews export: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from error
    if fmt == ExportFormat.stix:
        _report_bundle(result, len(items), to)
    else:
        typer.echo(f"{len(items)} records -> {rows} {name} rows in {to}")
