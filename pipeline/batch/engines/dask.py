"""The Dask engine: documents partitioned over a Dask distributed cluster, one part file per partition.

The driver (``threatnews run --engine dask``) reads the inputs in order and sends them in partitions of
``pipe_batch`` documents to the cluster named by ``settings.scheduler`` (``tcp://HOST:8786``), or to a
``LocalCluster`` of ``settings.workers`` processes it starts on 127.0.0.1 when none is named. Each Dask
worker process loads the model once (:func:`pipeline.nlp.build.build_nlp` is cached per process), runs
clean → nlp → record on its partition and writes the record and error lines to its own part files
under ``OUT.parts/``; the driver then merges the parts in input order through the runner (which
dedupes, writes, commits the manifest and reports) and removes them. The output is therefore the same
as the local engine's. ``OUT``'s folder must be on storage every worker can reach (NFS, a shared
volume) when the workers run on other machines.

Every document goes through :func:`pipeline.process.process_documents`, so size bounds and time budgets
apply as in the local engine; Dask runs tasks in worker threads, where :mod:`pipeline.budget` uses a
watchdog timer instead of ``SIGALRM``.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any

from pipeline.batch.engines.worker import Outcome, process_batch
from pipeline.documents import Failed, Provenance, RawDocument
from pipeline.errors import ConfigError, Errors
from pipeline.process import check_limits, warm_up
from pipeline.settings import Settings

#: Partitions in flight per Dask worker.
IN_FLIGHT_PER_WORKER = 2

#: One nlp per worker process: Dask may run several tasks at once in threads of one process.
_NLP_LOCK = threading.Lock()


@dataclass(frozen=True)
class PartLine:
    """What the driver needs of one line in a part file (the line itself stays in the file)."""

    provenance: Provenance
    doc_id: str | None
    error_type: str | None


def parts_dir(out: Path) -> Path:
    """``OUT.jsonl`` → ``OUT.parts/``, beside it."""
    name = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(f"{name}.parts")


def _write_atomically(path: Path, lines: list[str]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write("".join(line + "\n" for line in lines))
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)


def process_partition(
    items: list[RawDocument | Failed], settings: Settings, records_part: str, errors_part: str
) -> list[PartLine]:
    """Run on a Dask worker: process a partition and write its record and error lines to part files."""
    records: list[str] = []
    errors: list[str] = []
    meta: list[PartLine] = []
    with _NLP_LOCK:
        warm_up(settings)
        for outcome in process_batch(items, settings):
            (records if outcome.is_record else errors).append(outcome.line)
            meta.append(PartLine(outcome.provenance, outcome.doc_id, outcome.error_type))
    _write_atomically(Path(records_part), records)
    _write_atomically(Path(errors_part), errors)
    return meta


def _read_part(records_part: Path, errors_part: Path, meta: list[PartLine]) -> Iterator[Outcome]:
    """Merge a partition's two part files back into outcomes, in input order."""
    with (
        records_part.open(encoding="utf-8", newline="\n") as records,
        errors_part.open(encoding="utf-8", newline="\n") as errors,
    ):
        for line in meta:
            source = records if line.error_type is None else errors
            yield Outcome(line.provenance, source.readline().rstrip("\n"), line.doc_id, line.error_type)


class DaskEngine:
    """Map inputs to outcomes, in order, on a Dask cluster."""

    def __init__(self, settings: Settings, out: Path) -> None:
        self.settings = settings
        self.parts = parts_dir(out)
        self._run = uuid.uuid4().hex[:8]
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> DaskEngine:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask is a dependency
            raise ConfigError(Errors.E021, "dask[distributed] is not installed") from exc
        try:
            if self.settings.scheduler:
                self._client = Client(self.settings.scheduler, timeout=f"{self.settings.scheduler_timeout}s")
            else:
                self._cluster = LocalCluster(
                    n_workers=self.settings.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)
        except OSError as exc:
            self.__exit__(None, None, None)
            raise ConfigError(Errors.E021, f"{self.settings.scheduler or 'local cluster'}: {exc}") from exc
        self.parts.mkdir(parents=True, exist_ok=True)
        return self

    def _workers(self) -> int:
        return max(1, len(self._client.scheduler_info().get("workers", {})))

    def map(self, items: Iterable[RawDocument | Failed]) -> Iterator[Outcome]:
        """One outcome per input, in input order; partitions of ``pipe_batch`` inputs run on the cluster."""
        pending: deque[tuple[Any, Path, Path]] = deque()
        limit = self._workers() * IN_FLIGHT_PER_WORKER
        stream = (check_limits(item, self.settings) for item in items)
        index = 0
        while partition := list(islice(stream, self.settings.pipe_batch)):
            records_part = self.parts / f"part-{self._run}-{index:06d}.jsonl"
            errors_part = self.parts / f"part-{self._run}-{index:06d}.errors.jsonl"
            future = self._client.submit(
                process_partition, partition, self.settings, str(records_part), str(errors_part), pure=False
            )
            pending.append((future, records_part, errors_part))
            index += 1
            while len(pending) >= limit:
                yield from self._merge(*pending.popleft())
        while pending:
            yield from self._merge(*pending.popleft())

    def _merge(self, future: Any, records_part: Path, errors_part: Path) -> Iterator[Outcome]:
        meta = future.result()
        yield from _read_part(records_part, errors_part, meta)
        records_part.unlink(missing_ok=True)
        errors_part.unlink(missing_ok=True)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        try:
            self.parts.rmdir()  # only when every part was merged
        except OSError:
            pass
