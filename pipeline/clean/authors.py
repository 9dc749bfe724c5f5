"""Reading a page's author values: the people a JSON-LD field, a ``<meta>`` tag or a byline names, or none.

The values are found where a page names its authors: the JSON-LD ``author`` of the article (a Person, a list,
nested or ``@id``-referenced objects), the author ``<meta>`` tags, the byline on the page (``rel=author`` and
``itemprop=author`` elements, elements whose class or id says byline or author, links to author pages) and its
lead-in lines ("By Ana Ortiz", an "Author" label with the name after it, even in an aside). Which source wins is
``author_pick``'s to say; user names and portraits are read by ``author_marks``, organisation credits by
``author_credits``.
Each value is cleaned the same way: the lead-in ("By", "Written by") is dropped, so are the names after a credit
("Reviewed by"), job titles ("Staff Writer"), credentials ("MD"), dates and the outlet's name; "A and B" and
"A, B & C" are split. What is left must look like a person's name: an organisation (a word like "Inc", "Team",
"Editorial"), the site's own name, a URL or a CMS placeholder ("admin") is no author. A byline's text is held
to a stricter shape than a stated field: capitalised name words, none of them a function or interface word
("Our People", "Share on Bluesky"), and two to four of them unless a lead-in said a name follows. A template's
field path ("page.head.extra.author") is no author. The words are data (``data/byline_words.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

from lxml.html import HtmlElement

from pipeline.clean.page import (
    Page,
    compact,
    element_text,
    fold,
    in_other_container,
    is_other_container,
    squeeze,
    types_of,
)
from pipeline.data import read_rows

WORDS_TABLE = "byline_words.tsv"
KINDS = ("lead", "credit", "role", "org", "not_name", "not_name_word", "author_path")
#: Most words a person's name has (after roles and credentials are gone); a byline without a lead-in has two
#: to ``MAX_BARE_WORDS``.
MAX_NAME_WORDS = 5
MAX_BARE_WORDS = 4
#: Longest byline text (characters) read: a longer element is an author bio or a whole article.
MAX_BYLINE_CHARS = 200
#: Most byline elements looked at on a page.
MAX_BYLINE_ELEMENTS = 40
#: Between names: commas, semicolons, pipes, "and", "&".
NAME_SEPARATOR = re.compile(r"\s*(?:[,;|/•·]|\band\b|&|\+|\s[-–—]\s)\s*", re.IGNORECASE)
#: A credential after a name ("MD", "RD", "PhD", "E-RYT 200"): short, mostly capitals.
CREDENTIAL = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){1,3}$|^[A-Z]{2,6}(?:[- ][A-Z0-9]{1,6})*\.?$|^Ph\.?D\.?$")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: Dates, weekdays, times and reading times in a byline: they separate names ("Ana Ortiz Dec 3, 2025", "BeauHD on
#: Friday").
DATE_NOISE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\S*|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?"
    r"|\b\d+\s+min(?:ute)?s?\s+read\b|\b(?:last\s+)?(?:updated|published|posted|modified)(?:\s+on)?\b"
    r"|\b(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.IGNORECASE,
)
#: A name word: a capitalised word, an initial, or a particle ("de", "van", "bin").
NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÞĀ-Ž][\w'’.-]*|[a-zà-ÿ]{1,3}|d['’]\w+)$")
#: The outlet or employer after a name ("Ana Ortiz for Packet Line", "CEO of CaseBasix").
OUTLET = re.compile(r"\s+(?:for|at|of|from|with)\s+(?:the\s+)?[A-Z0-9].*$")
#: A user name a CMS shows for its author ("jsteinhardt", "sara.r.peter").
USER_NAME = re.compile(r"^[a-z][a-z0-9._-]{2,29}$")
#: A parenthesised aside in a name ("Paramita (Guha) Ghosh", "Jean-Luc Aufranc (CNXSoft)").
PARENTHESES = re.compile(r"\s*\([^)]*\)")
#: A URL where a name should be (``article:author`` often holds the author's profile page).
URL = re.compile(r"^(?:https?:|www\.|/)", re.IGNORECASE)
#: Things that are never a person: handles, URLs, e-mail addresses, numbers, template braces.
NOT_A_PERSON = re.compile(r"^@|https?:|www\.|\.(?:com|org|net|io)\b|@\w+\.\w|\d|[{}]")
#: Where a template's field path ends in a lead-in word ("page.head.extra.author"), the page printed a placeholder.
FIELD_PATH = re.compile(r"^\S*[.$]$")
#: Byline elements by class or id (links to author pages are added from the table).
BYLINE_XPATH = (
    ".//*[@rel='author' or @itemprop='author' or contains(@class, 'byline') or contains(@class, 'author')"
    " or contains(@class, 'Author') or contains(@class, 'Byline') or contains(@id, 'byline')"
    " or contains(@id, 'author')] | .//a[{links}]"
)
#: Where a lead-in is never a byline: navigation, page footers, forms, buttons ("Powered by").
LEAD_OUTSIDE = frozenset({"nav", "footer", "aside", "form", "button", "select", "label", "script", "style", "noscript"})
#: Longest text (characters) searched for a lead-in.
MAX_LEAD_TEXT = 120
#: The page's short text nodes, where lead-ins are looked for (in Python: an EXSLT ``re:test`` in the XPath calls
#: back into Python once per node, which costs more than the search).
SHORT_TEXTS = f"//body//text()[string-length(.) < {MAX_LEAD_TEXT}]"
SKIPPED_TAGS = frozenset({"meta", "link", "script", "style", "img", "body", "html", "head", "title"})


@dataclass(frozen=True)
class BylineWords:
    """``data/byline_words.tsv``, compiled."""

    lead: re.Pattern[str]
    credit: re.Pattern[str]
    role: re.Pattern[str]
    org: re.Pattern[str]
    not_name: frozenset[str]
    not_name_word: frozenset[str]
    byline_xpath: str
    lead_start: re.Pattern[str]


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in ordered)


@cache
def byline_words(table: str = WORDS_TABLE) -> BylineWords:
    """Compile the table once per process.

    Raises:
        ValueError: a row without two cells or of an unknown kind.
    """
    kinds: dict[str, list[str]] = {k: [] for k in KINDS}
    for row in read_rows(table):
        if len(row) != 2 or row[0] not in kinds:
            raise ValueError(f"{table}: expected kind, phrase in {row!r}")
        kinds[row[0]].append(row[1].lower())
    flags = re.IGNORECASE
    links = " or ".join(f"contains(@href, '/{p}/')" for p in kinds["author_path"]) or "false()"
    return BylineWords(
        lead=re.compile(rf"(?:^|(?<=\W))(?:{_alternation(kinds['lead'])})\b\s*:?\s*", flags),
        credit=re.compile(rf"\b(?:{_alternation(kinds['credit'])})\b.*$", flags),
        role=re.compile(rf"(?:^|[\s,|–—-]+)(?:{_alternation(kinds['role'])})s?\.?$", flags),
        org=re.compile(rf"\b(?:{_alternation(kinds['org'])})\b", flags),
        not_name=frozenset(kinds["not_name"]),
        not_name_word=frozenset(kinds["not_name_word"]),
        byline_xpath=BYLINE_XPATH.format(links=links),
        lead_start=re.compile(rf"^\W*({_alternation(kinds['lead'])})(\s*:|\s+[^\s:]|\s*$)", re.IGNORECASE),
    )


def _person(piece: str, page: Page, words: BylineWords, *, stated: bool, led: bool) -> str | None:
    """A person's name from one piece of a byline, or None when it is none.

    A ``stated`` value (a JSON-LD or ``<meta>`` author field) may be a user name ("jsteinhardt"): the page says it
    is the author's. A byline's text must hold a capitalised name of two to four words, or follow a lead-in.
    """
    name = squeeze(OUTLET.sub("", piece)).strip(" .:-–—|[]\"'“”")
    while True:  # "Ana Ortiz Senior Staff Writer": roles go, from the end
        shorter = words.role.sub("", name).strip(" ,.:-–—|")
        if shorter == name:
            break
        name = shorter
    name = squeeze(name)
    bare = squeeze(PARENTHESES.sub(" ", name))  # checked without its aside, kept with it
    if not bare or fold(bare) in words.not_name or NOT_A_PERSON.search(bare):
        return None
    tokens = bare.split()
    if len(tokens) > MAX_NAME_WORDS or CREDENTIAL.match(bare) or words.org.search(bare):
        return None
    if stated:
        if not all(NAME_WORD.match(t) or t.islower() for t in tokens) or (len(tokens) == 1 and not _single(bare)):
            return None
    else:
        if not all(NAME_WORD.match(t) for t in tokens) or not any(c.isupper() for c in bare):
            return None
        if any(t.lower() in words.not_name_word for t in tokens):  # an initial ("A.") is no article
            return None
        if not led and not (2 <= len(tokens) <= MAX_BARE_WORDS) or (len(tokens) > 1 and bare.isupper()):
            return None
    if page.is_site_name(bare) and (len(tokens) == 1 or bare.isupper()):  # "Accruent", "USA TODAY"
        return None
    return name


def _single(name: str) -> bool:
    """A one-word name a page states: a capitalised name ("Krystyna") or a user name ("jsteinhardt")."""
    return bool(NAME_WORD.match(name) and name[0].isupper() or USER_NAME.match(name))


def people(value: str, page: Page, *, stated: bool = True) -> list[str]:
    """The people a byline or author field names, in order: "By A and B, Staff Writers" → ["A", "B"]."""
    words = byline_words()
    text = squeeze(value)
    if not text or URL.match(text):
        return []
    text = words.credit.sub("", text)
    leads = list(words.lead.finditer(text))
    if leads and " " not in text and FIELD_PATH.match(text[: leads[-1].start()]):
        return []
    led = bool(leads)
    if leads and not text[leads[-1].end() :].strip(" :|,-–—") and leads[-1].start():  # "Ana Ortiz | Author"
        text = text[: leads[-1].start()]
    elif leads:
        text = text[leads[-1].end() :]
    text = DATE_NOISE.sub(" | ", text)
    out: list[str] = []
    for piece in NAME_SEPARATOR.split(text):
        piece = words.lead.sub("", piece.strip())
        name = _person(piece, page, words, stated=stated, led=led) if piece else None
        if name and fold(name) not in {fold(n) for n in out}:
            out.append(name)
    return out


def ld_names(value: Any, page: Page, *, organisations: bool = False) -> list[str]:
    """The names of a JSON-LD ``author`` value; organisations' names (the site's types) only with
    ``organisations`` (``author_credits`` reads them when no person is named)."""
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        item = page.resolve(item)
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            if not organisations and types_of(item) & page.keys.ld.get("site_type", frozenset()):
                continue
            name = item.get("name")
            if isinstance(name, list):
                out += [n for n in name if isinstance(n, str)]
            elif isinstance(name, str):
                out.append(name)
            elif isinstance(item.get("givenName"), str):
                out.append(f"{item['givenName']} {item.get('familyName') or ''}")
    return out


def _byline_elements(page: Page) -> list[HtmlElement]:
    """The innermost byline-like elements of the page, in page order, outside comments and story lists."""
    found = page.tree.xpath(byline_words().byline_xpath)[: MAX_BYLINE_ELEMENTS * 4]
    inner = set(found)
    for element in found:
        for ancestor in element.iterancestors():
            inner.discard(ancestor)
    kept = []
    for element in found:
        if element not in inner or element.tag in SKIPPED_TAGS:
            continue
        if not in_other_container(element):
            kept.append(element)
    return kept[:MAX_BYLINE_ELEMENTS]


def _slug_names(element: HtmlElement, text: str) -> bool:
    """Whether a link's target names the person its text names ("/author/ana-ortiz" for "Ana Ortiz")."""
    href = compact(element.get("href"))
    tokens = [compact(t) for t in text.split() if len(compact(t)) > 1]
    return bool(tokens) and all(t in href for t in tokens)


def byline_texts(page: Page) -> Iterator[str]:
    """The texts of the page's byline elements (the name of an ``itemprop=author``, the first short line of an
    author box), links only when they say or point to an author."""
    for element in _byline_elements(page):
        if element.get("itemprop") == "author":
            named = element.xpath(".//*[@itemprop='name']")
            if named:
                element = named[0]
        text = squeeze(element.get("content")) or element_text(element)
        if len(text) > MAX_BYLINE_CHARS:  # an author box: the name is its first short line
            text = next((t for child in element.iterdescendants() if 0 < len(t := element_text(child)) <= 60), "")
        if not text:
            continue
        by_class = any(k in f"{element.get('class', '')} {element.get('id', '')}".lower() for k in ("author", "byline"))
        if element.tag == "a" and not by_class and element.get("rel") != "author" and not _slug_names(element, text):
            continue
        yield text


def lead_texts(page: Page) -> Iterator[str]:
    """Short texts that start with a lead-in: "By Ana Ortiz", or "Written by" with the name in the next element."""
    return (text for text, _ in lead_lines(page))


def lead_lines(page: Page) -> Iterator[tuple[str, bool]]:
    """``lead_texts``, each with whether it is its element's whole text (not a sentence of a paragraph)."""
    return iter(page.remember("lead_lines", lambda: list(_lead_lines(page))))


def _lead_lines(page: Page) -> Iterator[tuple[str, bool]]:
    words = byline_words()
    nodes = (node for node in page.tree.xpath(SHORT_TEXTS) if words.lead_start.search(node))
    for node in islice(nodes, MAX_BYLINE_ELEMENTS):
        owner = node.getparent()
        if owner is not None and node.is_tail:
            owner = owner.getparent()
        if owner is None or any(a.tag in LEAD_OUTSIDE - {"aside"} for a in (owner, *owner.iterancestors())):
            continue
        text = element_text(owner)
        label = words.lead.fullmatch(text) is not None  # an "Author" heading: the name follows, even in an aside
        if not label and (is_other_container(owner) or in_other_container(owner)):
            continue
        whole = _stands_alone(owner, text, words.lead)
        if len(text) > MAX_LEAD_TEXT:
            text = squeeze(str(node))
        found = list(words.lead.finditer(text))
        if found and not text[found[-1].end() :].strip(" :"):  # the name stands in the next element
            following = owner.xpath("following::text()[normalize-space()]")[:1]
            text = squeeze(" ".join([text, *(str(t) for t in following if len(t) < MAX_LEAD_TEXT)]))
        yield text, whole


def _stands_alone(element: HtmlElement, text: str, lead: re.Pattern[str]) -> bool:
    """Whether an element's short text opens with a lead-in and nothing of a sentence stands just before it ("by
    ibby" on its own line, not a link reading "by project" inside a sentence)."""
    if len(text) > MAX_LEAD_TEXT or lead.match(text) is None:
        return False
    before = element.getprevious()
    parent = element.getparent()
    last = before.tail if before is not None else parent.text if parent is not None else ""
    return not (last or "").strip()
