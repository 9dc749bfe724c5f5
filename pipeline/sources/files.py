"""Files and folders: walk them and read each article file once, as bytes.

A folder is walked recursively without following symlinked folders. Article files (``.txt``,
``.html``, ``.htm``, each optionally ``.gz``) become one :class:`RawDocument` each; containers
(``.jsonl``/``.json``, ``.warc``/``.warc.gz``) are handed to their readers and yield one document per
line or record.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from pipeline.documents import DocumentFormat, Failed, Provenance, RawDocument
from pipeline.errors import Errors, InputError
from pipeline.sources.charset import charset_from_content_type

FileKind = Literal["text", "html", "jsonl", "warc"]

#: File name endings threatnews reads, and what each holds.
SUFFIX_KINDS: dict[str, FileKind] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "jsonl",
    ".warc": "warc",
}
#: Kinds that hold one article per file (the others are containers of many).
ARTICLE_KINDS: frozenset[str] = frozenset({"text", "html"})
COMPRESSED_SUFFIX = ".gz"
#: Ending of the sidecar that ``threatnews fetch`` writes beside each page (never read as an article).
SIDECAR_SUFFIX = ".fetch.json"


def file_kind(path: Path) -> FileKind | None:
    """What a file holds by its name (``a.html.gz`` → ``html``, ``a.warc.gz`` → ``warc``), or None."""
    if path.name.lower().endswith(SIDECAR_SUFFIX):
        return None
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == COMPRESSED_SUFFIX:
        suffixes = suffixes[:-1]
    return SUFFIX_KINDS.get(suffixes[-1]) if suffixes else None


def file_format(path: Path) -> DocumentFormat | None:
    """The article format of a one-article file (``a.html.gz`` → ``html``), or None."""
    kind = file_kind(path)
    return kind if kind == "text" or kind == "html" else None


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield input files under ``paths``, in a stable order, without following symlinked folders.

    A named file is yielded whatever its ending (the reader then says if it is unsupported); files
    found by walking a folder are yielded only when :func:`file_kind` knows their ending.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    child = Path(root, name)
                    if file_kind(child) is not None:
                        yield child
        else:
            yield path


def read_bytes(path: Path) -> bytes:
    """A file's bytes, decompressed when its name ends in ``.gz``.

    Raises:
        InputError: unreadable (E012), or corrupt, truncated or not really gzip (E004).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Errors.E012, exc.strerror or type(exc).__name__) from exc
    if path.suffix.lower() == COMPRESSED_SUFFIX:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(Errors.E004, str(exc) or type(exc).__name__) from exc
    return data


def sidecar_hints(path: Path) -> tuple[str | None, dict[str, str]]:
    """The URL and hints that ``threatnews fetch`` left beside a page, if it did."""
    name = path.name
    for suffix in (".html.gz", ".htm.gz", ".html", ".htm"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    sidecar = path.with_name(name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return None, {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, {}
    hints = {}
    charset = charset_from_content_type(meta.get("content_type"))
    if charset:
        hints["charset"] = charset
    return meta.get("final_url") or meta.get("url"), hints


def read_file(path: Path) -> RawDocument:
    """Read one article file (``.txt``, ``.html``, ``.htm``, optionally ``.gz``).

    Raises:
        InputError: empty, unreadable, corrupt gzip, or an unsupported file ending.
    """
    fmt = file_format(path)
    if fmt is None:
        raise InputError(Errors.E011, f"file ending of {path.name}")
    data = read_bytes(path)
    if not data.strip():
        raise InputError(Errors.E001)
    url, hints = sidecar_hints(path) if fmt == "html" else (None, {})
    return RawDocument(provenance=Provenance(path=str(path), url=url), format=fmt, content=data, hints=hints)


def failed(provenance: Provenance, exc: InputError) -> Failed:
    """The :class:`Failed` value of an input error (shorthand for :meth:`Failed.from_error`)."""
    return Failed.from_error(provenance, exc)
