"""The ``threatnews`` command line: thin commands over the Python API in :mod:`pipeline`."""

from pipeline.cli import eval, export, extract, fetch, ledger, report, run, schema, stats  # noqa: F401,A004  (registers the commands)
from pipeline.cli._app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
