"""The runner's progress: a rich bar with docs/s and ETA on a terminal, nothing otherwise.

The bar is drawn only when stdout is a terminal and the run is not ``quiet``, so CI logs and pipes stay
clean. It is transient: the CLI's closing summary replaces it.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from pipeline.settings import Settings
from pipeline.sources.files import file_kind, iter_paths

#: Bytes read at a time when counting the lines of a JSONL file for the bar's total.
COUNT_CHUNK = 1 << 20


class RunProgress(Protocol):
    def advance(self, records: int, errors: int) -> None: ...
    def __enter__(self) -> RunProgress: ...
    def __exit__(self, *exc: object) -> None: ...


class NoProgress:
    """No bar (quiet, CI, or stdout not a terminal)."""

    def advance(self, records: int, errors: int) -> None:
        pass

    def __enter__(self) -> NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _jsonl_lines(path: Path) -> int:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(COUNT_CHUNK), b"")) or 1
    except (OSError, EOFError):
        return 1


def estimate_total(inputs: Iterable[str | Path]) -> int:
    """Roughly how many documents the inputs hold: one per article file or URL, one per JSONL line;
    a WARC counts as one (its records are not counted ahead)."""
    total = 0
    paths = []
    for given in inputs:
        if isinstance(given, str) and given.startswith(("http://", "https://")):
            total += 1
        else:
            paths.append(given)
    for path in iter_paths(paths):
        total += _jsonl_lines(path) if file_kind(path) == "jsonl" else 1
    return total


class BarProgress:
    """A rich progress bar: documents done of the estimated total, docs/s, errors, elapsed and ETA."""

    def __init__(self, total: int | None) -> None:
        self._records = self._errors = 0
        self._bar = Progress(
            TextColumn("[bold]threatnews"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]} docs/s, {task.fields[errors]} errors"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(file=sys.stdout),
            transient=True,
        )
        self._task = self._bar.add_task("run", total=total, rate="0.0", errors=0)

    def advance(self, records: int, errors: int) -> None:
        self._records += records
        self._errors += errors
        task = self._bar.tasks[0]
        rate = f"{task.speed:.1f}" if task.speed else "…"
        self._bar.update(self._task, advance=records + errors, rate=rate, errors=self._errors)

    def __enter__(self) -> BarProgress:
        self._bar.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._bar.stop()


def make_progress(inputs: list[str | Path], settings: Settings) -> RunProgress:
    """A bar on a terminal unless ``quiet``; otherwise nothing."""
    if settings.quiet or not sys.stdout.isatty():
        return NoProgress()
    return BarProgress(estimate_total(inputs))
