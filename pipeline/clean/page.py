"""What an HTML page says about itself, read once from its parsed tree.

The ``<meta>`` tags (by name, property or itemprop), every JSON-LD object (nested ones and ``@graph`` members
included, ``{"@id": ...}`` references resolvable), the headings, the ``<title>`` and the names the page gives
its own site (``og:site_name``, the JSON-LD publisher, ``application-name``, the words of its domain). Which
``<meta>`` names and JSON-LD types count for what is data (``data/page_metadata.tsv``); the pickers
(``titles``, ``authors``, ``dates``) decide from what is read here.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from pipeline.data import read_rows

METADATA_TABLE = "page_metadata.tsv"
#: JSON-LD scripts larger than this (characters) are skipped: product catalogues, not page metadata.
MAX_JSON_LD_CHARS = 400_000
#: What a broken JSON-LD script is repaired of before a second try: HTML comments and CDATA markers...
JSON_LD_NOISE = re.compile(r"<!--|-->|//\s*<!\[CDATA\[|//\s*\]\]>|<!\[CDATA\[|\]\]>")
#: ...and trailing commas before a closing bracket.
TRAILING_COMMA = re.compile(r",\s*([}\]])")
SPACES = re.compile(r"\s+")
NON_WORD = re.compile(r"\W+")
#: The page's paragraphs that are not navigation, a header, a footer or an aside.
PARAGRAPHS_XPATH = "//body//p[not(ancestor::nav or ancestor::footer or ancestor::aside or ancestor::header)]"
#: Shortest domain label (characters) matched loosely ("Bridgestone Tires" for ``bridgestone``).
MIN_FUZZY_LABEL = 5
#: Kinds of rows in the table.
KINDS = ("meta", "ld", "class", "label")


@dataclass(frozen=True)
class MetadataKeys:
    """``data/page_metadata.tsv``: the ``<meta>`` names (in order of trust) and JSON-LD types of each field, the
    class tokens of containers that are not the article (and of promotion boxes), and the host labels that never
    name a site."""

    meta: dict[str, tuple[str, ...]]
    ld: dict[str, frozenset[str]]
    other: re.Pattern[str]
    host: frozenset[str]
    promo: re.Pattern[str]


@cache
def metadata_keys(table: str = METADATA_TABLE) -> MetadataKeys:
    """Read the table once per process.

    Raises:
        ValueError: a row without three cells or of an unknown kind.
    """
    found: dict[str, dict[str, list[str]]] = {kind: {} for kind in KINDS}
    for row in read_rows(table):
        if len(row) != 3 or row[1] not in KINDS:
            raise ValueError(f"{table}: expected field, one of {KINDS}, key in {row!r}")
        found[row[1]].setdefault(row[0], []).append(row[2].lower())
    return MetadataKeys(
        meta={k: tuple(v) for k, v in found["meta"].items()},
        ld={k: frozenset(v) for k, v in found["ld"].items()},
        other=_class_tokens(found["class"].get("other", [])),
        host=frozenset(found["label"].get("host", [])),
        promo=_class_tokens(found["class"].get("promo", [])),
    )


def _class_tokens(tokens: list[str]) -> re.Pattern[str]:
    """A class or id token of ``tokens``, alone or followed by what comes after "-" or "_"."""
    alternatives = "|".join(re.escape(t) for t in tokens)
    return re.compile(rf"(?:^|\s)(?:{alternatives})(?:[-_]\S*)?(?=\s|$)", re.IGNORECASE)


def squeeze(text: str | None) -> str:
    """``text`` with character references resolved (JSON-LD carries ``&amp;``) and white space squeezed."""
    text = text or ""
    if "&" in text:
        text = html.unescape(text)
    return SPACES.sub(" ", text).strip()


def fold(text: str | None) -> str:
    """A comparison key: NFKC, lower case, runs of non-word characters made one space."""
    return NON_WORD.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).replace("_", " ").strip()


def compact(text: str | None) -> str:
    """``fold`` without spaces: "Help Net Security" and "helpnetsecurity" meet."""
    return fold(text).replace(" ", "")


#: Elements whose text is never visible.
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template"})
#: Elements that break a line: their text never runs into a neighbour's ("Written by<div>Ana</div>").
BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main "
    "nav ol p section table td th tr ul".split()
)


def element_text(element: HtmlElement) -> str:
    """The visible text of an element (scripts, styles and comments left out), white space squeezed."""
    out: list[str] = []

    def walk(node: HtmlElement) -> None:
        if not isinstance(node.tag, str) or node.tag in HIDDEN_TAGS:
            return
        block = node.tag in BLOCK_TAGS
        if block:
            out.append(" ")
        if node.text:
            out.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if block:
            out.append(" ")

    walk(element)
    return squeeze("".join(out))


def is_other_container(element: HtmlElement) -> bool:
    """Whether an element's class or id says it holds comments, other stories or a sidebar (the table's tokens)."""
    return bool(metadata_keys().other.search(f"{element.get('class', '')} {element.get('id', '')}"))


def is_promotion(element: HtmlElement) -> bool:
    """Whether an element's class or id says it is a promotion or newsletter box (the table's tokens)."""
    return bool(metadata_keys().promo.search(f"{element.get('class', '')} {element.get('id', '')}"))


def in_other_container(element: HtmlElement) -> bool:
    """Whether an element stands in comments, a list of other stories, an aside or a sidebar (an aside around the
    page's ``<main>`` is a broken page's wrapper, no sidebar)."""
    in_main = False
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            return False
        in_main = in_main or ancestor.tag == "main"
        if ancestor.tag == "aside" and not in_main or is_other_container(ancestor):
            return True
    return False


def types_of(obj: dict[str, Any]) -> frozenset[str]:
    """The lower-cased ``@type`` names of a JSON-LD object (a list of types or a URL-prefixed type too)."""
    raw = obj.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return frozenset(str(n).rsplit("/", 1)[-1].lower() for n in names if isinstance(n, str))


def _loads(text: str) -> Any:
    text = text.strip()
    if not text or len(text) > MAX_JSON_LD_CHARS:
        return None
    for attempt in (text, TRAILING_COMMA.sub(r"\1", JSON_LD_NOISE.sub("", text))):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    return None


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD value, depth first, in document order."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(reversed([v for v in item.values() if isinstance(v, dict | list)]))
        elif isinstance(item, list):
            stack.extend(reversed(item))


@dataclass
class Page:
    """One parsed HTML page and the metadata it states, read lazily and once."""

    tree: HtmlElement
    url: str | None = None
    html: str = ""
    keys: MetadataKeys = field(default_factory=metadata_keys)
    #: Answers to costly questions that readers in several modules ask of the page (``remember``).
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def remember(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, worked out once per page: the author readers each ask for the page's lead-in lines ("By
        Ana Ortiz"), and finding them runs a regular expression over every text node."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @cached_property
    def meta(self) -> dict[str, tuple[str, ...]]:
        """``<meta>`` contents by lower-cased name, property or itemprop, in page order."""
        found: dict[str, list[str]] = {}
        for tag in self.tree.iter("meta"):
            content = squeeze(tag.get("content"))
            if not content:
                continue
            for attr in ("property", "name", "itemprop"):
                key = (tag.get(attr) or "").strip().lower()
                if key:
                    found.setdefault(key, []).append(content)
        return {k: tuple(v) for k, v in found.items()}

    def meta_values(self, field_name: str) -> list[tuple[str, str]]:
        """``(name, content)`` of the ``<meta>`` tags the table lists for ``field_name``, in order of trust."""
        return [(key, value) for key in self.keys.meta.get(field_name, ()) for value in self.meta.get(key, ())]

    @cached_property
    def json_ld(self) -> tuple[dict[str, Any], ...]:
        """Every JSON-LD object of the page, nested ones included, in document order."""
        objects: list[dict[str, Any]] = []
        for script in self.tree.iter("script"):
            if "ld+json" in (script.get("type") or "").lower():
                objects.extend(_objects(_loads(script.text or "")))
        return tuple(objects)

    @cached_property
    def ld_ids(self) -> dict[str, dict[str, Any]]:
        """JSON-LD objects by ``@id``, the fullest object of each id (a reference has only ``@id``)."""
        found: dict[str, dict[str, Any]] = {}
        for obj in self.json_ld:
            key = obj.get("@id")
            if isinstance(key, str) and len(obj) > len(found.get(key, {})):
                found[key] = obj
        return found

    def resolve(self, value: Any) -> Any:
        """A ``{"@id": ...}`` reference replaced by the object it names (anything else unchanged)."""
        if isinstance(value, dict) and isinstance(value.get("@id"), str) and len(value) <= 2:
            return self.ld_ids.get(value["@id"], value)
        return value

    def ld_of(self, field_name: str) -> list[dict[str, Any]]:
        """The JSON-LD objects of a type the table lists for ``field_name`` (``article``, ``site_type``)."""
        wanted = self.keys.ld.get(field_name, frozenset())
        return [obj for obj in self.json_ld if types_of(obj) & wanted]

    @cached_property
    def articles(self) -> list[dict[str, Any]]:
        """The JSON-LD objects that describe the article itself."""
        return self.ld_of("article")

    @cached_property
    def title_tag(self) -> str:
        found = self.tree.find(".//title")
        return squeeze(found.text_content()) if found is not None else ""

    @cached_property
    def headings(self) -> list[HtmlElement]:
        """The page's ``<h1>`` elements, in order."""
        return list(self.tree.iter("h1"))

    @cached_property
    def paragraph_chars(self) -> int:
        """Characters of the page's paragraphs outside navigation, headers, footers and asides: about the size of
        its main text, whatever an extractor keeps of it."""
        return sum(len(squeeze(p.text_content())) for p in self.tree.xpath(PARAGRAPHS_XPATH))

    @cached_property
    def body_text(self) -> str:
        """The visible text of the page's body (computed only when asked for)."""
        body = self.tree.find(".//body")
        return element_text(body if body is not None else self.tree)

    def headline_at(self, title: str | None) -> tuple[int, int]:
        """Where the headline (the article's title, else the first ``<h1>``) stands in the page's text, and its
        length; ``(-1, 0)`` when neither is in it."""
        text = self.body_text
        for heading in (title, *(squeeze(h.text_content()) for h in self.headings)):
            start = text.find(heading) if heading else -1
            if start >= 0:
                return start, len(heading)
        return -1, 0

    @cached_property
    def language(self) -> str | None:
        return self.tree.get("lang") or (self.meta.get("og:locale") or (None,))[0]

    @cached_property
    def canonical_url(self) -> str | None:
        """The canonical URL the page declares (absolute only), else ``og:url``."""
        for link in self.tree.iter("link"):
            if "canonical" in (link.get("rel") or "").lower().split():
                href = (link.get("href") or "").strip()
                if href.startswith(("http://", "https://")):
                    return href
        for value in self.meta.get("og:url", ()):
            if value.startswith(("http://", "https://")):
                return value
        return None

    @cached_property
    def domain_labels(self) -> tuple[str, ...]:
        """The labels of the host that can name the site: ``home.tarkett.co.uk`` → ``("home", "tarkett")``."""
        host = urlsplit(self.url or self.canonical_url or "").hostname or ""
        labels = host.lower().split(".")[:-1]
        generic = self.keys.host
        return tuple(compact(label) for label in labels if label and label.rstrip("0123456789") not in generic)

    @cached_property
    def site_names(self) -> list[tuple[str, str]]:
        """The names the page gives its own site, with where each was read, most trusted first."""
        names: list[tuple[str, str]] = [(v, "meta") for _, v in self.meta_values("site")]
        for article in self.articles:
            publisher = self.resolve(article.get("publisher"))
            for one in publisher if isinstance(publisher, list) else [publisher]:
                one = self.resolve(one)
                if isinstance(one, dict) and isinstance(one.get("name"), str):
                    names.append((squeeze(one["name"]), "json-ld"))
        for obj in self.ld_of("site_type"):
            if isinstance(obj.get("name"), str):
                names.append((squeeze(obj["name"]), "json-ld"))
        seen: set[str] = set()
        kept = []
        for name, source in names:
            key = compact(name)
            if key and key not in seen and not name.startswith(("http://", "https://")):
                seen.add(key)
                kept.append((name.lstrip("@"), source))
        return kept

    def is_site_name(self, text: str, *, loose: bool = False) -> bool:
        """Whether ``text`` names the page's own site: one of its site names, or its domain's words.

        With ``loose`` (for a part of a title), the domain's main label (``bridgestone`` of
        ``tires.bridgestone.com``) also names the site when the text only adds to it ("Bridgestone Tires",
        "Newegg.com") or is a part of it ("DianaHR" of ``getdianahr``).
        """
        key = compact(text)
        if len(key) < 2:
            return False
        if any(key == compact(name) for name, _ in self.site_names):
            return True
        labels = self.domain_labels
        if key in labels:
            return True
        main = labels[-1] if labels and loose else ""
        if len(main) >= MIN_FUZZY_LABEL and (key.startswith(main) or (len(key) >= MIN_FUZZY_LABEL and key in main)):
            return True
        return False
