"""``threatnews extract``: pretty-print the record of one article."""

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import EXIT_SOME_ERRORS, app
from pipeline.cli._settings import settings_from


@app.command("extract")
def extract_cli(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="One article file.")],
    model: Annotated[str | None, typer.Option(help="Installed spaCy pipeline to use.")] = None,
) -> None:
    """Print the JSON record of one article."""
    settings = settings_from(model=model)
    from pipeline.api import extract  # spaCy and the cleaner load only when a command runs
    from pipeline.errors import InputError
    from pipeline.sources.files import read_file

    try:
        raw = read_file(file)
        record = extract(raw.content, format=raw.format, path=str(file), settings=settings)
    except InputError as exc:
        typer.echo(f"{file}: {exc}", err=True)
        raise typer.Exit(EXIT_SOME_ERRORS) from exc
    typer.echo(record.model_dump_json(indent=2))
