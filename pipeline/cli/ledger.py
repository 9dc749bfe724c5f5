"""``threatnews ledger``: per actor and party, who attributed it, when, how firmly, and who denied it."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import EXIT_SOME_ERRORS, EXIT_USAGE, app

# The ledger (pydantic models, the records reader) is imported when the command runs: `--help` stays fast.


class LedgerFormat(StrEnum):
    md = "md"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _format_for(out: Path | None) -> str:
    suffix = out.suffix.lstrip(".").lower() if out else ""
    return suffix if suffix in LedgerFormat.__members__ else LedgerFormat.md.value


@app.command("ledger")
def ledger_cli(
    records: Annotated[Path, typer.Argument(help="Records JSONL written by `threatnews run`.")],
    actor: Annotated[
        str | None,
        typer.Option(help="Only this actor: its id, name, an alias, or 'unnamed' for the unnamed actors."),
    ] = None,
    fmt: Annotated[
        LedgerFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md (a readable table), json, jsonl (an entry a line) or csv (a "
            "statement a row). Default: from the suffix of --out, else md.",
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: standard output).")] = None,
    limit: Annotated[
        int,
        typer.Option(min=0, help="Attributions (and denials) listed per entry, the earliest; all are counted. 0: all."),
    ] = 200,
) -> None:
    """Per actor (unnamed actors grouped per state) and per party the text ties it to (a state, or an
    organisation), every attribution across the run: date, claimant, stance, kind, article and evidence, with
    the denials linked to the attributions they answer, first and last dates, counts by stance, distinct
    claimants and articles. The gazetteer's view of the actor's sponsor is shown apart and never counted.

    Built in one pass over RECORDS in bounded memory. A broken line is named on stderr and skipped; the exit
    code is then 1."""
    from pipeline.export.files import replace_text
    from pipeline.export.ledger import read_ledger, render_ledger
    from pipeline.export.reading import RecordsFileError

    try:
        result = read_ledger(records, limit=limit, actor=actor)
    except RecordsFileError as error:
        typer.echo(f"threatnews ledger: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from error
    for problem in result.problems:
        typer.echo(f"threatnews ledger: skipped {problem}", err=True)
    if result.skipped > len(result.problems):
        typer.echo(f"threatnews ledger: ... {result.skipped - len(result.problems)} more lines skipped", err=True)
    text = render_ledger(result, fmt.value if fmt else _format_for(out))
    if out is None:
        typer.echo(text, nl=False)
    else:
        replace_text(out, text)
        skipped = f" ({result.skipped} broken lines skipped)" if result.skipped else ""
        typer.echo(f"{result.records} records -> {len(result.entries)} ledger entries in {out}{skipped}", err=True)
    if result.skipped:
        raise typer.Exit(EXIT_SOME_ERRORS)
