"""The typer ``app``, defined in one place; each command lives in its own module."""

import typer

app = typer.Typer(
    name="threatnews",
    help="Turn news about cyberattacks into checkable evidence: who said what, about whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Exit codes: every input became a record; some became error records; the command was misused.
EXIT_OK, EXIT_SOME_ERRORS, EXIT_USAGE = 0, 1, 2
