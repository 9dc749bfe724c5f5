"""``threatnews fetch``: download the pages of a URLs file into a folder that ``threatnews run`` reads."""

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import EXIT_OK, EXIT_SOME_ERRORS, app
from pipeline.cli._settings import settings_from


@app.command("fetch")
def fetch_cli(
    urls_file: Annotated[Path, typer.Argument(help="Text file of URLs, one per line ('#' starts a comment).")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for ID.html.gz pages and their sidecars.")],
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Also fetch from private, loopback, link-local addresses.")
    ] = None,
    concurrency: Annotated[int | None, typer.Option(help="Pages fetched at the same time.")] = None,
    delay: Annotated[float | None, typer.Option(help="Seconds between two requests to the same host.")] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds to wait for a server.")] = None,
    deadline: Annotated[
        float | None, typer.Option(help="Most seconds one URL may take in all, retries and redirects included.")
    ] = None,
    retries: Annotated[int | None, typer.Option(help="Retries after network errors and 429/5xx answers.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest page body downloaded, in bytes.")] = None,
) -> None:
    """Download every URL in URLS_FILE into OUT as .html.gz with a .fetch.json sidecar; skip those already there."""
    from pipeline.sources.fetch import fetch_to_dir, read_urls  # lazily: httpx is slow to import

    given = {
        "allow_private": allow_private or None,
        "fetch_concurrency": concurrency,
        "fetch_host_delay": delay,
        "fetch_timeout": timeout,
        "fetch_deadline": deadline,
        "fetch_retries": retries,
        "fetch_max_bytes": max_bytes,
    }
    settings = settings_from({k: "--" + k.removeprefix("fetch_").replace("_", "-") for k in given}, **given)
    summary = fetch_to_dir(read_urls(urls_file), out_dir, settings)
    typer.echo(f"{summary.fetched} fetched, {summary.skipped} already there, {len(summary.failed)} failed -> {out_dir}")
    for result in summary.failed:
        typer.echo(f"  failed: {result.url}: {result.error}", err=True)
    raise typer.Exit(EXIT_SOME_ERRORS if summary.failed else EXIT_OK)
