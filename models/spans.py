"""Character spans into a record's ``text`` and the check that keeps them honest.

Offsets are Python ``str`` indices, half-open ``[start, end)``. An analyst verifies any extracted
item by slicing the record's text, so ``text[start:end] == span.text`` must hold for every span.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Span(BaseModel):
    """A half-open character range ``[start, end)`` of the record text, with the text it covers."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0, description="Offset of the first character (Python str index).")
    end: int = Field(ge=0, description="Offset one past the last character.")
    text: str = Field(description="Exactly record.text[start:end].")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class SpanMismatch(ValueError):
    """A span whose ``text`` is not what its offsets cover in the record text."""


def iter_spans(value: Any, path: str = "") -> Iterator[tuple[str, Span]]:
    """Yield ``(path, span)`` for every :class:`Span` nested anywhere in ``value``.

    Walks models, lists and dicts, so a new model field holding spans is checked without anyone
    having to remember to add it to :func:`check_spans`.
    """
    if isinstance(value, Span):
        yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_spans(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from iter_spans(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_spans(item, f"{path}.{key}")


def check_spans(record: BaseModel, text: str) -> int:
    """Check that every span nested in ``record`` covers exactly its ``text`` in ``text``.

    Args:
        record: any model (normally an ``ArticleRecord``).
        text: the string the offsets point into.

    Returns:
        The number of spans checked.

    Raises:
        SpanMismatch: naming the first span whose offsets do not reproduce its text.
    """
    n = 0
    for path, span in iter_spans(record):
        if span.end > len(text) or text[span.start : span.end] != span.text:
            got = text[span.start : span.end]
            raise SpanMismatch(f"{path}: [{span.start}:{span.end}] covers {got!r}, not {span.text!r}")
        n += 1
    return n
