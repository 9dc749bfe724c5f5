"""``threatnews run``: process folders and files into a JSONL of records."""

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import EXIT_OK, EXIT_SOME_ERRORS, app
from pipeline.runner import run
from pipeline.settings import Settings
from pipeline.writers import errors_path


@app.command("run")
def run_cli(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders or http(s) URLs: .txt, .html/.htm (also .gz), .jsonl/.json, .warc/.warc.gz."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Records JSONL; errors go beside it.")] = Path(
        "out/records.jsonl"
    ),
    model: Annotated[str | None, typer.Option(help="Installed spaCy pipeline to use.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per nlp.pipe batch.")] = None,
    language: Annotated[
        str | None, typer.Option(help="Language to accept, e.g. 'en'; 'any' accepts all (default: en).")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Fetch URLs on private, loopback or link-local addresses.")
    ] = False,
) -> None:
    """Extract quotes, speakers, actors and claims from every article under INPUTS."""
    given = {"model": model, "batch_size": batch_size, "language": language, "allow_private": allow_private or None}
    overrides = {k: v for k, v in given.items() if v is not None}
    summary = run(inputs, out, Settings(**overrides))
    errors = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.errors.items())) or "none"
    typer.echo(
        f"{summary.records} records -> {out}; errors: {summary.error_count} ({errors}) -> {errors_path(out)}; "
        f"{summary.seconds:.1f}s, {summary.docs_per_second:.1f} docs/s"
    )
    raise typer.Exit(EXIT_SOME_ERRORS if summary.error_count else EXIT_OK)
