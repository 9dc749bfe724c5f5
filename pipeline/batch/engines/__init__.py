"""Engines: where the per-document work runs (this process, a local process pool, a Dask cluster).

Every engine maps a stream of inputs to a stream of :class:`~pipeline.batch.engines.worker.Outcome` in input
order, one per input, so the runner writes the same output whatever runs the work.
"""

from pipeline.batch.engines.worker import Outcome

__all__ = ["Outcome"]
