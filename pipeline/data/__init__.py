"""Tables of words and patterns, each file with a header saying what it holds and where it comes from."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

DATA = files(__name__)


def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text table, stripped."""
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    return tuple(s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#"))


def read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated table (comment lines start with ``#``)."""
    rows = []
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


@cache
def read_json(name: str) -> Any:
    """A JSON table (cached: tables are read once per process)."""
    return json.loads(DATA.joinpath(name).read_text(encoding="utf-8"))
