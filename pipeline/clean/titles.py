"""The article's title: its headline, not the ``<title>`` tag.

A ``<title>`` or ``og:title`` often wraps the headline in the site's name ("Headline | Site", "Headline - Site
News", "Site: Headline"). A part is cut off only when it names the page's own site (``og:site_name``, the JSON-LD
publisher, ``application-name``, the words of the domain: see ``page.Page.is_site_name``) or when it is all a
title adds to another title of the same page; a headline's own colons and dashes stay. The separators are data
(``data/title_separators.tsv``).

The headline itself is the page's ``<h1>`` when one agrees with a stated title (``og:title``, the JSON-LD
headline, the ``<title>``): the ``<h1>`` is what a reader sees, the others are written for search engines and
share cards and are often shortened or reworded. Without agreement the stated titles vote, and an ``<h1>``
that is the only one on the page stands over a ``<title>`` that only the tag gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.clean.page import Page, element_text, fold, squeeze
from pipeline.data import read_rows

SEPARATOR_TABLE = "title_separators.tsv"
#: Most words a headline has; a longer ``<h1>`` is a page's lead paragraph or a whole section.
MAX_TITLE_WORDS = 40
MIN_LEAD_WORDS = 3
#: Longest prefix (characters) read as a site name before a colon ("Site: Headline").
MAX_PREFIX_CHARS = 60


@dataclass(frozen=True)
class Separators:
    """The separators of ``data/title_separators.tsv``, compiled."""

    either: re.Pattern[str]
    prefix: re.Pattern[str]


@cache
def separators(table: str = SEPARATOR_TABLE) -> Separators:
    """Compile the table once per process.

    Raises:
        ValueError: a row without two cells or of an unknown position.
    """
    either, prefix = [], []
    for row in read_rows(table):
        if len(row) != 2 or row[1] not in ("either", "prefix"):
            raise ValueError(f"{table}: expected separator, either|prefix in {row!r}")
        (either if row[1] == "either" else prefix).append(re.escape(row[0]))
    return Separators(
        re.compile(rf"\s+(?:{'|'.join(either)})\s+"),
        re.compile(rf"^(.{{1,{MAX_PREFIX_CHARS}}}?)(?:{'|'.join(prefix)})\s+"),
    )


def _parts(title: str) -> list[str]:
    """The title cut at its separators (separators dropped)."""
    return separators().either.split(title)


def _spans(title: str) -> list[tuple[int, int]]:
    """Where each part of the title stands."""
    spans, start = [], 0
    for found in separators().either.finditer(title):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(title)))
    return spans


def strip_site(title: str, page: Page) -> str:
    """``title`` without the parts that name the page's own site (and any tagline after the name)."""
    title = squeeze(title)
    spans = _spans(title)
    if len(spans) > 1:
        parts = [title[a:b] for a, b in spans]
        named = [i for i, part in enumerate(parts) if page.is_site_name(part, loose=True)]
        if named and named[0] > 0:  # "Headline | Site | Tagline": the site name and what follows it go
            title = title[: spans[named[0] - 1][1]]
        elif named and named[-1] < len(parts) - 1:  # "Site | Headline"
            title = title[spans[named[-1] + 1][0] :]
    found = separators().prefix.match(title)
    if found and page.is_site_name(found.group(1), loose=True) and found.end() < len(title):
        title = title[found.end() :]
    return title.strip()


def strip_known(title: str, others: list[str]) -> str:
    """``title`` without a tail (or head) part that is all it adds to another title of the page.

    "Headline | Anything" when the page's ``og:title`` is "Headline": the tail is the site's, whatever it says.
    """
    spans = _spans(title)
    keys = {fold(o) for o in others if o}
    for cut in range(len(spans) - 1, 0, -1):
        head = title[: spans[cut - 1][1]]
        if fold(head) in keys:
            return head.strip()
    for cut in range(1, len(spans)):
        tail = title[spans[cut][0] :]
        if fold(tail) in keys:
            return tail.strip()
    return title


def agrees(headline: str, title: str) -> bool:
    """Whether a stated title is the headline: the same words, or the headline then a separated tail."""
    h, t = fold(headline), fold(title)
    if not h or not t:
        return False
    if h == t:
        return True
    return any(fold(p) == h for p in _heads(title)) or any(fold(p) == t for p in _heads(headline))


def _heads(title: str) -> list[str]:
    """The title's leading parts: "A | B | C" → "A", "A | B"."""
    spans = _spans(title)
    return [title[: spans[i][1]] for i in range(len(spans) - 1)]


def _headline_like(text: str, page: Page) -> bool:
    words = len(text.split())
    return 1 <= words <= MAX_TITLE_WORDS and not page.is_site_name(text)


def _headings(page: Page) -> list[str]:
    """The page's distinct headline-like ``<h1>`` texts, in page order."""
    found: dict[str, str] = {}
    for heading in page.headings:
        text = strip_site(element_text(heading), page)
        if _headline_like(text, page):
            found.setdefault(fold(text), text)
    return list(found.values())


def stated_titles(page: Page) -> list[tuple[str, str]]:
    """The titles the page states (JSON-LD headline, title ``<meta>``, ``<title>``), site names cut off."""
    raw: list[tuple[str, str]] = []
    for article in page.articles:
        for key in ("headline", "name"):
            value = article.get(key)
            if isinstance(value, str) and value.strip():
                raw.append((squeeze(value), "json-ld"))
                break
    raw += [(value, "meta") for _, value in page.meta_values("title")]
    if page.title_tag:
        raw.append((page.title_tag, "title-tag"))
    stripped = [(strip_site(value, page), source) for value, source in raw]
    texts = [t for t, _ in stripped]
    out = []
    for i, (text, source) in enumerate(stripped):
        text = strip_known(text, texts[:i] + texts[i + 1 :])
        if text and _headline_like(text, page):
            out.append((text, source))
    return out


def pick_title(page: Page) -> tuple[str | None, str | None]:
    """The article's headline and where it was read (``h1``, ``json-ld``, ``meta``, ``title-tag``)."""
    headings = _headings(page)
    stated = stated_titles(page)
    for heading in headings:
        if any(agrees(heading, text) for text, _ in stated):
            return heading, "h1"
    if len(headings) == 1 or (headings and len(headings[0].split()) >= MIN_LEAD_WORDS):
        return headings[0], "h1"
    if stated:
        # the title most of the page's stated titles agree with; the most trusted one on a tie
        votes = [sum(agrees(text, other) for other, _ in stated) for text, _ in stated]
        best = max(range(len(stated)), key=lambda i: (votes[i], -i))
        return stated[best]
    if headings:
        return headings[0], "h1"
    return None, None
