"""Writers: JSONL of records and of errors, whole lines only.

Each batch is serialised first and written with one ``write`` call, then flushed and fsynced, so a
killed run leaves complete lines behind it and never a torn one. A torn last line can still be left
by a crash inside that one ``write``; :func:`truncate_to` cuts a file back to the size that the resume
manifest (:mod:`pipeline.batch.manifest`) last committed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO

from pydantic import BaseModel

from pipeline.batch.outputs import open_output

#: File name used inside an output folder (``-o OUT_DIR/``).
DEFAULT_RECORDS_NAME = "records.jsonl"


def errors_path(out: Path) -> Path:
    """``OUT.jsonl`` → ``OUT.errors.jsonl``, beside it."""
    name = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(f"{name}.errors.jsonl")


def output_path(out: str | Path) -> Path:
    """The records file for ``-o``: a folder (existing, or given with a trailing slash) holds ``records.jsonl``."""
    path = Path(out)
    if str(out).endswith(("/", os.sep)) or path.is_dir():
        return path / DEFAULT_RECORDS_NAME
    return path


def fsync_dir(path: Path) -> None:
    """Make a file's creation or rename durable by syncing its folder (a no-op where unsupported)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def truncate_to(path: Path, size: int) -> None:
    """Cut ``path`` back to ``size`` bytes (a torn or uncommitted tail); a missing file becomes empty."""
    if not path.exists():
        path.touch()
    if path.stat().st_size > size:
        with path.open("r+b") as handle:
            handle.truncate(size)
            handle.flush()
            os.fsync(handle.fileno())


class JsonlWriter:
    """Append models (or ready JSON lines) to a JSONL file, one batch per write, flushed and fsynced."""

    def __init__(self, path: Path, *, append: bool = False) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: IO[str] = open_output(path, "a" if append else "w")
        fsync_dir(path.parent)

    def write_batch(self, items: Iterable[BaseModel]) -> int:
        return self.write_lines(item.model_dump_json(exclude_none=False) for item in items)

    def write_lines(self, lines: Iterable[str]) -> int:
        """Write JSON lines (without their newlines) in one call, then flush and fsync."""
        chunk = [line + "\n" for line in lines]
        if chunk:
            self._file.write("".join(chunk))
            self._file.flush()
            os.fsync(self._file.fileno())
        return len(chunk)

    @property
    def size(self) -> int:
        """Bytes on disk after the last write (what the manifest commits)."""
        self._file.flush()
        return os.fstat(self._file.fileno()).st_size

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
