"""Clean: RawDocument → CleanArticle. The article body and its metadata, page furniture removed.

HTML is parsed once. Its metadata is read from the page itself (``metadata``: the headline, the authors, the
publication date and the site's name, each with where it was read); its main text comes from trafilatura
(comments off, options measured on the article-extraction benchmark and the WCXB article pages), with a
second pass only where the first lost much of the page's text (and a third, favouring recall, where the second
was taken); blocks of the article's container that trafilatura left out between its paragraphs, and a run of
article prose it stopped short of, are then put back in place (``blocks``). Plain text keeps its wording exactly, with
line endings normalised to ``\\n``, so offsets into the body stay honest. For both, page furniture
(``data/furniture.tsv``) is dropped as whole lines and what it reveals (a headline, a byline or author bio, a
copyright holder) fills in missing metadata. The body's language is identified offline. This module knows
nothing of spaCy.
"""

from __future__ import annotations

from typing import Any

import trafilatura
from trafilatura.utils import load_html

from pipeline.clean.blocks import merge_missing_blocks
from pipeline.clean.encoding import decode
from pipeline.clean.furniture import Furniture, drop_lines, find_furniture
from pipeline.clean.language import identify_language
from pipeline.clean.metadata import page_metadata
from pipeline.clean.page import Page
from pipeline.documents import CleanArticle, RawDocument
from pipeline.errors import Errors, InputError

#: trafilatura's options, picked by measurement on the article-extraction benchmark (``make eval-clean``) and the
#: WCXB article pages (``threatnews eval --wcxb``): favor_precision keeps less navigation and related-story text
#: than the defaults...
PRECISE_OPTIONS: dict[str, Any] = {"include_comments": False, "favor_precision": True}
#: ...but on some pages its stricter filters drop most of the article; there a second, balanced pass (trafilatura's
#: defaults, whose justext and readability fallbacks rescue pages its own rules cannot read) is run.
RECALL_OPTIONS: dict[str, Any] = {"include_comments": False}
#: Fewest words an HTML page's body needs to count as an article (a menu or a cookie notice has fewer).
MIN_ARTICLE_WORDS = 15
#: The second pass runs when the precise body (characters, after furniture) is shorter than this...
MIN_PRECISE_CHARS = 1000
#: ...or than this share of the page's paragraph text (``Page.paragraph_chars``): the precise pass lost much of
#: what the page shows as paragraphs. Most pages need no second pass (about one in ten of the WCXB pages does).
MIN_PARAGRAPH_SHARE = 0.7
#: The second pass's body is taken when it is at least this many times as long as the precise one.
RECALL_GAIN = 2.0
#: ...and when it is, a third pass favouring recall, taken when it is longer still by this factor.
WIDE_OPTIONS: dict[str, Any] = {"include_comments": False, "favor_recall": True}
WIDE_GAIN = 1.1

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
    title, title_source = _first((raw.hints.get("title"), "hints"), (found.title, "text"))
    authors, authors_source = _first((tuple(found.authors), "text"), (_split_authors(raw.hints.get("author")), "hints"))
    site, site_source = _first((raw.hints.get("site"), "hints"), (found.site, "text"))
    return CleanArticle(
        provenance=raw.provenance,
        text=body,
        title=title,
        authors=authors,
        published=raw.hints.get("published"),
        site=site,
        url=raw.provenance.url,
        language=identify_language(body, raw.hints.get("language")),
        title_source=title_source,
        authors_source=authors_source,
        published_source="hints" if raw.hints.get("published") else None,
        site_source=site_source,
    )


def clean_html(raw: RawDocument) -> CleanArticle:
    """An HTML page: its metadata read from the page itself, trafilatura's main text, then the furniture rules.

    The page is parsed once; the metadata (``metadata.page_metadata``) and trafilatura's body extraction both
    read that tree (trafilatura's own metadata pass is not run: it would cost as much again).

    Raises:
        InputError: binary or undecodable (E002, E003), or no article text in the page (E005).
    """
    html = decode(raw.content, declared=raw.hints.get("charset"), html=True)
    if not html.strip():
        raise InputError(Errors.E001, stage="clean")
    tree = load_html(html)
    if tree is None:
        raise InputError(Errors.E005, stage="clean")
    page = Page(tree, raw.provenance.url, html)
    meta = page_metadata(page)
    title = meta.title or raw.hints.get("title")
    doc = trafilatura.bare_extraction(tree, url=raw.provenance.url, **PRECISE_OPTIONS)
    body, found = _tidy_extraction(doc, title, meta.authors)
    if len(body) < MIN_PRECISE_CHARS or len(body) < MIN_PARAGRAPH_SHARE * page.paragraph_chars:
        for options, gain in ((RECALL_OPTIONS, RECALL_GAIN), (WIDE_OPTIONS, WIDE_GAIN)):
            other = trafilatura.bare_extraction(tree, url=raw.provenance.url, **options)
            other_body, other_found = _tidy_extraction(other, title, meta.authors)
            if len(other_body) < gain * len(body):
                break
            body, found = other_body, other_found
    merged = merge_missing_blocks(tree, body)
    if merged != body:
        body = tidy_body(merged, title=title, authors=meta.authors, find_headline=False)[0]
    if len(body.split()) < MIN_ARTICLE_WORDS:
        raise InputError(Errors.E005, stage="clean")
    sources = dict(meta.sources)
    authors, sources["authors"] = _first(
        (meta.authors, sources.get("authors")),
        (tuple(found.authors), "text"),
        (_split_authors(raw.hints.get("author")), "hints"),
    )
    title, sources["title"] = _first((meta.title, sources.get("title")), (raw.hints.get("title"), "hints"))
    published, sources["published"] = _first(
        (meta.published, sources.get("published")), (raw.hints.get("published"), "hints")
    )
    site, sources["site"] = _first(
        (meta.site if sources.get("site") != "domain" else None, sources.get("site")),
        (found.site, "text"),
        (raw.hints.get("site"), "hints"),
        (meta.site, "domain"),
    )
    return CleanArticle(
        provenance=raw.provenance,
        text=body,
        title=title,
        authors=authors,
        published=published,
        site=site,
        url=meta.url or raw.provenance.url,
        language=identify_language(body, meta.language or raw.hints.get("language")),
        title_source=sources["title"],
        authors_source=sources["authors"],
        published_source=sources["published"],
        site_source=sources["site"],
    )


def _first(*options: tuple[Any, str | None]) -> tuple[Any, str | None]:
    """The first non-empty value with its source (the last option's empty value, with no source, if none is)."""
    for value, source in options:
        if value:
            return value, source
    return options[-1][0], None


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
