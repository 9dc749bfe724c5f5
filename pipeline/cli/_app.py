"""The typer ``app``, defined in one place; each command lives in its own module."""

from typing import Annotated

import typer

from pipeline.version import __version__

app = typer.Typer(
    name="threatnews",
    help="Turn news about cyberattacks into checkable evidence: who said what, about whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags read as flags ("--resume"), not as options taking a <bool>
)

#: Exit codes: every input became a record; some became error records; the command was misused.
EXIT_OK, EXIT_SOME_ERRORS, EXIT_USAGE = 0, 1, 2


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"threatnews {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Turn news about cyberattacks into checkable evidence: who said what, about whom."""
