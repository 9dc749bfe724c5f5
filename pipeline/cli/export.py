"""``threatnews export``: a run's records as flat tables (CSV/JSONL) or a STIX 2.1 bundle."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import EXIT_USAGE, app
from pipeline.export import RecordsFileError, TableError, read_records, table_for_path, write_bundle, write_table
from pipeline.export.tables import TABLES


class ExportFormat(StrEnum):
    auto = "auto"
    csv = "csv"
    jsonl = "jsonl"
    stix = "stix"


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
        typer.Option(help=f"Table to write when --to is not named after one ({', '.join(TABLES)})."),
    ] = None,
) -> None:
    """Write one row per quote, claim, speaker or actor (with the article's id, title, url, date and the
    evidence text), or with --format stix a STIX 2.1 bundle of reports, intrusion sets, identities,
    locations and attributed-to relationships."""
    try:
        items = read_records(records)
        if fmt == ExportFormat.stix:
            count = write_bundle(items, to)
            typer.echo(f"{len(items)} records -> {count} STIX objects in {to}")
            return
        name, suffix_format = table_for_path(to) if table is None else (table, to.suffix.lstrip(".").lower())
        chosen = suffix_format if fmt == ExportFormat.auto else fmt.value
        rows = write_table(items, to, table=name, fmt=chosen)
    except (RecordsFileError, TableError) as error:
        typer.echo(f"threatnews export: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from error
    typer.echo(f"{len(items)} records -> {rows} {name} rows in {to}")
