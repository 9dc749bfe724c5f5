"""Authors a page names outside its byline fields: the ``alt`` of an author's picture, a byline that is one user
name ("Posted by BeauHD on Friday", a link to ``/users/jsteinhardt``), read by ``author_pick.pick_authors`` when no
byline names a person; and the byline under the headline ("By Ana Ortiz"), which ``metadata`` takes over a
stated author it does not name (a CMS account that posted a guest's article).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.clean.authors import DATE_NOISE, NAME_WORD, USER_NAME, byline_words, lead_texts, people
from pipeline.clean.page import Page, fold, in_other_container, squeeze

#: Most characters between the headline's end and a byline that is the headline's ("By Ana Ortiz" under it).
HEADLINE_BYLINE_CHARS = 400

#: Class or id of an author's picture, how far up it is looked for, and what its ``alt`` adds to the name.
PORTRAIT = re.compile(r"author|avatar", re.IGNORECASE)
PORTRAIT_DEPTH = 3
PORTRAIT_WORDS = re.compile(r"\s*\b(?:image|photo|picture|avatar|headshot|portrait)\b(?:\s+of)?\s*", re.IGNORECASE)

#: What follows a user name in a byline: " on" or " at" and the date, or nothing.
BYLINE_DATE = re.compile(r"\s+(?:on|at)\s.*$|\s+\d.*$", re.IGNORECASE)


def user_name(text: str, page: Page) -> str | None:
    """A byline that is one user name ("jsteinhardt", "Posted by BeauHD on Friday ..."), or None."""
    words = byline_words()
    leads = list(words.lead.finditer(text))
    rest = text[leads[-1].end() :] if leads else text
    rest = DATE_NOISE.sub(" | ", rest).split("|")[0]  # "by whova | Apr 21, 2025"
    name = squeeze(BYLINE_DATE.sub("", rest)).strip(" .:-–—|")
    if " " in name or not (USER_NAME.match(name) or NAME_WORD.match(name) and name[0].isupper()):
        return None
    if fold(name) in words.not_name or name.lower() in words.not_name_word or words.org.search(name):
        return None
    if f"'/{name.lower()}/'" in words.byline_xpath:  # "profile": an author-page folder, not a name
        return None
    if page.is_site_name(name) or words.role.fullmatch(name) or DATE_NOISE.search(f"{name} 1, 2000"):
        return None
    linked = any(squeeze(a.text_content()) == name for a in page.tree.xpath("//a[contains(@href, $n)]", n=f"/{name}"))
    return name if leads or linked else None


def portrait_texts(page: Page) -> Iterator[str]:
    """The ``alt`` or ``title`` of an author's picture: an image in an element whose class or id says author or
    avatar (itself or up to ``PORTRAIT_DEPTH`` levels up), outside comments and story lists."""
    for image in page.tree.iter("img"):
        near = [image, *list(image.iterancestors())[:PORTRAIT_DEPTH]]
        if not any(PORTRAIT.search(f"{e.get('class', '')} {e.get('id', '')}") for e in near):
            continue
        if in_other_container(image):
            continue
        text = squeeze(image.get("alt")) or squeeze(image.get("title"))
        if text:
            yield PORTRAIT_WORDS.sub("", text)


def headline_byline(page: Page, title: str | None) -> list[str]:
    """The people a lead-in byline names just under the headline ("By: Ana Ortiz", "Written by Ana Ortiz and
    Ben Lee", "by Amanda": a lead-in and the headline's place vouch for a one-word name): a text that starts with
    a lead-in, up to ``HEADLINE_BYLINE_CHARS`` after the headline's end."""
    start, length = page.headline_at(title)
    if start < 0:
        return []
    lead = byline_words().lead
    window = page.body_text[start + length : start + length + HEADLINE_BYLINE_CHARS]
    for text in lead_texts(page):
        found = lead.match(text)
        if found and text in window:
            rest = text[found.end() :]
            names = [n for n in people(text, page, stated=False) if " " in n or rest.startswith(n)]
            if names:
                return names
    return []
