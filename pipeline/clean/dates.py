"""The article's date (ISO 8601, ``YYYY-MM-DD``): the one its page shows under the headline, else the publication
date the page states; never a crawl or comment date.

In order: a date in the URL's path (``/2025/03/17/``, ``/2023/october/03/``); the date the page shows around its
headline (up to ``BEFORE_CHARS`` before it, ``AFTER_CHARS`` after it: "Ana Ortiz · August 25, 2024", and up to
``LABELLED_AFTER_CHARS`` when labelled or after an author's name: "Published Oct 14, 2025"; a labelled
publication date first), unless that is the stated date give or take a day (time zones: the stated one is
taken), is labelled an update, or is the modification date the page's data states (then the stated publication
date is taken); where the only stated date is a JSON-LD ``datePublished`` the page never writes out (no
publication ``<meta>`` repeats it), the update date the headline shows (on the WCXB dev pages the reference date
12 times, the hidden one 2; where a ``<meta>`` repeats the hidden date, the reference is that date 9 times in 16);
the stated publication date: the JSON-LD ``datePublished`` of the article, the publication ``<meta>`` tags
(``article:published_time`` and the others of ``data/page_metadata.tsv``, then any ``<meta>`` whose name says
publication), an element marked ``itemprop=datePublished``, the first ``<time>`` of the page that is not
labelled an update nor in comments or other stories; a value labelled as the publication date in the page's
source (``data-pubdate``, a script's ``"publishDate"``, escaped in an attribute too) when the page writes it
out; then a date the headline shows as an update's ("Last updated: May 1, 2025"), as that is the date the page
gives its article; then that value of the source even so.

A reader cites the date a page shows: where it shows one date under the headline and its data states another,
the shown one is the article's (a re-dated article, a CMS that stamps the import date); an update date is shown
and cited only when nothing else dates the article. A ``datePublished`` that only a generic ``WebPage`` object
gives is taken only when the page repeats it somewhere (a ``<meta>`` tag, a ``<time>``, the URL, its visible
text). Only when nothing holds a date is ``htmldate`` (a trafilatura dependency) asked, with its preference for
the original date and without its extensive search of the text (which reads copyright years and comment dates),
and its answer is taken only when the page shows that date without an update label. ``dateModified`` and
``article:modified_time`` are never taken. The label words are data (``data/date_labels.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from functools import cache

from htmldate import find_date

from pipeline.clean.page import Page, in_other_container, squeeze
from pipeline.data import read_rows

#: Oldest year taken for a web article's date.
MIN_YEAR = 1995
#: How far past today (days) a date may lie (time zones, and pages stamped at midnight ahead).
MAX_AHEAD_DAYS = 2
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
YEAR_FIRST = re.compile(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T|$)")
MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE)
#: Dates in a URL's path: /2025/03/17/, /2025-03-17-, /20250317/.
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)|/((?:19|20)\d{2})(\d{2})(\d{2})/")
#: ...and with the month's name: /2023/october/03/.
URL_NAMED_DATE = re.compile(rf"/((?:19|20)\d{{2}})/{_MONTH}/(\d{{1,2}})(?!\d)", re.IGNORECASE)
#: JSON-LD scripts, left out of that search (their dates were weighed above).
JSON_LD_SCRIPT = re.compile(r"<script[^>]*ld\+json[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)
#: Characters before a date in the text searched for its label ("Last updated on").
LABEL_CHARS = 25
LABELS_TABLE = "date_labels.tsv"
#: A quotation mark in a page's source, as written or escaped (in an attribute, in a string of a script).
_QUOTE = r"""(?:["']|&quot;|\\")"""
#: Most ``<time>`` elements looked at.
MAX_TIMES = 30


@dataclass(frozen=True)
class DateLabels:
    """``data/date_labels.tsv``, compiled: update and publication labels, and publication keys in a page's source."""

    update: re.Pattern[str]
    publish: re.Pattern[str]
    key: re.Pattern[str]
    source: re.Pattern[str]


@cache
def date_labels(table: str = LABELS_TABLE) -> DateLabels:
    """Compile the table once per process.

    Raises:
        ValueError: a row without two cells or of an unknown kind.
    """
    kinds: dict[str, list[str]] = {"update": [], "publish": [], "publish_key": []}
    for row in read_rows(table):
        if len(row) != 2 or row[0] not in kinds:
            raise ValueError(f"{table}: expected kind, stem in {row!r}")
        kinds[row[0]].append(re.escape(row[1].lower()))
    keys = "|".join(kinds["publish_key"])
    return DateLabels(
        update=re.compile("|".join(kinds["update"]), re.IGNORECASE),
        publish=re.compile("|".join(kinds["publish"]), re.IGNORECASE),
        key=re.compile(keys, re.IGNORECASE),
        # a key, the rest of its name, a quote, ":" or "=", and an ISO date: "publishDate":"2025-05-27", also where
        # the data sits escaped in an attribute or a string (&quot;datePublished&quot;:&quot;2025-11-17)
        source=re.compile(rf"(?:{keys})[\w-]*{_QUOTE}?\s*[:=]\s*{_QUOTE}?\s*(\d{{4}}-\d{{2}}-\d{{2}})", re.IGNORECASE),
    )


def _valid(year: int, month: int, day: int, today: date) -> str | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if found.year < MIN_YEAR or found > today + timedelta(days=MAX_AHEAD_DAYS):
        return None
    return found.isoformat()


def parse_date(value: str | None, today: date | None = None) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a stated date: ISO 8601, RFC 2822, "March 17, 2025", "17 Mar 2025".

    Numeric day-first or month-first dates ("05/03/2025") are not read: they cannot be told apart.
    """
    text = squeeze(value)
    if not text:
        return None
    today = today or date.today()
    for pattern in (ISO, YEAR_FIRST, COMPACT):
        found = pattern.search(text) if pattern is not COMPACT else pattern.match(text)
        if found:
            return _valid(int(found[1]), int(found[2]), int(found[3]), today)
    found = MONTH_FIRST.search(text)
    if found:
        return _valid(int(found[3]), MONTHS.index(found[1].lower()[:3]) + 1, int(found[2]), today)
    found = DAY_FIRST.search(text)
    if found:
        return _valid(int(found[3]), MONTHS.index(found[2].lower()[:3]) + 1, int(found[1]), today)
    try:
        stamp = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _valid(stamp.year, stamp.month, stamp.day, today)


def url_date(url: str | None, today: date | None = None) -> str | None:
    """The date in a URL's path (``/2025/03/17/``), if any."""
    found = URL_DATE.search(url or "")
    if not found:
        named = URL_NAMED_DATE.search(url or "")
        if not named:
            return None
        return _valid(int(named[1]), MONTHS.index(named[2].lower()[:3]) + 1, int(named[3]), today or date.today())
    y, m, d = (found[1], found[2], found[3]) if found[1] else (found[4], found[5], found[6])
    return _valid(int(y), int(m), int(d), today or date.today())


def _ld_published(page: Page, *, articles: bool) -> Iterator[str]:
    objects = page.articles if articles else [o for o in page.json_ld if o not in page.articles]
    for obj in objects:
        value = obj.get("datePublished")
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            yield str(value)


def _label(element) -> str:  # noqa: ANN001  (an lxml element)
    """The class and id of an element and its parent, and the text just before it: what it says it is."""
    parent = element.getparent()
    before = element.getprevious()
    texts = [
        element.get("class", ""),
        element.get("id", ""),
        parent.get("class", "") if parent is not None else "",
        (parent.text or "") if parent is not None else "",
        (before.tail or "") if before is not None else "",
        (before.text_content() if before is not None and len(before.text_content()) < 40 else ""),
    ]
    return " ".join(texts)


def _named_published(page: Page) -> Iterator[str]:
    """``<meta>`` values whose name says publication and not update ("published-date"), in page order."""
    for key, values in page.meta.items():
        if date_labels().key.search(key) and not date_labels().update.search(key):
            yield from values


def _is_update(label: str) -> bool:
    """Whether what an element says of itself makes its date an update's (and not also the publication's): a word
    of it that says update ("post-date__modified-date" too), and none that only says publication (a class that
    the update's class extends, "post-date" beside "post-date__modified-date", says nothing more)."""
    labels = date_labels()
    words = label.split()
    update = [w for w in words if labels.update.search(w)]
    return bool(update) and not any(
        labels.publish.search(w) for w in words if w not in update and not any(u.startswith(w) for u in update)
    )


def _marked_published(page: Page) -> Iterator[str]:
    """Dates on elements marked as the publication date (``itemprop=datePublished``)."""
    for element in page.tree.xpath(".//body//*[@itemprop='datePublished']")[:MAX_TIMES]:
        yield element.get("datetime") or element.get("content") or element.text_content()


def _header_times(page: Page) -> Iterator[str]:
    """``<time>`` dates of the article's header: not labelled an update, not in comments or story lists."""
    for element in page.tree.xpath(".//body//time")[:MAX_TIMES]:
        if _is_update(_label(element)):
            continue
        if in_other_container(element):
            continue
        yield element.get("datetime") or element.text_content()
        return  # only the first: the header's


def _visible(page: Page, iso: str, *, updates: bool) -> bool:
    """Whether the page repeats a date outside its JSON-LD: a publication ``<meta>``, a ``<time>``, the URL, or its
    text; with ``updates`` False, not where it labels the date an update's."""
    if any(parse_date(v) == iso for _, v in page.meta_values("published")) or url_date(page.url) == iso:
        return True
    for element in page.tree.xpath(".//body//time[@datetime]")[:MAX_TIMES]:
        if parse_date(element.get("datetime")) == iso and (updates or not _is_update(_label(element))):
            return True
    return _written(page, iso, updates=updates)


def _written(page: Page, iso: str, *, updates: bool) -> bool:
    """Whether the page's text writes a date out (with ``updates`` False, not where it labels it an update's)."""
    day = date.fromisoformat(iso)
    months = "|".join({day.strftime("%B"), day.strftime("%b")})
    written = re.compile(
        rf"\b(?:(?:{months})\.?\s+0?{day.day}(?:st|nd|rd|th)?,?\s+{day.year}"
        rf"|0?{day.day}(?:st|nd|rd|th)?\s+(?:{months})\.?,?\s+{day.year}|{iso})\b",
        re.IGNORECASE,
    )
    text = page.body_text
    labels = (text[max(0, m.start() - LABEL_CHARS) : m.start()] for m in written.finditer(text))
    return any(updates or not date_labels().update.search(label) for label in labels)


def _modified(page: Page, today: date) -> set[str]:
    """The update dates the page states in its data: the article's JSON-LD ``dateModified``, the modification
    ``<meta>`` tags of the table (``article:modified_time``)."""
    values = [str(obj.get("dateModified")) for obj in page.articles if obj.get("dateModified")]
    values += [v for _, v in page.meta_values("modified")]
    return {found for value in values if (found := parse_date(value, today))}


#: A numeric date written on a page, slashed ("03/01/2017": month first, as US pages write it, unless the first
#: number cannot be a month) or dotted ("17.05.2021": dots are a day-first convention); where both numbers can
#: be a month, the reading that gives the date the page states is taken ("09.10.2024" under a stated
#: 2024-09-10).
NUMERIC = re.compile(r"\b(\d{1,2})([./])(\d{1,2})\2(\d{4})\b")
#: Characters before the headline searched for the date a page shows above it...
BEFORE_CHARS = 100
#: ...and after its end, for the date it shows under it (on the WCXB dev pages, an unlabelled date up to about
#: 300 characters after the headline is the reference date nine times in ten; further on, half the time)...
AFTER_CHARS = 300
#: ...and further on for a date that says what it is ("Published", "Updated") or follows an author's name (a
#: byline under a long standfirst, a picture credit or a table of contents).
LABELLED_AFTER_CHARS = 700
#: A stated date a page shows under its headline up to this many days apart (time zones) is the stated one.
SHOWN_SLACK_DAYS = 1
#: Where a written date may start and end on a page: glued to a label ("EditorialNovember 22, 2018") or to the
#: next word ("Dec 17, 2025Julian"), as page text runs together.
_START, _END = r"(?:\b|(?<=(?-i:[a-z]))(?=(?-i:[A-Z])))", r"(?!\d)"
SHOWN_PATTERNS = (
    re.compile(_START + MONTH_FIRST.pattern[2:-2] + _END, re.IGNORECASE),
    re.compile(_START + DAY_FIRST.pattern[2:-2] + _END, re.IGNORECASE),
    ISO,
    YEAR_FIRST,
    NUMERIC,
)


def _read_shown(found: re.Match[str], today: date, stated: str | None = None) -> str | None:
    if found.re is NUMERIC:
        a, b, y = int(found[1]), int(found[3]), int(found[4])
        usual = _valid(y, b, a, today) if found[2] == "." or a > 12 else _valid(y, a, b, today)
        other = _valid(y, a, b, today) if found[2] == "." and b <= 12 else None
        other = other or (_valid(y, b, a, today) if found[2] == "/" and a <= 12 else None)
        return other if stated and other == stated and usual != stated else usual
    return parse_date(found[0], today)


def _bylined(label: str, authors: tuple[str, ...]) -> bool:
    """Whether the text before a date ends with (a part of) an author's name: the byline's date."""
    words = re.findall(r"\w+", label)
    return bool(words) and any(words[-1] in author.split() for author in authors)


def shown_dates(
    page: Page, today: date, title: str | None = None, stated: str | None = None, authors: tuple[str, ...] = ()
) -> list[tuple[int, str, str]]:
    """Dates written around the headline: (offset from the headline's end, label before, ISO date)."""
    text = page.body_text
    start, heading = page.headline_at(title)
    if start < 0:
        return []
    lo, end = max(0, start - BEFORE_CHARS), start + heading
    window = text[lo : end + LABELLED_AFTER_CHARS]
    labels = date_labels()
    out = []
    taken: list[tuple[int, int]] = []
    for pattern in SHOWN_PATTERNS:
        for found in pattern.finditer(window):
            if any(a < found.end() and found.start() < b for a, b in taken):
                continue
            iso = _read_shown(found, today, stated)
            if not iso:
                continue
            offset = lo + found.start() - end
            label = window[max(0, found.start() - LABEL_CHARS) : found.start()]
            if found.end() - found.start() + offset > AFTER_CHARS and not (
                labels.publish.search(label) or labels.update.search(label) or _bylined(label, authors)
            ):
                continue
            taken.append(found.span())
            out.append((offset, label, iso))
    return sorted(out)


def _shown(found: list[tuple[int, str, str]], *, updates: bool) -> str | None:
    after = [f for f in found if f[0] >= 0] or found
    after = [f for f in after if f[0] <= AFTER_CHARS] or after  # further on only when nothing is nearer
    labelled = [f for f in after if date_labels().publish.search(f[1])]
    if labelled:
        return labelled[0][2]
    if not updates:
        after = [f for f in after if not _is_update(f[1])]
    return after[0][2] if after else None


def _stated(page: Page, today: date) -> tuple[str | None, str | None]:
    """The publication date the page states in its data (JSON-LD, ``<meta>``, marked elements) and where."""
    steps = (
        ("json-ld", _ld_published(page, articles=True)),
        ("meta", (v for _, v in page.meta_values("published"))),
        ("meta", _named_published(page)),
        ("time", _marked_published(page)),
        ("time", _header_times(page)),
    )
    for source, values in steps:
        for value in values:
            found = parse_date(value, today)
            if found:
                return found, source
    return None, None


def _metas(page: Page, iso: str) -> bool:
    """Whether a publication ``<meta>`` tag states the date too (a second statement of it, not only JSON-LD)."""
    return any(parse_date(v) == iso for _, v in page.meta_values("published"))


def _near(one: str, other: str) -> bool:
    return abs(date.fromisoformat(one) - date.fromisoformat(other)) <= timedelta(days=SHOWN_SLACK_DAYS)


def pick_date(page: Page, title: str | None = None, authors: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    """The publication date and where it was read (``url``, ``text``, ``json-ld``, ``meta``, ``time``,
    ``markup``, ``htmldate``)."""
    today = date.today()
    found = url_date(page.url or page.canonical_url, today)
    if found:
        return found, "url"
    stated, source = _stated(page, today)
    shown = shown_dates(page, today, title, stated, authors)
    published = [f for f in shown if f[0] >= 0 and date_labels().publish.search(f[1])]
    if stated and any(_near(d, stated) for *_, d in published or shown):
        return stated, source
    found = _shown(shown, updates=False)
    if found and not (stated and found in _modified(page, today)):
        return found, "text"
    if stated and source == "json-ld" and not _written(page, stated, updates=False) and not _metas(page, stated):
        found = _shown(shown, updates=True)
        if found:
            return found, "text"
    if stated:
        return stated, source
    labelled = date_labels().source.search(JSON_LD_SCRIPT.sub("", page.html))
    marked = parse_date(labelled[1], today) if labelled else None
    if marked and _written(page, marked, updates=False):
        return marked, "markup"
    found = _shown(shown, updates=True)
    if found:
        return found, "text"
    if marked:
        return marked, "markup"
    for value in _ld_published(page, articles=False):
        found = parse_date(value, today)
        if found and _visible(page, found, updates=True):
            return found, "json-ld"
    found = _htmldate(page, today)
    if found and _visible(page, found, updates=False):
        return found, "htmldate"
    return None, None


def _htmldate(page: Page, today: date) -> str | None:
    try:
        found = find_date(
            page.tree,
            url=page.url,
            original_date=True,
            extensive_search=False,
            max_date=today.isoformat(),
        )
    except (ValueError, TypeError):
        return None
    return parse_date(found, today) if found else None
