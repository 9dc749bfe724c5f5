"""``threatnews report``: a self-contained HTML file to review a run in the browser."""

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import EXIT_USAGE, app


@app.command("report")
def report_cli(
    records: Annotated[Path, typer.Argument(help="Records JSONL written by `threatnews run`.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("report.html"),
    title: Annotated[str, typer.Option(help="Heading of the report.")] = "threatnews review",
) -> None:
    """Write one static HTML file (no external assets, locked down by a Content-Security-Policy): a sortable
    index of articles with counts, each article's text with actors, speakers, quotes and claims highlighted,
    its claims beside it (identical claims grouped, each linked to its evidence, quote and claimant, with
    its confidence) and its speakers, filters by actor, country, claim kind, stance and speaker, and a
    search. Only http(s) source URLs are links."""
    from pipeline.export import RecordsFileError, read_records, write_report  # lazily: `--help` stays fast

    try:
        items = read_records(records)
    except RecordsFileError as error:
        typer.echo(f"threatnews report: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from error
    count = write_report(items, out, title=title)
    typer.echo(f"{count} articles -> {out}")
