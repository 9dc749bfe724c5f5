"""``extract()``: one article in, one record out — the simplest way to use threatnews."""

from __future__ import annotations

from models import ArticleRecord
from pipeline.documents import DocumentFormat, Failed, Provenance, RawDocument
from pipeline.errors import Errors, InputError
from pipeline.process import process_document
from pipeline.settings import Settings

#: How :func:`extract` tells HTML from plain text when the caller does not say.
HTML_MARKERS = ("<html", "<!doctype", "<body", "<p>", "<article", "<div")


def looks_like_html(content: str | bytes) -> bool:
    head = (content[:2048].decode("utf-8", "ignore") if isinstance(content, bytes) else content[:2048]).lower()
    return any(marker in head for marker in HTML_MARKERS)


def extract(
    content: str | bytes,
    *,
    format: DocumentFormat | None = None,
    url: str | None = None,
    path: str | None = None,
    settings: Settings | None = None,
) -> ArticleRecord:
    """Extract quotes, speakers, actors and claims from one article's HTML or text.

    The article goes through the same chain as every input of ``threatnews run``
    (:func:`pipeline.process.process_document`): the same limits, language check and time budget.

    Args:
        content: the page's HTML or the article's text (str or bytes).
        format: "html" or "text"; guessed from the content when None.
        url, path: provenance to put in the record.
        settings: model and limits; defaults when None.

    Raises:
        InputError: the input cannot become a record (empty, binary, no article text, another language, too
            large, timed out...); its ``code`` is the same one ``threatnews run`` writes in the error record.
    """
    settings = settings or Settings()
    fmt: DocumentFormat = format or ("html" if looks_like_html(content) else "text")
    result = process_document(RawDocument(Provenance(path=path, url=url), fmt, content), settings)
    if isinstance(result, Failed):
        raise InputError(Errors[result.code], stage=result.stage, message=result.message)
    return result
