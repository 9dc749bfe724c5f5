"""``threatnews stats``: counts over a run as rich tables."""

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import EXIT_USAGE, app


@app.command("stats")
def stats_cli(
    records: Annotated[Path, typer.Argument(help="Records JSONL written by `threatnews run`.")],
    top: Annotated[int, typer.Option(min=1, help="How many speakers to list.")] = 10,
) -> None:
    """Print actors by mentions and by country, top speakers, claims by stance, quotes by kind and, from
    the RECORDS.errors.jsonl beside the records, errors by type."""
    from rich.console import Console  # lazily, like the exporters: `--help` stays fast

    from pipeline.export import RecordsFileError, compute_stats, read_errors, read_records, stats_tables

    try:
        stats = compute_stats(read_records(records), read_errors(records))
    except RecordsFileError as error:
        typer.echo(f"threatnews stats: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from error
    console = Console()
    for table in stats_tables(stats, top=top):
        console.print(table)
