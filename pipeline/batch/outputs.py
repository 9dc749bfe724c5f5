"""The output files of a run, claimed safely before anything is written.

A run writes three files beside each other (records, ``.errors.jsonl``, ``.manifest.jsonl``). Before it starts:

- it takes an exclusive lock (``OUT.lock``, ``flock``) held for the whole run, so a second run into the same
  output stops with the holder's pid instead of interleaving lines that ``--resume`` would then trust;
- it refuses an output that is one of its inputs or lies inside an input folder (a run would truncate its own
  input, or read its own records back as articles);
- it refuses an existing file that is not a threatnews output (``-o notes.txt``), unless ``force``;
- every output file is opened with ``O_NOFOLLOW``: a symbolic link planted at an output path is refused, never
  followed to overwrite the file it points to.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from pipeline.errors import ConfigError, Errors
from pipeline.sources.urls import is_url

#: Flags for opening an output file for writing: never through a symbolic link.
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
#: Keys every threatnews record or error line has: a file whose first line lacks them is someone else's.
RECORD_KEYS = frozenset({"doc_id", "pipeline"})
ERROR_KEYS = frozenset({"code", "error_type", "stage"})


def lock_path(out: Path) -> Path:
    """``OUT.jsonl`` → ``OUT.lock`` beside it."""
    name = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(f"{name}.lock")


def open_output(path: Path, mode: str) -> IO[str]:
    """Open an output file for text writing (``"w"`` or ``"a"``), refusing a symbolic link at ``path``.

    Raises:
        ConfigError: ``path`` is a symbolic link (E026).
    """
    flags = os.O_WRONLY | os.O_CREAT | NOFOLLOW | (os.O_APPEND if mode == "a" else os.O_TRUNC)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if path.is_symlink():
            raise ConfigError(
                Errors.E026, f"{path} is a symbolic link; threatnews does not write through links"
            ) from exc
        raise
    return os.fdopen(fd, mode, encoding="utf-8")


def check_outputs(outputs: Iterable[Path], inputs: Iterable[str | Path], *, force: bool, resume: bool) -> None:
    """Refuse outputs that are links, inputs, inside input folders, or files threatnews did not write.

    Raises:
        ConfigError: E026, naming the output and the reason.
    """
    outputs = list(outputs)
    resolved_inputs = [Path(i).resolve() for i in inputs if not is_url(str(i))]
    for out in outputs:
        if out.is_symlink():
            raise ConfigError(Errors.E026, f"{out} is a symbolic link; threatnews does not write through links")
        target = out.resolve()
        for source in resolved_inputs:
            if target == source:
                raise ConfigError(Errors.E026, f"{out} is also an input; writing it would destroy the input")
            if source.is_dir() and target.is_relative_to(source):
                raise ConfigError(Errors.E026, f"{out} lies inside the input folder {source}; the run would read it")
    if force or resume:
        return
    for out in outputs:
        if out.is_file() and not _is_threatnews_output(out):
            raise ConfigError(Errors.E026, f"{out} exists and is not a threatnews output; give --force to overwrite it")


def _is_threatnews_output(path: Path) -> bool:
    """An empty file, or one whose first line is a threatnews record, error or manifest line."""
    with path.open("rb") as handle:
        first = handle.readline(1_000_000)
    if not first.strip():
        return True
    try:
        obj = json.loads(first)
    except ValueError:
        return False
    return isinstance(obj, dict) and (RECORD_KEYS <= obj.keys() or ERROR_KEYS <= obj.keys() or "items" in obj)


class OutputLock:
    """An exclusive ``flock`` on ``OUT.lock`` for the life of a run, naming its holder for anyone who waits."""

    def __init__(self, out: Path) -> None:
        self.path = lock_path(out)
        self._file: IO[str] | None = None

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open_output(self.path, "a")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            holder = self.path.read_text(encoding="utf-8", errors="replace").strip() or "another run"
            raise ConfigError(Errors.E025, f"{self.path}: held by {holder}") from None
        handle.truncate(0)
        handle.write(f"pid {os.getpid()} on {socket.gethostname()} since {time.strftime('%Y-%m-%dT%H:%M:%S')}\n")
        handle.flush()
        self._file = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.truncate(0)
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None
