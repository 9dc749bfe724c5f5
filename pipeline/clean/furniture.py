"""Page furniture: find the lines of a page that are not the article, and what they say about it.

The rules are data (``data/furniture.tsv``): each is a kind (credit, copyright, newsletter, tip,
conversation, subscriber, share, handle, byline, bio), a scope and a regular expression. This module
only applies them, line by line, and never rewrites a line: it says which whole lines to drop, so a
cleaned ``.txt`` body keeps its wording and its offsets stay honest.

The layout it assumes is the one news pages share: a *leading block* (copyright, headline, photo
credit, the headline again, byline) before the first body paragraph and a *trailing block* (sign-up
prompts, tip appeals, "join the conversation", the author's name, bio and handle) after the last.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from pipeline.data import read_rows

FURNITURE_TABLE = "furniture.tsv"
#: Longest line (in words) that an ``any``-scope rule may call furniture: prompts are short.
MAX_FURNITURE_WORDS = 40
#: Longest unmatched line (in words) bridged inside the trailing block when furniture stands on both sides
#: of it ("Want to leave a tip?" / "Our reporters read every message." / "Already a subscriber?").
MAX_BRIDGED_WORDS = 14
#: Most unmatched lines bridged in a row; a longer run is body (a list, a table), and ends the walk.
MAX_BRIDGED_RUN = 2
#: Longest line (in words) taken for a leading headline.
MAX_HEADLINE_WORDS = 30
#: A line that ends like a sentence or a clause (a headline does not end with these).
SENTENCE_END = re.compile(r"[.,;:]\s*$")
WORD = re.compile(r"\w+")
#: Where on the page each scope of the table applies ("any" applies everywhere).
EDGE_SCOPES: dict[str, frozenset[str]] = {
    "head": frozenset({"head"}),
    "tail": frozenset({"tail"}),
    "edge": frozenset({"head", "tail"}),
}
#: Quotation marks: a line holding one is never bridged (it may be the last quote of the article).
QUOTE_MARKS = re.compile('["“”«»„]')


@dataclass(frozen=True)
class FurnitureRule:
    """One row of the furniture table."""

    kind: str
    scope: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class FurnitureRules:
    """The furniture table, compiled once."""

    rules: tuple[FurnitureRule, ...]
    author_separator: re.Pattern[str]

    def match(self, line: str, *, where: str) -> tuple[FurnitureRule, re.Match[str]] | None:
        """The first rule that calls ``line`` furniture, where it stands (``head``, ``tail`` or ``body``)."""
        stripped = line.strip()
        if not stripped:
            return None
        short = len(WORD.findall(stripped)) <= MAX_FURNITURE_WORDS
        for rule in self.rules:
            if rule.scope in EDGE_SCOPES and where not in EDGE_SCOPES[rule.scope]:
                continue
            if rule.scope == "any" and not short:
                continue
            found = rule.pattern.search(stripped)
            if found:
                return rule, found
        return None


@cache
def load_rules(table: str = FURNITURE_TABLE) -> FurnitureRules:
    """Read and compile the furniture table (once per process).

    Raises:
        ValueError: a row without three cells, an unknown scope, or no author separator.
    """
    rules, separator = [], None
    for row in read_rows(table):
        if len(row) != 3:
            raise ValueError(f"{table}: expected kind, scope, pattern in {row!r}")
        kind, scope, pattern = row
        if kind == "author_separator":
            separator = re.compile(pattern)
            continue
        if scope != "any" and scope not in EDGE_SCOPES:
            raise ValueError(f"{table}: unknown scope {scope!r}")
        rules.append(FurnitureRule(kind, scope, re.compile(pattern)))
    if separator is None:
        raise ValueError(f"{table}: no author_separator row")
    return FurnitureRules(tuple(rules), separator)


@dataclass
class Furniture:
    """What :func:`find_furniture` found: the lines to drop, and the page's metadata they gave away."""

    drop: set[int] = field(default_factory=set)
    kinds: dict[int, str] = field(default_factory=dict)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    #: The publication an author bio names ("a staff writer for Packet Line").
    publication: str | None = None

    def add(self, index: int, kind: str) -> None:
        self.drop.add(index)
        self.kinds.setdefault(index, kind)


def _words(line: str) -> int:
    return len(WORD.findall(line))


def _norm(line: str) -> str:
    return " ".join(WORD.findall(line.casefold()))


def _is_headline(line: str) -> bool:
    n = _words(line)
    return 2 <= n <= MAX_HEADLINE_WORDS and not SENTENCE_END.search(line)


def _note(found: Furniture, rules: FurnitureRules, rule: FurnitureRule, match: re.Match[str]) -> None:
    """Keep the metadata a furniture line gives away (author, site)."""
    groups = match.groupdict()
    if groups.get("author"):
        for name in rules.author_separator.split(groups["author"].strip()):
            if name and name not in found.authors:
                found.authors.append(name.strip())
    if groups.get("site") and found.site is None:
        found.site = groups["site"].strip(" ,.")
    if groups.get("publication") and found.publication is None:
        found.publication = groups["publication"].strip(" ,.")


def _site(found: Furniture) -> str | None:
    """The site's name: the copyright holder, or the publication an author bio names.

    The bio's name wins when the copyright holder only adds a company word to it ("Packet Line Media"
    owns "Packet Line"); a bio naming something else ("staff writer for Blaze News" under a "Blaze
    Media" copyright) leaves the copyright holder as the site.
    """
    if found.site and found.publication and found.site.startswith(found.publication + " "):
        return found.publication
    return found.site or found.publication


def find_furniture(
    lines: Sequence[str],
    *,
    title: str | None = None,
    authors: Sequence[str] = (),
    find_headline: bool = True,
    rules: FurnitureRules | None = None,
) -> Furniture:
    """Which lines of a page are furniture, and the title, authors and site they reveal.

    Args:
        lines: the page's lines (no line ends).
        title: the page's title when known already (HTML metadata): lines repeating it are dropped.
        authors: the page's authors when known already (their name lines are furniture at the end).
        find_headline: without a title, take a leading headline-like line for it (plain text).
        rules: the compiled furniture table (the packaged one by default).

    Returns:
        The indices of the lines to drop with their kinds, and the metadata.
    """
    rules = rules or load_rules()
    found = Furniture(title=title, authors=list(authors))
    n = len(lines)
    title_key = _norm(title) if title else None

    # Leading block: furniture, the headline (and its repeats) and blank lines before the first body line.
    start = 0
    while start < n:
        line = lines[start].strip()
        hit = rules.match(line, where="head") if line else None
        if not line:
            pass
        elif hit:
            found.add(start, hit[0].kind)
            _note(found, rules, *hit)
        elif title_key is not None and _norm(line) == title_key:
            found.add(start, "headline")
        elif title_key is None and find_headline and _is_headline(line):
            found.title, title_key = line, _norm(line)
            found.add(start, "headline")
        else:
            break
        start += 1

    # Trailing block: walk back over furniture, the author's name and blank lines; bridge a few short
    # unmatched lines only when more furniture stands above them.
    end = n
    pending: list[int] = []
    index = n - 1
    while index >= start:
        line = lines[index].strip()
        hit = rules.match(line, where="tail") if line else None
        names = {_norm(a) for a in found.authors}
        if not line:
            pass
        elif hit or _norm(line) in names or (title_key is not None and _norm(line) == title_key):
            kind = hit[0].kind if hit else ("name" if _norm(line) in names else "headline")
            for bridged in pending:
                found.add(bridged, "bridged")
            pending.clear()
            found.add(index, kind)
            if hit:
                _note(found, rules, *hit)
            end = index
        elif (
            end < n
            and len(pending) < MAX_BRIDGED_RUN
            and _words(line) <= MAX_BRIDGED_WORDS
            and not QUOTE_MARKS.search(line)
        ):
            pending.append(index)
        else:
            break
        index -= 1

    # Body: furniture that stands anywhere (credits, copyright lines, prompts) and repeats of the title.
    for index in range(start, end):
        line = lines[index].strip()
        if not line or index in found.drop:
            continue
        hit = rules.match(line, where="body")
        if hit:
            found.add(index, hit[0].kind)
            _note(found, rules, *hit)
        elif title_key is not None and _norm(line) == title_key:
            found.add(index, "headline")
    found.site = _site(found)
    return found


def drop_lines(text: str, drop: set[int]) -> str:
    """``text`` without the dropped lines, kept lines unchanged, runs of blank lines squeezed to one."""
    kept: list[str] = []
    for index, line in enumerate(text.split("\n")):
        if index in drop:
            continue
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
    return "\n".join(kept).strip("\n")
