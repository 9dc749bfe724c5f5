"""The local engine: documents run in this process (one worker) or in a pool of worker processes.

Each worker process loads the model once (:func:`pipeline.process.load_nlp` is cached per process) and
returns finished JSON lines. Results come back in input order whatever the number of workers, and
only a bounded number of inputs is in flight, so a folder of any size streams through. A worker that
dies (a crash in native code, the OOM killer) breaks the pool: the pool is restarted, the document
that was awaited runs again alone, and if it kills its worker again it ends as an E019 error line.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from pipeline.batch.engines.worker import Outcome, failure_outcome, process_batch, process_item
from pipeline.documents import Failed, RawDocument
from pipeline.errors import Errors
from pipeline.process import check_limits, warm_up
from pipeline.settings import Settings

#: Batches in flight per worker process: enough to keep every worker busy, few enough to stream.
IN_FLIGHT_PER_WORKER = 3
#: Content bytes after which a batch is closed early (a few ordinary articles).
BATCH_BYTES = 48_000
#: Modules the fork server imports once, so each worker starts without importing spaCy again.
PRELOAD = ["pipeline.batch.engines.worker"]

#: How often a worker checks that its run is still alive, in seconds.
PARENT_POLL_SECONDS = 1.0

_worker_settings: Settings | None = None


def _batches(items: Iterable[RawDocument | Failed], size: int) -> Iterator[list[RawDocument | Failed]]:
    """Consecutive inputs, at most ``size`` of them and about ``BATCH_BYTES`` of content together.

    spaCy's peak memory follows the largest batch it has seen; bounding a batch's bytes keeps that peak
    the same on a long run as on a short one.
    """
    batch: list[RawDocument | Failed] = []
    held = 0
    for item in items:
        batch.append(item)
        held += len(item.content) if isinstance(item, RawDocument) else 0
        if len(batch) >= size or held >= BATCH_BYTES:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _work_batch(batch: list[RawDocument | Failed]) -> list[Outcome]:
    assert _worker_settings is not None
    return process_batch(batch, _worker_settings)


def _init_worker(settings: Settings, parent: int) -> None:
    global _worker_settings
    _worker_settings = settings
    _exit_with(parent)
    warm_up(settings)


def _exit_with(parent: int) -> None:
    """End this worker as soon as the run that started it is gone.

    A run killed with ``kill -9`` cannot shut its pool down, and a worker waiting for its next batch would wait
    for ever (holding the model's memory, about 300 MB each). A daemon thread polls the run's pid.
    """

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # the pid was reused by someone else's process: the run is gone too
                os._exit(1)

    threading.Thread(target=watch, name="threatnews-run-watch", daemon=True).start()


def _work(item: RawDocument | Failed) -> Outcome:
    assert _worker_settings is not None, "the worker was not initialised"
    return process_item(item, _worker_settings)


class LocalEngine:
    """Map inputs to outcomes, in order, here or in ``settings.workers`` processes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pool: ProcessPoolExecutor | None = None
        self._pending: deque[tuple[list[RawDocument | Failed], Future[list[Outcome]]]] = deque()

    def map(self, items: Iterable[RawDocument | Failed]) -> Iterator[Outcome]:
        """One outcome per input, in input order."""
        size = self.settings.pipe_batch
        if self.settings.workers <= 1:
            warm_up(self.settings)
            for batch in _batches(items, size):
                yield from process_batch(batch, self.settings)
            return
        limit = self.settings.workers * IN_FLIGHT_PER_WORKER
        for batch in _batches(items, size):
            self._pending.append((batch, self._submit(batch)))
            while len(self._pending) >= limit:
                yield from self._resolve()
        while self._pending:
            yield from self._resolve()

    def _submit(self, batch: list[RawDocument | Failed]) -> Future[list[Outcome]]:
        if self._pool is None:
            self._pool = self._start_pool()
        return self._pool.submit(_work_batch, batch)

    def _start_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return ProcessPoolExecutor(
            max_workers=self.settings.workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.settings, os.getpid()),
        )

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._start_pool()

    def _resolve(self) -> list[Outcome]:
        batch, future = self._pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        # A worker died on this batch: run its inputs alone, to tell the culprit from its neighbours.
        self._restart()
        outcomes = [self._alone(item) for item in batch]
        self._pending = deque((b, self._submit(b)) for b, _ in self._pending)
        return outcomes

    def _alone(self, item: RawDocument | Failed) -> Outcome:
        if isinstance(check_limits(item, self.settings), Failed):
            return process_item(item, self.settings)  # nothing to compute: written as it is
        assert self._pool is not None
        try:
            return self._pool.submit(_work, item).result()
        except BrokenProcessPool:
            self._restart()
            return failure_outcome(item.provenance, Errors.E019, "twice", stage="nlp")

    def close(self) -> None:
        """Stop the workers; inputs still in flight are dropped (they are not in the manifest)."""
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
