"""Files and folders: walk them and read each article file once, as bytes."""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.documents import DocumentFormat, Failed, Provenance, RawDocument
from pipeline.errors import Errors, InputError

#: File name endings threatnews reads, and the format each holds.
SUFFIX_FORMATS: dict[str, DocumentFormat] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
}
COMPRESSED_SUFFIX = ".gz"


def file_format(path: Path) -> DocumentFormat | None:
    """The format of an article file by its name (``a.html.gz`` → ``html``), or None if not read."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == COMPRESSED_SUFFIX:
        suffixes = suffixes[:-1]
    return SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield article files under ``paths``, in a stable order, without following symlinked folders.

    A named file is yielded whatever its ending (the reader then says if it is unsupported); files
    found by walking a folder are yielded only when :func:`file_format` knows their ending.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    child = Path(root, name)
                    if file_format(child) is not None:
                        yield child
        else:
            yield path


def read_file(path: Path) -> RawDocument:
    """Read one article file, decompressing ``.gz``.

    Raises:
        InputError: empty, unreadable, corrupt gzip, or an unsupported file ending.
    """
    fmt = file_format(path)
    if fmt is None:
        raise InputError(Errors.E011, f"file ending of {path.name}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Errors.E012, exc.strerror or type(exc).__name__) from exc
    if path.suffix.lower() == COMPRESSED_SUFFIX:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(Errors.E004, str(exc) or type(exc).__name__) from exc
    if not data.strip():
        raise InputError(Errors.E001)
    return RawDocument(provenance=Provenance(path=str(path)), format=fmt, content=data)


def iter_documents(paths: Iterable[str | Path]) -> Iterator[RawDocument | Failed]:
    """Read every article file under ``paths``; unreadable ones come out as :class:`Failed`."""
    for path in iter_paths(paths):
        try:
            yield read_file(path)
        except InputError as exc:
            yield Failed(Provenance(path=str(path)), exc.stage, exc.code.name, exc.code.error_type, exc.message)
