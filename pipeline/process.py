"""The one per-document chain: limits → clean → language/size → nlp → record.

``threatnews run`` (every engine), ``extract()`` and ``threatnews eval`` all call these two functions, so a
document gets the same record, or the same coded failure, whichever way it comes in. Engines add only what is
theirs: where the work runs, and turning results into JSON lines.

Bounds are checked cheapest first: the raw size before decoding, the cleaned body's length before spaCy, and a
time budget (:mod:`pipeline.budget`) around each stage. Any failure of one document becomes its
:class:`~pipeline.documents.Failed`; nothing a document does stops the others.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from models import ArticleRecord
from pipeline.budget import DocTimeout, time_budget
from pipeline.clean import clean
from pipeline.clean.language import language_accepted
from pipeline.documents import CleanArticle, Failed, RawDocument
from pipeline.errors import Errors, InputError
from pipeline.nlp.build import build_nlp
from pipeline.nlp.records import build_record
from pipeline.nlp.syntax import make_doc
from pipeline.settings import Settings

#: Most bytes one character takes in any encoding threatnews decodes (UTF-8, UTF-16, UTF-32).
MAX_BYTES_PER_CHAR = 4
#: A short text run once when a process starts, so lazy set-up (tables, matchers) is not charged to the
#: first document's time budget.
WARM_UP_TEXT = "Officials said “the hackers were linked to Beijing,” she added."

Result = ArticleRecord | Failed


def load_nlp(settings: Settings) -> Language:
    """The spaCy pipeline for ``settings`` (loaded once per process), accepting texts up to ``max_chars``."""
    nlp = build_nlp(settings.model, cache_dir=str(settings.cache_dir))
    if nlp.max_length < settings.max_chars:
        nlp.max_length = settings.max_chars
    return nlp


def warm_up(settings: Settings) -> None:
    """Load the model and run it once in this process."""
    load_nlp(settings)(WARM_UP_TEXT)


def check_limits(item: RawDocument | Failed, settings: Settings) -> RawDocument | Failed:
    """The input, or its failure when it is too large to decode at all (checked before any work)."""
    if isinstance(item, Failed):
        return item
    size = len(item.content)
    if size > settings.max_input_bytes:
        return Failed.of(item.provenance, Errors.E016, str(size), stage="sources")
    if item.format == "text" and size > MAX_BYTES_PER_CHAR * settings.max_chars:
        return Failed.of(item.provenance, Errors.E007, f"at least {size // MAX_BYTES_PER_CHAR}", stage="sources")
    return item


def process_document(item: RawDocument | Failed, settings: Settings, nlp: Language | None = None) -> Result:
    """Clean, annotate and record one input; every way it can fail ends as its :class:`Failed`.

    Args:
        item: an input as the sources read it (a :class:`Failed` one is returned as it is).
        settings: limits (``max_input_bytes``, ``max_chars``, ``doc_timeout``), language and model.
        nlp: the pipeline to use; :func:`load_nlp` of ``settings`` when None.
    """
    prepared = _prepare(item, settings)
    if isinstance(prepared, Failed):
        return prepared
    raw, article = prepared
    stage = "nlp"
    try:
        with time_budget(settings.doc_timeout):
            nlp = nlp or load_nlp(settings)
            try:
                doc = nlp(make_doc(nlp, article.text))
            except Exception as exc:
                return Failed.of(raw.provenance, Errors.E010, _detail(exc), stage="nlp")
            stage = "extract"
            return _record(raw, article, doc, settings)
    except DocTimeout:
        return _timed_out(raw, settings, stage)


def process_documents(
    items: Sequence[RawDocument | Failed], settings: Settings, nlp: Language | None = None
) -> list[Result]:
    """Process several inputs with one ``nlp.pipe`` call, in order: the same results as one by one.

    spaCy's neural components run faster over a batch of documents than one at a time (about a tenth,
    measured with the small English model). The batch shares the sum of its documents' time budgets;
    if it runs out, or spaCy fails on the batch, every document of it is processed again alone, so a
    pathological document only ever ends as its own failure.
    """
    prepared = [_prepare(item, settings) for item in items]
    ready = [p for p in prepared if not isinstance(p, Failed)]
    if not ready:
        return [p for p in prepared if isinstance(p, Failed)]
    nlp = nlp or load_nlp(settings)
    try:
        with time_budget(settings.doc_timeout * len(ready)):
            texts = (make_doc(nlp, article.text) for _, article in ready)
            docs = list(nlp.pipe(texts, batch_size=len(ready)))
    except DocTimeout:
        if len(ready) == 1:  # alone, it has spent its own budget already: running it again would spend it twice
            return [p if isinstance(p, Failed) else _timed_out(p[0], settings, "nlp") for p in prepared]
        return [p if isinstance(p, Failed) else process_document(p[0], settings, nlp) for p in prepared]
    except Exception:
        return [p if isinstance(p, Failed) else process_document(p[0], settings, nlp) for p in prepared]
    annotated = iter(docs)
    results: list[Result] = []
    for p in prepared:
        if isinstance(p, Failed):
            results.append(p)
            continue
        raw, article = p
        doc = next(annotated)
        try:
            with time_budget(settings.doc_timeout):
                results.append(_record(raw, article, doc, settings))
        except DocTimeout:
            results.append(_timed_out(raw, settings, "extract"))
    return results


def _prepare(item: RawDocument | Failed, settings: Settings) -> tuple[RawDocument, CleanArticle] | Failed:
    """Bounds and cleaning: the cleaned article ready for spaCy, or the input's failure."""
    item = check_limits(item, settings)
    if isinstance(item, Failed):
        return item
    try:
        with time_budget(settings.doc_timeout):
            try:
                article = clean(item)
            except InputError as exc:
                return Failed.from_error(item.provenance, exc)
            except Exception as exc:  # a crash of trafilatura or lxml (RecursionError...) on a hostile page
                return Failed.of(item.provenance, Errors.E017, _detail(exc), stage="clean")
    except DocTimeout:
        return _timed_out(item, settings, "clean")
    if not language_accepted(article.language, settings.language):
        return Failed.of(item.provenance, Errors.E006, article.language or "", stage="clean")
    if len(article.text) > settings.max_chars:
        return Failed.of(item.provenance, Errors.E007, str(len(article.text)), stage="clean")
    return item, article


def _record(raw: RawDocument, article: CleanArticle, doc: Doc, settings: Settings) -> Result:
    """The record of an annotated article, or its failure when building it fails."""
    try:
        return build_record(article, doc, settings.model)
    except Exception as exc:
        return Failed.of(raw.provenance, Errors.E018, _detail(exc), stage="extract")


def _timed_out(raw: RawDocument, settings: Settings, stage: str) -> Failed:
    return Failed.of(raw.provenance, Errors.E015, f"{settings.doc_timeout:g} s, during {stage}", stage=stage)


def _detail(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__
