"""The runner drives the flow: sources → clean → nlp → records → writers, in streaming batches.

Inputs stream from the sources into an engine (:mod:`pipeline.batch.engines`: this process, a pool of
worker processes, or a Dask cluster) that returns one finished JSON line per input, in input order.
The runner removes duplicate bodies, writes the lines in batches (records to ``OUT``, errors to
``OUT.errors.jsonl``, each batch flushed and fsynced) and then commits the batch to the resume
manifest (:mod:`pipeline.batch.manifest`). Every input ends as a record or an error line; the summary counts
both. Orchestration lives here and nowhere else: stages are plain functions and spaCy components that
know nothing of each other.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Protocol

from pipeline.batch.engines.worker import Outcome, duplicate_outcome
from pipeline.batch.manifest import (
    Finished,
    InputKey,
    ManifestWriter,
    ResumeState,
    input_key,
    load_resume_state,
    manifest_path,
)
from pipeline.batch.outputs import OutputLock, check_outputs
from pipeline.batch.progress import make_progress
from pipeline.batch.writers import JsonlWriter, errors_path, output_path
from pipeline.documents import Failed, RawDocument
from pipeline.settings import Settings
from pipeline.sources import iter_documents

#: Longest a finished outcome waits for its batch to be committed, in seconds (slow documents).
COMMIT_INTERVAL = 5.0

__all__ = ["RunSummary", "run"]


@dataclass
class RunSummary:
    """What a run did: counts for the closing summary and the exit code.

    Counts cover the whole output, inputs finished by an earlier run that ``--resume`` continued
    included (``resumed`` says how many of them there were).
    """

    records: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    seconds: float = 0.0
    resumed: int = 0
    processed: int = 0
    stopped_early: bool = False
    out: Path | None = None

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def docs_per_second(self) -> float:
        """Inputs this run processed (not the resumed ones) per second of wall time."""
        return self.processed / self.seconds if self.seconds else 0.0

    def count(self, finished: Finished) -> None:
        if finished.error_type is None:
            self.records += 1
        else:
            self.errors[finished.error_type] += 1
            self.duplicates += finished.duplicate


class Engine(Protocol):
    def map(self, items: Iterable[RawDocument | Failed]) -> Iterator[Outcome]: ...
    def __enter__(self) -> Engine: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


def make_engine(settings: Settings, out: Path) -> Engine:
    """The engine ``settings.engine`` names (Dask is imported only when asked for)."""
    if settings.engine == "dask":
        from pipeline.batch.engines.dask import DaskEngine

        return DaskEngine(settings, out)
    from pipeline.batch.engines.local import LocalEngine

    return LocalEngine(settings)


def _dedupe(outcome: Outcome, seen: dict[str, str]) -> tuple[Outcome, bool]:
    """A record whose body was recorded before becomes a duplicate error line (the first copy wins)."""
    if outcome.doc_id is None:
        return outcome, False
    first = seen.get(outcome.doc_id)
    if first is None:
        seen[outcome.doc_id] = outcome.provenance.label
        return outcome, False
    return duplicate_outcome(outcome, first), True


class _Batch:
    """Outcomes waiting to be written and committed together."""

    def __init__(self) -> None:
        self.records: list[str] = []
        self.errors: list[str] = []
        self.finished: list[Finished] = []
        self.started = time.monotonic()

    def add(self, key: InputKey, outcome: Outcome, duplicate: bool) -> Finished:
        (self.records if outcome.is_record else self.errors).append(outcome.line)
        finished = Finished(key, outcome.doc_id if outcome.is_record else None, outcome.error_type, duplicate)
        self.finished.append(finished)
        return finished

    def due(self, size: int) -> bool:
        return len(self.finished) >= size or time.monotonic() - self.started >= COMMIT_INTERVAL


def run(paths: Iterable[str | Path], out: str | Path, settings: Settings | None = None) -> RunSummary:
    """Process every article under ``paths`` (files, folders, ``http(s)://`` URLs) into ``out`` (records)
    and ``OUT.errors.jsonl``, with ``OUT.manifest.jsonl`` recording what is done.

    Args:
        paths: inputs, read in order.
        out: the records file, or a folder (``OUT_DIR/``) to hold ``records.jsonl``.
        settings: workers, engine, bounds, ``resume`` and ``fail_fast``; defaults when None.

    Returns:
        The run's summary; ``summary.error_count`` says whether every input became a record.

    Raises:
        ConfigError: ``resume`` was asked for but the output files no longer match their manifest (E020);
            another run holds the output (E025); the output is a link, an input, inside an input folder, or
            a file threatnews did not write and ``force`` is off (E026).
    """
    settings = settings or Settings()
    inputs = list(paths)
    out = output_path(out)
    check_outputs((out, errors_path(out), manifest_path(out)), inputs, force=settings.force, resume=settings.resume)
    with OutputLock(out):
        return _run_locked(inputs, out, settings)


def _run_locked(inputs: list[str | Path], out: Path, settings: Settings) -> RunSummary:
    """The run itself, once its outputs are claimed."""
    started = time.perf_counter()
    state = load_resume_state(out) if settings.resume else ResumeState()
    summary = RunSummary(out=out, resumed=len(state.finished))
    for finished in state.finished:
        summary.count(finished)
    keys: deque[InputKey] = deque()

    def fresh() -> Iterator[RawDocument | Failed]:
        for item in iter_documents(inputs, settings):
            key = input_key(item)
            if state.take(key):
                continue
            keys.append(key)
            yield item

    append = settings.resume
    with (
        JsonlWriter(out, append=append) as records,
        JsonlWriter(errors_path(out), append=append) as errors,
        ManifestWriter(out, append=append) as manifest,
        make_progress(inputs, settings) as progress,
        make_engine(settings, out) as engine,
    ):
        progress.advance(summary.records, summary.error_count)
        batch = _Batch()

        def commit() -> None:
            nonlocal batch
            records.write_lines(batch.records)
            errors.write_lines(batch.errors)
            manifest.commit(batch.finished, records.size, errors.size)
            batch = _Batch()

        try:
            for outcome in engine.map(fresh()):
                key = keys.popleft()
                outcome, duplicate = _dedupe(outcome, state.seen)
                finished = batch.add(key, outcome, duplicate)
                summary.count(finished)
                summary.processed += 1
                progress.advance(int(outcome.is_record), int(not outcome.is_record))
                if settings.fail_fast and not outcome.is_record:
                    summary.stopped_early = True
                    break
                if batch.due(settings.commit_every):
                    commit()
        finally:
            commit()  # whatever finished is written, even on Ctrl-C: the lines are whole
    summary.seconds = time.perf_counter() - started
    return summary
