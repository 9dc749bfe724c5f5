"""``threatnews run``: process folders and files into a JSONL of records."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli._app import EXIT_OK, EXIT_SOME_ERRORS, EXIT_USAGE, app
from pipeline.cli._settings import settings_from

if TYPE_CHECKING:
    from pipeline.batch.runner import RunSummary

#: Words that are no input but a value given to a flag that takes none ("--resume true").
FLAG_VALUES = frozenset({"true", "false", "yes", "no", "on", "off"})


def summary_lines(summary: RunSummary) -> list[str]:
    """The closing summary: records, errors by type, duplicates, time and docs/s, and what to look at."""
    from pipeline.batch.writers import errors_path

    out = summary.out or Path("records.jsonl")
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.errors.items())) or "none"
    lines = [
        f"{summary.records} records -> {out}",
        f"{summary.error_count} errors ({kinds}) -> {errors_path(out)}; {summary.duplicates} duplicates",
        f"{summary.processed} inputs in {summary.seconds:.1f}s, {summary.docs_per_second:.1f} docs/s"
        + (f"; {summary.resumed} finished before, skipped (resume)" if summary.resumed else ""),
    ]
    if summary.stopped_early:
        lines.append("stopped at the first error (--fail-fast); --resume continues the run")
    if summary.error_count:
        lines.append(f"some inputs ended as errors: see {errors_path(out)}")
    return lines


@app.command("run")
def run_cli(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders or http(s) URLs: .txt, .html/.htm (also .gz), .jsonl/.json, .warc/.warc.gz."
        ),
    ],
    out: Annotated[
        str,
        typer.Option("--out", "-o", help="Records JSONL, or a folder (OUT_DIR/) for records.jsonl; errors beside it."),
    ] = "out/records.jsonl",
    model: Annotated[str | None, typer.Option(help="Installed spaCy pipeline to use.")] = None,
    pipe_batch: Annotated[int | None, typer.Option(help="Documents per nlp.pipe call (default 8).")] = None,
    commit_every: Annotated[
        int | None, typer.Option(help="Records written and committed to the manifest together (default 32).")
    ] = None,
    language: Annotated[
        str | None, typer.Option(help="Language to accept, e.g. 'en'; 'any' accepts all (default: en).")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Fetch URLs on private, loopback or link-local addresses.")
    ] = False,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Worker processes (default 1).")] = None,
    engine: Annotated[str | None, typer.Option(help="Where documents run: 'local' (default) or 'dask'.")] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler, e.g. tcp://HOST:8786 (--engine dask; none: a local cluster).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue a killed run: skip the inputs its manifest lists as done.")
    ] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first input that ends as an error.")] = (
        False
    ),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar (there is none off a terminal).")] = (
        False
    ),
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing output file that threatnews did not write.")
    ] = False,
    max_chars: Annotated[int | None, typer.Option(help="Largest cleaned body, in characters (default 1,000,000).")] = (
        None
    ),
    max_input_bytes: Annotated[int | None, typer.Option(help="Largest raw input, in bytes (default 20,000,000).")] = (
        None
    ),
    doc_timeout: Annotated[
        float | None, typer.Option(help="Seconds one document may take, clean to record (default 30; 0: none).")
    ] = None,
) -> None:
    """Extract quotes, speakers, actors and claims from every article under INPUTS.

    Exit status: 0 when every input became a record, 1 when some ended as errors, 2 for usage errors.
    """
    given = {
        "model": model,
        "pipe_batch": pipe_batch,
        "commit_every": commit_every,
        "language": language,
        "allow_private": allow_private or None,
        "workers": workers,
        "engine": engine,
        "scheduler": scheduler,
        "resume": resume or None,
        "fail_fast": fail_fast or None,
        "quiet": quiet or None,
        "force": force or None,
        "max_chars": max_chars,
        "max_input_bytes": max_input_bytes,
        "doc_timeout": doc_timeout,
    }
    flag_values = [i for i in inputs if i.lower() in FLAG_VALUES and not Path(i).exists()]
    if flag_values:
        typer.echo(f"Error: {flag_values[0]!r} is not an input: flags such as --resume take no value", err=True)
        raise typer.Exit(EXIT_USAGE)
    settings = settings_from(**given)
    from pipeline.batch.manifest import manifest_path  # the run's machinery loads only when a run starts
    from pipeline.batch.runner import run
    from pipeline.batch.writers import output_path
    from pipeline.errors import ConfigError

    if settings.scheduler and settings.engine != "dask":
        typer.echo("Error: --scheduler needs --engine dask", err=True)
        raise typer.Exit(EXIT_USAGE)
    if settings.resume and not manifest_path(output_path(out)).exists():
        typer.echo(f"note: no manifest at {manifest_path(output_path(out))}; starting from the beginning", err=True)
    try:
        summary = run(inputs, out, settings)
    except ConfigError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    for line in summary_lines(summary):
        typer.echo(line)
    raise typer.Exit(EXIT_SOME_ERRORS if summary.error_count else EXIT_OK)
