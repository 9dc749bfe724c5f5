"""Time budgets: stop one document's work after a number of seconds, wherever it is.

The chain in :mod:`pipeline.process` runs each stage inside a budget, so a pathological page ends as its own
``E015`` error instead of holding a worker for ever.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class DocTimeout(BaseException):
    """The time budget ran out (a BaseException, so no ``except Exception`` in a stage swallows it)."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`DocTimeout` inside this block after ``seconds`` (no budget when 0).

    In a process's main thread a ``SIGALRM`` timer raises it; in other threads (Dask runs tasks in
    threads) a watchdog timer raises it asynchronously in the thread. Either way it arrives between
    two Python bytecodes, so a stage stuck inside one long C call is stopped when that call returns.
    """
    if seconds <= 0:
        yield
    elif hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _watchdog(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def _expired(signum: int, frame: object) -> None:
        raise DocTimeout

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def _expired() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(DocTimeout))

    timer = threading.Timer(seconds, _expired)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["fired"]:  # raised but perhaps not yet delivered: never let it escape this block
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)
