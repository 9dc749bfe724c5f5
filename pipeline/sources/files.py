"""Files and folders: walk them and read each article file once, as bytes.

A folder is walked recursively without following symlinked folders. Article files (``.txt``,
``.html``, ``.htm``, each optionally ``.gz``) become one :class:`RawDocument` each; containers
(``.jsonl``/``.json``, ``.warc``/``.warc.gz``) are handed to their readers and yield one document per
line or record.

Files are read as streams, gunzipped as they are read, and never past ``max_input_bytes + 1`` bytes:
a file (or a gzip bomb) that holds more ends as E016 having cost no more memory than the limit.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal, Protocol

from pipeline.documents import DocumentFormat, Failed, Provenance, RawDocument
from pipeline.errors import Errors, InputError
from pipeline.settings import Settings
from pipeline.sources.charset import charset_from_content_type
from pipeline.sources.dates import published_hints

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
#: Largest sidecar read (a bigger one is not ``threatnews fetch``'s and is ignored).
MAX_SIDECAR_BYTES = 1_000_000
#: Bytes read at a time, so that a decompressor never inflates more than this in one go.
CHUNK = 1 << 20
#: What a gzip stream raises when it is corrupt, truncated or not gzip at all.
GZIP_ERRORS: tuple[type[Exception], ...] = (gzip.BadGzipFile, EOFError, zlib.error)


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


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


def default_limit() -> int:
    """``max_input_bytes`` of the default settings (environment, ``threatnews.toml``, defaults)."""
    return Settings().max_input_bytes


def too_large(limit: int) -> InputError:
    """The E016 error of an input found to hold more than ``limit`` bytes (reading stopped there)."""
    return InputError(Errors.E016, f"more than {limit}")


def open_input(path: Path) -> BinaryIO:
    """A file opened for reading as bytes, decompressed as it is read when its name ends in ``.gz``.

    Raises:
        InputError: the file cannot be opened (E012).
    """
    try:
        if path.suffix.lower() == COMPRESSED_SUFFIX:
            return gzip.open(path, "rb")  # type: ignore[return-value]
        return path.open("rb", buffering=CHUNK)
    except OSError as exc:
        raise InputError(Errors.E012, exc.strerror or type(exc).__name__) from exc


def read_at_most(stream: Readable, size: int) -> bytes:
    """Up to ``size`` bytes of ``stream`` (fewer at its end), read ``CHUNK`` bytes at a time."""
    chunks, left = [], size
    while left > 0:
        chunk = stream.read(min(left, CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_limited(stream: Readable, limit: int) -> bytes:
    """All of ``stream`` when it holds at most ``limit`` bytes; never reads more than ``limit + 1``.

    Raises:
        InputError: E016 when the stream holds more than ``limit`` bytes.
    """
    data = read_at_most(stream, limit + 1)
    if len(data) > limit:
        raise too_large(limit)
    return data


def read_error(exc: Exception) -> InputError:
    """The coded error of a failed read: corrupt or truncated gzip (E004), else unreadable (E012)."""
    if isinstance(exc, GZIP_ERRORS):
        return InputError(Errors.E004, str(exc) or type(exc).__name__)
    return InputError(Errors.E012, getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)


def read_bytes(path: Path, limit: int) -> bytes:
    """A file's bytes, decompressed when its name ends in ``.gz``, reading at most ``limit + 1`` of them.

    Raises:
        InputError: unreadable (E012), corrupt, truncated or not really gzip (E004), or more than
            ``limit`` bytes (after decompression; E016).
    """
    with open_input(path) as stream:
        try:
            return read_limited(stream, limit)
        except (OSError, *GZIP_ERRORS) as exc:
            raise read_error(exc) from exc


def sidecar_hints(path: Path) -> tuple[str | None, dict[str, str]]:
    """The URL and hints that ``threatnews fetch`` left beside a page, if it did."""
    name = path.name
    for suffix in (".html.gz", ".htm.gz", ".html", ".htm"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    sidecar = path.with_name(name + SIDECAR_SUFFIX)
    try:
        if not sidecar.is_file() or sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            return None, {}
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, {}
    if not isinstance(meta, dict):
        return None, {}
    content_type = meta.get("content_type")
    charset = charset_from_content_type(content_type) if isinstance(content_type, str) else None
    hints = {"charset": charset} if charset else {}
    hints.update(published_hints(meta.get("published")))
    url = next((u for u in (meta.get("final_url"), meta.get("url")) if isinstance(u, str) and u), None)
    return url, hints


def read_file(path: Path, *, limit: int | None = None) -> RawDocument:
    """Read one article file (``.txt``, ``.html``, ``.htm``, optionally ``.gz``).

    Args:
        path: the file.
        limit: most bytes read (after gunzip); ``max_input_bytes`` of the default settings when None.

    Raises:
        InputError: empty, unreadable, corrupt gzip, over ``limit`` bytes, or an unsupported file ending.
    """
    fmt = file_format(path)
    if fmt is None:
        raise InputError(Errors.E011, f"file ending of {path.name}")
    data = read_bytes(path, default_limit() if limit is None else limit)
    if not data.strip():
        raise InputError(Errors.E001)
    url, hints = sidecar_hints(path) if fmt == "html" else (None, {})
    return RawDocument(provenance=Provenance(path=str(path), url=url), format=fmt, content=data, hints=hints)


def failed(provenance: Provenance, exc: InputError) -> Failed:
    """The :class:`Failed` value of an input error (shorthand for :meth:`Failed.from_error`)."""
    return Failed.from_error(provenance, exc)
