"""What a worker does with one input: clean → nlp → record, bounded, ending as a JSON line.

The whole step runs in the worker (a Doc with dataclasses in ``Doc._`` does not survive spaCy's
``n_process`` serialisation), and only the finished line of an ``ArticleRecord`` or ``ErrorRecord``
travels back. Bounds are checked cheapest first: the raw size before decoding, the cleaned body's
length before spaCy, and a time budget (``SIGALRM`` on POSIX, in a process's main thread) around the
rest. Any failure of one document becomes its error line; the run goes on.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from spacy.tokens import Doc

from models import ErrorRecord
from pipeline.clean import clean
from pipeline.documents import CleanArticle, Failed, Provenance, RawDocument
from pipeline.errors import Errors, InputError
from pipeline.language import language_accepted
from pipeline.nlp import build_nlp
from pipeline.records import build_record, doc_id
from pipeline.settings import Settings

#: Most bytes one character takes in any encoding threatnews decodes (UTF-8, UTF-16, UTF-32).
MAX_BYTES_PER_CHAR = 4


@dataclass(frozen=True)
class Outcome:
    """One input's result: the JSON line to write, and what the runner needs to count and dedupe it."""

    provenance: Provenance
    line: str
    doc_id: str | None = None
    error_type: str | None = None

    @property
    def is_record(self) -> bool:
        return self.error_type is None


class DocTimeout(BaseException):
    """The time budget ran out (a BaseException, so no ``except Exception`` in a stage swallows it)."""


def error_record(failed: Failed) -> ErrorRecord:
    """The output record of an input that failed."""
    p = failed.provenance
    return ErrorRecord(
        source=p.path or p.url or "<text>",
        record=p.record,
        stage=failed.stage,
        code=failed.code,
        error_type=failed.error_type,
        message=failed.message,
        duplicate_of=failed.duplicate_of,
    )


def failure(provenance: Provenance, code: Errors, detail: str = "", *, stage: str) -> Failed:
    return Failed(provenance, stage, code.name, code.error_type, code.format(detail))


def error_outcome(failed: Failed) -> Outcome:
    return Outcome(failed.provenance, error_record(failed).model_dump_json(exclude_none=False), None, failed.error_type)


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


#: A short text run once when a worker starts, so lazy set-up (tables, matchers) is not charged to the
#: first document's time budget.
WARM_UP_TEXT = "Officials said “the hackers were linked to Beijing,” she added."


def warm_up(settings: Settings) -> None:
    """Load the model and run it once in this process."""
    nlp = build_nlp(settings.model)
    if nlp.max_length < settings.max_chars:
        nlp.max_length = settings.max_chars
    nlp(WARM_UP_TEXT)


def bounded(item: RawDocument | Failed, settings: Settings) -> RawDocument | Failed:
    """The input, or its failure when it is too large to send to a worker at all."""
    if isinstance(item, Failed):
        return item
    return _oversize(item, settings) or item


def _oversize(raw: RawDocument, settings: Settings) -> Failed | None:
    """An input too large to decode (raw bytes), or whose text must exceed ``max_chars`` whatever its encoding."""
    size = len(raw.content)
    if size > settings.max_input_bytes:
        return failure(raw.provenance, Errors.E016, str(size), stage="sources")
    if raw.format == "text" and size > MAX_BYTES_PER_CHAR * settings.max_chars:
        return failure(raw.provenance, Errors.E007, f"at least {size // MAX_BYTES_PER_CHAR}", stage="sources")
    return None


def _detail(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def process_item(item: RawDocument | Failed, settings: Settings) -> Outcome:
    """Clean, annotate and record one input; every way it can fail ends as its error line.

    Args:
        item: an input as the sources read it (a :class:`Failed` one is just written as an error).
        settings: limits (``max_input_bytes``, ``max_chars``, ``doc_timeout``), language and model.

    Returns:
        The record's or the error's JSON line, with the ``doc_id`` of a record for deduplication.
    """
    prepared = _prepare(item, settings)
    if isinstance(prepared, Outcome):
        return prepared
    raw, article = prepared
    stage = "nlp"
    try:
        with time_budget(settings.doc_timeout):
            nlp = build_nlp(settings.model)
            try:
                doc = nlp(article.text)
            except Exception as exc:
                return error_outcome(failure(raw.provenance, Errors.E010, _detail(exc), stage="nlp"))
            stage = "extract"
            return _recorded(raw, article, doc, settings)
    except DocTimeout:
        return error_outcome(
            failure(raw.provenance, Errors.E015, f"{settings.doc_timeout:g} s, during {stage}", stage=stage)
        )


def process_batch(items: list[RawDocument | Failed], settings: Settings) -> list[Outcome]:
    """Process several inputs with one ``nlp.pipe`` call, in order; same outcomes as one by one.

    spaCy's neural components run faster over a batch of documents than one at a time (about a tenth,
    measured with the small English model). The batch shares the sum of its documents' time budgets;
    if it runs out, or spaCy fails on the batch, every document of it is processed again alone, so a
    pathological document only ever ends as its own error.
    """
    prepared = [_prepare(item, settings) for item in items]
    ready = [p for p in prepared if not isinstance(p, Outcome)]
    if not ready:
        return [p for p in prepared if isinstance(p, Outcome)]
    nlp = build_nlp(settings.model)
    try:
        with time_budget(settings.doc_timeout * len(ready)):
            docs = list(nlp.pipe((article.text for _, article in ready), batch_size=len(ready)))
    except (DocTimeout, Exception):
        return [p if isinstance(p, Outcome) else process_item(p[0], settings) for p in prepared]
    annotated = iter(docs)
    out: list[Outcome] = []
    for p in prepared:
        if isinstance(p, Outcome):
            out.append(p)
            continue
        raw, article = p
        doc = next(annotated)
        try:
            with time_budget(settings.doc_timeout):
                out.append(_recorded(raw, article, doc, settings))
        except DocTimeout:
            out.append(
                error_outcome(
                    failure(raw.provenance, Errors.E015, f"{settings.doc_timeout:g} s, during extract", stage="extract")
                )
            )
    return out


def _prepare(item: RawDocument | Failed, settings: Settings) -> tuple[RawDocument, CleanArticle] | Outcome:
    """Bounds and cleaning: the cleaned article ready for spaCy, or the input's error line."""
    item = bounded(item, settings)
    if isinstance(item, Failed):
        return error_outcome(item)
    try:
        with time_budget(settings.doc_timeout):
            try:
                article = clean(item)
            except InputError as exc:
                failed = Failed(item.provenance, exc.stage, exc.code.name, exc.code.error_type, exc.message)
                return error_outcome(failed)
            except Exception as exc:  # a crash of trafilatura or lxml (RecursionError...) on a hostile page
                return error_outcome(failure(item.provenance, Errors.E017, _detail(exc), stage="clean"))
    except DocTimeout:
        return error_outcome(
            failure(item.provenance, Errors.E015, f"{settings.doc_timeout:g} s, during clean", stage="clean")
        )
    if not language_accepted(article.language, settings.language):
        return error_outcome(failure(item.provenance, Errors.E006, article.language or "", stage="clean"))
    if len(article.text) > settings.max_chars:
        return error_outcome(failure(item.provenance, Errors.E007, str(len(article.text)), stage="clean"))
    return item, article


def _timed_out(raw: RawDocument, settings: Settings, stage: str) -> Outcome:
    return error_outcome(
        failure(raw.provenance, Errors.E015, f"{settings.doc_timeout:g} s, during {stage}", stage=stage)
    )


def _recorded(raw: RawDocument, article: CleanArticle, doc: Doc, settings: Settings) -> Outcome:
    """The record line of an annotated article, or the error line when building it fails."""
    try:
        record = build_record(article, doc, settings.model)
        line = record.model_dump_json(exclude_none=False)
    except Exception as exc:
        return error_outcome(failure(raw.provenance, Errors.E018, _detail(exc), stage="extract"))
    return Outcome(raw.provenance, line, record.doc_id, None)


def duplicate_outcome(outcome: Outcome, first: str) -> Outcome:
    """A record whose body was already recorded (from ``first``) becomes a duplicate error line."""
    failed = Failed(
        outcome.provenance,
        "clean",
        Errors.E009.name,
        Errors.E009.error_type,
        f"{Errors.E009.format()} ({first})",
        duplicate_of=outcome.doc_id,
    )
    return error_outcome(failed)


__all__ = [
    "bounded",
    "warm_up",
    "DocTimeout",
    "Outcome",
    "doc_id",
    "duplicate_outcome",
    "error_record",
    "process_batch",
    "process_item",
    "time_budget",
]
