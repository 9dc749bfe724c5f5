"""Offsets in a dataset's text → offsets in the record's ``text``.

Real-news gold (PolNeAR, CASIE) gives character offsets into the dataset's own copy of an article; the record's
body is that text after cleaning (a headline taken out as the title, furniture lines dropped, white space
tidied). The two are aligned once per document on their matching blocks (``difflib``), and gold spans are
carried across; a span whose characters were all removed by cleaning maps to nothing and counts as missed.
"""

from __future__ import annotations

from bisect import bisect_right
from difflib import SequenceMatcher


class Alignment:
    """A character map from ``source`` to ``target`` built from their matching blocks."""

    def __init__(self, source: str, target: str) -> None:
        self.identical = source == target
        blocks = [] if self.identical else SequenceMatcher(None, source, target, autojunk=False).get_matching_blocks()
        self.blocks = [(a, b, n) for a, b, n in blocks if n]
        self.starts = [a for a, _, _ in self.blocks]

    def position(self, i: int) -> int | None:
        """Where source character ``i`` stands in the target, or None when cleaning removed it."""
        if self.identical:
            return i
        k = bisect_right(self.starts, i) - 1
        if k < 0:
            return None
        a, b, n = self.blocks[k]
        return b + (i - a) if i < a + n else None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The target span covering the kept characters of source ``[start, end)``, or None if none were kept."""
        if self.identical:
            return start, end
        kept = [p for i in range(start, end) if (p := self.position(i)) is not None]
        return (min(kept), max(kept) + 1) if kept else None

    def spans(self, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Each part carried across; parts that cleaning removed whole are dropped."""
        return [mapped for s, e in parts if (mapped := self.span(s, e)) is not None]
