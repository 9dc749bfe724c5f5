"""``extract()``: one article in, one record out — the simplest way to use threatnews."""

from __future__ import annotations

from models import ArticleRecord
from pipeline.clean import clean
from pipeline.documents import DocumentFormat, Provenance, RawDocument
from pipeline.nlp import build_nlp
from pipeline.records import build_record
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

    Args:
        content: the page's HTML or the article's text (str or bytes).
        format: "html" or "text"; guessed from the content when None.
        url, path: provenance to put in the record.
        settings: model and limits; defaults when None.

    Raises:
        InputError: the content is empty, binary, or has no article text.
    """
    settings = settings or Settings()
    fmt: DocumentFormat = format or ("html" if looks_like_html(content) else "text")
    article = clean(RawDocument(Provenance(path=path, url=url), fmt, content))
    nlp = build_nlp(settings.model)
    return build_record(article, nlp(article.text), settings.model)
