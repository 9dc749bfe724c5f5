"""JSON Lines: one article per line, ``{url?, html?, text?, title?, published?, ...}``.

Each line becomes a :class:`RawDocument` whose provenance names the file and the line number (from
1); a broken line becomes a :class:`Failed` with that number and the file goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.documents import Failed, Provenance, RawDocument
from pipeline.errors import Errors, InputError
from pipeline.sources.files import failed, read_bytes

#: Keys of a line copied into the document's hints when they hold a string.
HINT_KEYS: tuple[str, ...] = ("title", "published", "author", "site", "language", "charset")


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
    for key, fmt in (("html", "html"), ("text", "text")):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return RawDocument(provenance=provenance, format=fmt, content=value, hints=hints)
    raise InputError(Errors.E001, "no 'html' or 'text'")


def iter_jsonl(path: Path) -> Iterator[RawDocument | Failed]:
    """The articles of a ``.jsonl``/``.json`` file (optionally ``.gz``), one per non-blank line.

    A ``.json`` file holding one JSON array or object across many lines is read as that value.
    """
    source = Provenance(path=str(path))
    try:
        data = read_bytes(path)
    except InputError as exc:
        yield failed(source, exc)
        return
    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        yield failed(source, InputError(Errors.E001))
        return
    lines = text.splitlines()
    whole = _whole_document(text) if len(lines) > 1 else None
    if whole is not None:
        for number, obj in enumerate(whole, start=1):
            provenance = Provenance(path=str(path), record=number)
            try:
                yield document_from_object(obj, provenance)
            except InputError as exc:
                yield failed(provenance, exc)
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        provenance = Provenance(path=str(path), record=number)
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield failed(provenance, InputError(Errors.E008, str(exc)))
            continue
        try:
            yield document_from_object(obj, provenance)
        except InputError as exc:
            yield failed(provenance, exc)


def _whole_document(text: str) -> list[Any] | None:
    """The objects of a file that is one multi-line JSON value, or None when it is JSON Lines."""
    first = text.lstrip()[:1]
    if first not in "[{":
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) else [value]
