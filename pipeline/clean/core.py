"""Clean: RawDocument → CleanArticle. The article body and its metadata, page furniture removed.

HTML goes through trafilatura (main text plus metadata, comments off, options measured on the
article-extraction benchmark); plain text keeps its wording
exactly, with line endings normalised to ``\\n``, so offsets into the body stay honest. For both,
page furniture (``data/furniture.tsv``) is dropped as whole lines and what it reveals (a headline,
a byline or author bio, a copyright holder) fills in missing metadata. The body's language is
identified offline. This module knows nothing of spaCy.
"""

from __future__ import annotations

from typing import Any

import trafilatura

from pipeline.clean.encoding import decode
from pipeline.clean.furniture import Furniture, drop_lines, find_furniture
from pipeline.clean.language import identify_language
from pipeline.documents import CleanArticle, RawDocument
from pipeline.errors import Errors, InputError

#: trafilatura's options, picked by measurement on the article-extraction benchmark (``make eval-clean``):
#: favor_precision keeps less navigation and related-story text than the defaults...
PRECISE_OPTIONS: dict[str, Any] = {"include_comments": False, "favor_precision": True}
#: ...but on a few pages its stricter filters drop the article itself; there a second, recall-leaning pass
#: (``fast`` skips the justext/readability fallbacks, which add furniture more often than text) is taken.
RECALL_OPTIONS: dict[str, Any] = {"include_comments": False, "fast": True}
#: Fewest words an HTML page's body needs to count as an article (a menu or a cookie notice has fewer).
MIN_ARTICLE_WORDS = 15
#: A precise body shorter than this (characters, after furniture) is checked against the recall pass...
MIN_PRECISE_CHARS = 1000
#: ...and replaced when it holds less than this share of the recall pass's body.
MIN_PRECISE_SHARE = 0.5

__all__ = ["clean", "clean_html", "clean_text", "decode", "normalise_newlines", "tidy_body"]


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def tidy_body(
    text: str, *, title: str | None, find_headline: bool, authors: tuple[str, ...] = ()
) -> tuple[str, Furniture]:
    """Drop the furniture lines of a body; kept lines are not changed.

    Returns:
        The body without furniture (outer blank lines and runs of blank lines squeezed) and what the
        furniture revealed.
    """
    found = find_furniture(text.split("\n"), title=title, authors=authors, find_headline=find_headline)
    return drop_lines(text, found.drop), found


def clean_text(raw: RawDocument) -> CleanArticle:
    """A plain-text article: the wording exactly as in the file, furniture lines dropped.

    Raises:
        InputError: binary or undecodable (E002, E003), empty (E001), nothing left but furniture (E005).
    """
    text = normalise_newlines(decode(raw.content, declared=raw.hints.get("charset"))).strip("\n")
    if not text.strip():
        raise InputError(Errors.E001, stage="clean")
    body, found = tidy_body(text, title=raw.hints.get("title"), find_headline=True)
    if not body.strip():
        raise InputError(Errors.E005, stage="clean")
    return CleanArticle(
        provenance=raw.provenance,
        text=body,
        title=raw.hints.get("title") or found.title,
        authors=tuple(found.authors) or _split_authors(raw.hints.get("author")),
        published=raw.hints.get("published"),
        site=raw.hints.get("site") or found.site,
        url=raw.provenance.url,
        language=identify_language(body, raw.hints.get("language")),
    )


def clean_html(raw: RawDocument) -> CleanArticle:
    """An HTML page: trafilatura's main text and metadata, then the furniture rules.

    Raises:
        InputError: binary or undecodable (E002, E003), or no article text in the page (E005).
    """
    html = decode(raw.content, declared=raw.hints.get("charset"), html=True)
    if not html.strip():
        raise InputError(Errors.E001, stage="clean")
    doc = trafilatura.bare_extraction(html, url=raw.provenance.url, with_metadata=True, **PRECISE_OPTIONS)
    title = (doc.title if doc is not None else None) or raw.hints.get("title")
    html_authors = _split_authors(doc.author) if doc is not None else ()
    body, found = _tidy_extraction(doc, title, html_authors)
    if len(body) < MIN_PRECISE_CHARS:
        recall = trafilatura.bare_extraction(html, url=raw.provenance.url, with_metadata=False, **RECALL_OPTIONS)
        recall_body, recall_found = _tidy_extraction(recall, title, html_authors)
        if len(body) < MIN_PRECISE_SHARE * len(recall_body):
            body, found = recall_body, recall_found
        if doc is None:
            doc = recall
    if doc is None or len(body.split()) < MIN_ARTICLE_WORDS:
        raise InputError(Errors.E005, stage="clean")
    return CleanArticle(
        provenance=raw.provenance,
        text=body,
        title=title,
        authors=html_authors or tuple(found.authors) or _split_authors(raw.hints.get("author")),
        published=doc.date or raw.hints.get("published"),
        site=doc.sitename or found.site or raw.hints.get("site"),
        url=doc.url or raw.provenance.url,
        language=identify_language(body, doc.language or raw.hints.get("language")),
    )


def _tidy_extraction(doc: Any, title: str | None, authors: tuple[str, ...]) -> tuple[str, Furniture]:
    """trafilatura's body without furniture lines ('' when it found none)."""
    text = normalise_newlines(doc.text or "").strip("\n") if doc is not None else ""
    if not text.strip():
        return "", Furniture(title=title)
    return tidy_body(text, title=title, authors=authors, find_headline=False)


def _split_authors(authors: str | None) -> tuple[str, ...]:
    """trafilatura's ``"A; B"`` → ``("A", "B")``."""
    return tuple(a.strip() for a in (authors or "").split(";") if a.strip())


def clean(raw: RawDocument) -> CleanArticle:
    """Clean one raw document by its format.

    Raises:
        InputError: nothing usable in it (empty, binary, no article).
    """
    return clean_html(raw) if raw.format == "html" else clean_text(raw)
