"""Flags → :class:`~pipeline.settings.Settings`, in one place for every command.

A flag left unset (None) falls through to the environment, ``threatnews.toml`` and the defaults; a value the
settings model rejects is a usage error (exit 2) with one line per problem, never a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from pipeline.cli._app import EXIT_USAGE

if TYPE_CHECKING:
    from pipeline.settings import Settings

#: Settings that open the run to more than its inputs: read from a file or the environment, they are announced.
SECURITY_SETTINGS = ("allow_private",)


def settings_from(flag_names: dict[str, str] | None = None, **flags: Any) -> Settings:
    """The settings of a command: the flags that were given over everything else.

    Args:
        flag_names: the flag that sets a settings field, where it is not ``--field-name``, for messages.
        flags: settings field → the flag's value (None: not given).

    Raises:
        typer.Exit: with status 2 when a value is out of range or of the wrong type.
    """
    from pydantic import ValidationError  # loaded when a command runs, not for --help

    from pipeline.settings import SETTINGS_FILE, Settings

    if SETTINGS_FILE.is_file():
        typer.echo(f"settings: reading {SETTINGS_FILE.resolve()}", err=True)
    try:
        settings = Settings(**{name: value for name, value in flags.items() if value is not None})
    except ValidationError as exc:
        names = flag_names or {}
        fields = (".".join(map(str, e["loc"])) for e in exc.errors())
        problems = "; ".join(
            f"{names.get(field, '--' + field.replace('_', '-'))}: {e['msg']}"
            for field, e in zip(fields, exc.errors(), strict=True)
        )
        typer.echo(f"Error: {problems}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    for name in SECURITY_SETTINGS:
        if getattr(settings, name) and flags.get(name) is None:
            typer.echo(
                f"note: {name} is on, set by {SETTINGS_FILE.name} or THREATNEWS_{name.upper()} rather than a flag: "
                "private, loopback and link-local addresses will be fetched",
                err=True,
            )
    return settings
