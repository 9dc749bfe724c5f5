"""Blocks of the article's own container that trafilatura left out, put back where the page has them.

trafilatura keeps the paragraphs of an article but its link-density and position filters drop some of what sits
between them: subheadings, lists of linked items, short paragraphs. The article's container is the deepest
element holding most of the text trafilatura kept; its blocks (paragraphs, list items, headings, quotes) that
stand *between* the first and the last kept block are inserted into trafilatura's text after the kept block
that precedes them, unless they sit in navigation, an aside, a form, a figure, one of the page's "other
stories" containers (``page.in_other_container``), a promotion or newsletter box (``page.is_promotion``) or an
ARIA landmark that is not the article, are image captions or teasers in capitals, or repeat a block already
there. Nothing before the article's first kept block is added (breadcrumbs, standfirsts, bylines stay out);
after its last, only a run of paragraphs that read as article prose (long, ending a sentence, few links) where
trafilatura stopped early, up to the first block that does not. A page where little of trafilatura's text is
found in blocks is left as it is. Code (``<pre>``) is not added: the reference bodies leave it out. The
furniture rules run on the merged text (``core``).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from pipeline.clean.page import element_text, in_other_container, is_promotion

#: The elements read as blocks (the innermost one wins: a ``<p>`` inside an ``<li>`` is the block).
BLOCK_TAGS = frozenset({"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "dt", "dd"})
#: Blocks under these are never the article's text...
SKIP_ANCESTORS = frozenset({"nav", "aside", "footer", "form", "button", "select", "noscript", "template", "figure"})
#: ...nor under these ARIA landmark roles.
SKIP_ROLES = frozenset({"complementary", "navigation", "banner", "contentinfo", "dialog", "search"})
#: A block after the last kept one is added only as article prose: at least this many words...
MIN_PROSE_WORDS = 15
#: ...ending a sentence...
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?$")
#: ...and with at most this share of its characters in links.
MAX_PROSE_LINKS = 0.3
#: Share of the kept blocks' text the article's container must hold.
CONTAINER_SHARE = 0.8
#: Share of trafilatura's text that must be found in the page's blocks before any block is added.
MIN_MATCHED_SHARE = 0.6
#: Blocks with fewer characters than this are not used to anchor the article (too easily found by chance).
MIN_ANCHOR_CHARS = 25
#: Class or id tokens of image captions and credits.
CAPTION = re.compile(r"caption|credit", re.I)
#: A missing block of at least this many words all in capitals is a teaser for another story.
MIN_CAPS_WORDS = 4
#: A short kept block found this close after the last one (characters) moves the insertion point past it.
NEAR_CHARS = 200
WORDS = re.compile(r"\w+")

__all__ = ["merge_missing_blocks"]


def _key(text: str) -> str:
    return " ".join(WORDS.findall(text.lower()))


def _blocks(root: HtmlElement) -> list[tuple[HtmlElement, str, str]]:
    """The innermost block elements of the page with their text and its words, in document order."""
    out = []
    for el in root.iter(*BLOCK_TAGS):
        if next(el.iterdescendants(*BLOCK_TAGS), None) is not None:
            continue
        text = element_text(el)
        if key := _key(text):
            out.append((el, text, key))
    return out


def _skipped(el: HtmlElement) -> bool:
    for ancestor in el.iterancestors():
        if ancestor.tag in SKIP_ANCESTORS:
            return True
        if (ancestor.get("role") or "").strip().lower() in SKIP_ROLES or is_promotion(ancestor):
            return True
        style = ancestor.get("style", "").replace(" ", "").lower()
        if "display:none" in style or ancestor.get("hidden") is not None or ancestor.get("aria-hidden") == "true":
            return True
    return in_other_container(el)


def merge_missing_blocks(root: HtmlElement, text: str) -> str:
    """trafilatura's ``text`` with the article container's missing blocks inserted (``text`` itself if none)."""
    lines = text.split("\n")
    keys = [_key(line) for line in lines]
    starts, pos = [], 0
    for k in keys:
        starts.append(pos)
        pos += len(k) + 1
    body = " ".join(keys)
    if not body.strip():
        return text
    blocks = _blocks(root)
    found: list[tuple[int, int]] = []  # (block index, end offset in body)
    cursor = 0
    for i, (_, _, k) in enumerate(blocks):
        if len(k) < MIN_ANCHOR_CHARS:
            continue
        at = body.find(k, cursor)
        if at < 0:
            continue
        found.append((i, at + len(k)))
        cursor = at + len(k)
    matched = sum(len(blocks[i][2]) for i, _ in found)
    if not found or matched < MIN_MATCHED_SHARE * len(body):
        return text
    container = _container([blocks[i][0] for i, _ in found], [len(blocks[i][1]) for i, _ in found])
    if container is None:
        return text
    inside = [(i, end) for i, end in found if _within(blocks[i][0], container)]
    if len(inside) < 2:
        return text
    first, last = inside[0][0], inside[-1][0]
    ends = dict(inside)
    inserts: dict[int, list[str]] = {}
    anchor_line = None
    added: set[str] = set()
    end = 0
    for i in range(first, last + 1):
        el, block_text, k = blocks[i]
        if i in ends:
            end = ends[i]
            anchor_line = _line_at(starts, end - 1)
            continue
        if anchor_line is None or not _within(el, container) or _skipped(el):
            continue
        at = body.find(k, end, end + NEAR_CHARS + len(k) + 1)
        if at >= 0 and (at == 0 or body[at - 1] == " "):  # kept, too short to anchor
            end = at + len(k)
            anchor_line = _line_at(starts, end - 1)
            continue
        if k in body or k in added or _promotion(el, block_text):
            continue
        added.add(k)
        inserts.setdefault(anchor_line, []).append(block_text)
    for el, block_text, k in blocks[last + 1 :]:
        if not _within(el, container):
            continue
        if k in body or k in added or _skipped(el) or _promotion(el, block_text) or not _prose(el, block_text):
            break
        added.add(k)
        inserts.setdefault(anchor_line, []).append(block_text)
    if not inserts:
        return text
    out = []
    for n, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(n, ()))
    return "\n".join(out)


def _promotion(el: HtmlElement, text: str) -> bool:
    """Whether a block is an image caption or credit, or a teaser in capitals."""
    if any(CAPTION.search(f"{a.get('class', '')} {a.get('id', '')}") for a in (el, *el.iterancestors())):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= MIN_CAPS_WORDS and all(c.isupper() for c in letters)


def _prose(el: HtmlElement, text: str) -> bool:
    """Whether a block reads as article prose: a paragraph of some length, ending a sentence, with few links."""
    if el.tag != "p" or len(text.split()) < MIN_PROSE_WORDS or not SENTENCE_END.search(text):
        return False
    linked = sum(len(element_text(a)) for a in el.iter("a"))
    return linked <= MAX_PROSE_LINKS * len(text)


def _line_at(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _within(el: HtmlElement, container: HtmlElement) -> bool:
    return el is container or any(a is container for a in el.iterancestors())


def _container(elements: list[HtmlElement], sizes: list[int]) -> HtmlElement | None:
    """The deepest common ancestor holding at least ``CONTAINER_SHARE`` of the kept blocks' text."""
    total = sum(sizes)
    weight: dict[HtmlElement, int] = {}
    depth: dict[HtmlElement, int] = {}
    for el, size in zip(elements, sizes, strict=True):
        chain = list(el.iterancestors())
        for d, ancestor in enumerate(reversed(chain)):
            weight[ancestor] = weight.get(ancestor, 0) + size
            depth[ancestor] = d
    best = [a for a, w in weight.items() if w >= CONTAINER_SHARE * total and a.tag not in ("html",)]
    return max(best, key=lambda a: depth[a]) if best else None
