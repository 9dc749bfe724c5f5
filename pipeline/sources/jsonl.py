"""JSON Lines: one article per line, ``{url?, html?, text?, title?, published?, ...}``.

Each line becomes a :class:`RawDocument` whose provenance names the file and the line number (from
1); a broken line becomes a :class:`Failed` with that number and the file goes on. The file is read
(and gunzipped) a line at a time, never whole: a line longer than ``max_input_bytes`` becomes its own
E016 failure, is skipped without being held, and the next lines go on. A ``published`` value is made
ISO 8601 on the way in (:mod:`pipeline.sources.dates`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pipeline.documents import Failed, Provenance, RawDocument
from pipeline.errors import Errors, InputError
from pipeline.sources.dates import published_hints
from pipeline.sources.files import (
    CHUNK,
    GZIP_ERRORS,
    default_limit,
    failed,
    open_input,
    read_at_most,
    read_error,
    too_large,
)

#: Keys of a line copied into the document's hints when they hold a string (``published`` is normalised).
HINT_KEYS: tuple[str, ...] = ("title", "author", "site", "language", "charset")
#: What reading a (gzipped) file can raise midway.
READ_ERRORS: tuple[type[Exception], ...] = (OSError, *GZIP_ERRORS)


def document_from_object(obj: Any, provenance: Provenance) -> RawDocument:
    """One JSON object → a RawDocument (``html`` preferred over ``text``).

    Raises:
        InputError: not an object (E008), or neither ``html`` nor ``text`` with content (E001).
    """
    if not isinstance(obj, dict):
        raise InputError(Errors.E008, f"expected an object, got {type(obj).__name__}")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    provenance = Provenance(path=provenance.path, url=url, record=provenance.record)
    hints = {k: obj[k] for k in HINT_KEYS if isinstance(obj.get(k), str) and obj[k].strip()}
    hints.update(published_hints(obj.get("published")))
    for key, fmt in (("html", "html"), ("text", "text")):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return RawDocument(provenance=provenance, format=fmt, content=value, hints=hints)
    raise InputError(Errors.E001, "no 'html' or 'text'")


def iter_jsonl(path: Path, limit: int | None = None) -> Iterator[RawDocument | Failed]:
    """The articles of a ``.jsonl``/``.json`` file (optionally ``.gz``), one per non-blank line.

    A ``.json`` file holding one JSON array or object across many lines (at most ``limit`` bytes) is
    read as that value.

    Args:
        path: the file.
        limit: most bytes of one line (or of a whole multi-line value); ``max_input_bytes`` of the
            default settings when None.
    """
    limit = default_limit() if limit is None else limit
    whole = _whole_document(path, limit)
    if whole is not None:
        for number, obj in enumerate(whole, start=1):
            provenance = Provenance(path=str(path), record=number)
            try:
                yield document_from_object(obj, provenance)
            except InputError as exc:
                yield failed(provenance, exc)
        return
    try:
        stream = open_input(path)
    except InputError as exc:
        yield failed(Provenance(path=str(path)), exc)
        return
    with stream:
        yield from _iter_lines(path, stream, limit)


def _iter_lines(path: Path, stream: BinaryIO, limit: int) -> Iterator[RawDocument | Failed]:
    """One document or failure per non-blank line; a read error ends the file at its line."""
    number, any_content = 0, False
    while True:
        number += 1
        provenance = Provenance(path=str(path), record=number)
        try:
            line = stream.readline(limit + 1)
            long_line = len(line) > limit and not line.endswith(b"\n")
            if long_line:
                _skip_line(stream)
        except READ_ERRORS as exc:
            yield failed(provenance if number > 1 else Provenance(path=str(path)), read_error(exc))
            return
        if not line:
            break
        if long_line:
            any_content = True
            yield failed(provenance, too_large(limit))
            continue
        if not line.strip():
            continue
        any_content = True
        yield _line_document(line, provenance)
    if not any_content:
        yield failed(Provenance(path=str(path)), InputError(Errors.E001))


def _line_document(line: bytes, provenance: Provenance) -> RawDocument | Failed:
    try:
        obj = json.loads(line.decode("utf-8", errors="replace"))
    except ValueError as exc:
        return failed(provenance, InputError(Errors.E008, str(exc)))
    try:
        return document_from_object(obj, provenance)
    except InputError as exc:
        return failed(provenance, exc)


def _skip_line(stream: BinaryIO) -> None:
    """Read past the rest of the current line, ``CHUNK`` bytes at a time."""
    while True:
        rest = stream.readline(CHUNK)
        if not rest or rest.endswith(b"\n"):
            return


def _whole_document(path: Path, limit: int) -> list[Any] | None:
    """The objects of a file that is one multi-line JSON value, or None when it is JSON Lines.

    Only a file whose first non-blank line starts a JSON array or object but is not a JSON value by
    itself is read further, and never more than ``limit + 1`` bytes of it.
    """
    try:
        with open_input(path) as stream:
            head = b""
            while not head.strip():
                head = stream.readline(limit + 1)
                if not head:
                    return None
            if head.lstrip()[:1] not in (b"[", b"{") or _is_json(head):
                return None
            data = head + read_at_most(stream, limit + 1 - len(head))
    except (InputError, *READ_ERRORS):
        return None  # the line reader reports it
    if len(data) > limit:
        return None
    try:
        value = json.loads(data.decode("utf-8", errors="replace"))
    except ValueError:
        return None
    return value if isinstance(value, list) else [value]


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line.decode("utf-8", errors="replace"))
    except ValueError:
        return False
    return True
