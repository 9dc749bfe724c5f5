"""An HTML page's metadata, each field with where it was read, so an analyst can judge it.

The sources, from most to least stated: ``json-ld`` (the page's schema.org data), ``meta`` (its ``<meta>``
tags), ``h1`` (its headline), ``title-tag`` (its ``<title>``), ``byline`` (a byline element on the page),
``time`` (a ``<time>`` or ``itemprop=datePublished`` element), ``url`` (a date in the URL's path), ``markup`` (a
value labelled as the publication date elsewhere in the page's source), ``text`` (a line of the page's text:
a date under the headline, a byline or headline line of the body), ``htmldate`` (trafilatura's date finder,
the last resort), ``domain`` (the site's name from its host) and ``hints`` (what the input itself said, e.g. a
JSONL line's fields). The pickers live in ``titles``, ``authors`` and ``dates``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pipeline.clean.author_marks import headline_byline
from pipeline.clean.author_pick import pick_authors
from pipeline.clean.dates import pick_date
from pipeline.clean.page import Page, fold
from pipeline.clean.titles import pick_title


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about itself; ``sources`` maps each field found to where it was read."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


def _host(url: str | None) -> str | None:
    host = urlsplit(url or "").hostname
    return host.removeprefix("www.") if host else None


def page_metadata(page: Page) -> PageMetadata:
    """Title, authors, publication date and site name of a page, each with its source."""
    sources: dict[str, str] = {}
    title, sources["title"] = pick_title(page)
    authors, sources["authors"] = pick_authors(page)
    shown = headline_byline(page, title)
    if shown and not {fold(a) for a in authors} & {fold(a) for a in shown}:
        authors, sources["authors"] = shown, "byline"  # the page shows another author than its data states
    published, sources["published"] = pick_date(page, title, tuple(authors))
    site, sources["site"] = page.site_names[0] if page.site_names else (_host(page.url), "domain")
    url = page.canonical_url or page.url
    return PageMetadata(
        title=title,
        authors=tuple(authors),
        published=published,
        site=site,
        url=url,
        language=page.language,
        sources={k: v for k, v in sources.items() if v},
    )
