"""Organisations a page credits as its author, for when it names no person (``author_pick.pick_authors``): a wire
service, an editorial desk or the site itself in a JSON-LD or ``<meta>`` author field ("Reuters", "Investopedia
Staff", the site's own handle "freederia" or domain "Acme.com"), or in a byline ("By the Packet Line Team",
"Newsdesk", "by whova").
"""

from __future__ import annotations

import re

from pipeline.clean.authors import (
    DATE_NOISE,
    MAX_NAME_WORDS,
    NAME_WORD,
    NOT_A_PERSON,
    URL,
    byline_words,
)
from pipeline.clean.page import Page, fold, squeeze

#: What may trail a byline's credit: " on" before a removed date, an e-mail address.
BYLINE_TAIL = re.compile(r"\s+(?:on|\S+@\S+)\s*$", re.IGNORECASE)
#: Longest organisation credit (characters) read from a byline.
MAX_CREDIT_CHARS = 40


def organisation(value: str, page: Page) -> str | None:
    """An organisation a page states as the author ("Reuters", "Investopedia Staff"), or None.

    Only for a stated field (JSON-LD or ``<meta>``) and only when no person is named anywhere: a wire service or
    an editorial desk (or the outlet itself) is then who the page credits, and an analyst is better told that
    than nothing; on the WCXB dev pages such credits are the reference author (first 100 pages: author 0.81 →
    0.84 with them, 0.82 when the outlet's own name is left out).
    """
    words = byline_words()
    text = squeeze(words.credit.sub("", squeeze(value)))
    leads = list(words.lead.finditer(text))
    if leads and text[leads[-1].end() :].strip():  # "By Reuters"; "SFist Contributor" is a credit whole
        text = text[leads[-1].end() :]
    text = text.strip(" .:-–—|[]\"'“”")
    if not text or URL.match(text) or fold(text) in words.not_name or len(text.split()) > MAX_NAME_WORDS:
        return None
    if page.is_site_name(text, loose=True) and "@" not in text:  # the site's handle or domain ("freederia", "Acme.com")
        return text
    if NOT_A_PERSON.search(text) or not any(c.isupper() for c in text):
        return None
    return text


def byline_credit(text: str, page: Page) -> str | None:
    """An organisation a byline credits: "By the Packet Line Team", "Newsdesk", the site's own name.

    The credit must say it is a desk or a company (a word of the ``org`` rows, not only one such word: "Staff"
    alone is no credit, "Marketing Team" is) or be the site's name; its words must be name words and none an
    interface word ("Share").
    """
    words = byline_words()
    first = next((p.strip() for p in DATE_NOISE.sub(" | ", text).split(" | ") if p.strip(" ·•|-–—")), "")
    credit = organisation(BYLINE_TAIL.sub("", first.strip(" ·•|-–—")), page)
    if not credit:
        return None
    if page.is_site_name(credit, loose=True) and len(credit) <= MAX_CREDIT_CHARS:  # "by whova", "crazy lennys"
        return credit
    tokens = credit.split()
    if not all(NAME_WORD.match(t) or words.org.fullmatch(t) for t in tokens) or len(credit) > MAX_CREDIT_CHARS:
        return None
    named = tokens[tokens[0].lower() == "the" :]
    if not named or any(t.lower() in words.not_name_word for t in named):
        return None
    if len(named) < 2 and words.org.fullmatch(named[0]):
        return None
    if words.org.search(credit) or page.is_site_name(credit, loose=True):
        return credit
    return None
