"""Writers: JSONL of records and of errors, whole lines only.

Each batch is serialised first and written with one ``write`` call, then flushed and fsynced, so a
killed run leaves complete lines behind it and never a torn one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO

from pydantic import BaseModel


def errors_path(out: Path) -> Path:
    """``OUT.jsonl`` → ``OUT.errors.jsonl``, beside it."""
    name = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(f"{name}.errors.jsonl")


class JsonlWriter:
    """Append models to a JSONL file, one batch per write, flushed and fsynced."""

    def __init__(self, path: Path, *, append: bool = False) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: IO[str] = path.open("a" if append else "w", encoding="utf-8")

    def write_batch(self, items: Iterable[BaseModel]) -> int:
        lines = [item.model_dump_json(exclude_none=False) + "\n" for item in items]
        if lines:
            self._file.write("".join(lines))
            self._file.flush()
            os.fsync(self._file.fileno())
        return len(lines)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
