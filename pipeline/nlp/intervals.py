"""Character intervals indexed once per document, so "which quotes contain this cue" or "which mention overlaps
this phrase" costs a bisection plus the answer, not a pass over every quote or mention of the document."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """Half-open intervals ``[start, end)`` with a value each, sorted by (start, end).

    A running maximum of the ends lets a query walk back from the bisection point only as far as an interval
    could still reach the query: linear in the answer for the shallow nesting of quotes and mentions.
    """

    def __init__(self, items: Iterable[tuple[int, int, T]]) -> None:
        self.items = sorted(items, key=lambda item: (item[0], item[1]))
        self.starts = [start for start, _, _ in self.items]
        self.max_end = list(accumulate((end for _, end, _ in self.items), max))

    def overlapping(self, lo: int, hi: int) -> list[T]:
        """Values of the intervals that share a character with ``[lo, hi)``, in interval order."""
        return self._walk(bisect_left(self.starts, hi), lambda start, end: end > lo and start < hi, lo + 1)

    def containing(self, lo: int, hi: int) -> list[T]:
        """Values of the intervals that contain ``[lo, hi)`` whole, in interval order."""
        return self._walk(bisect_right(self.starts, lo), lambda start, end: start <= lo and hi <= end, hi)

    def within(self, lo: int, hi: int) -> list[T]:
        """Values of the intervals lying whole inside ``[lo, hi]``, in interval order."""
        first = bisect_left(self.starts, lo)
        last = bisect_right(self.starts, hi)
        return [value for start, end, value in self.items[first:last] if end <= hi]

    def _walk(self, k: int, keep, reach: int) -> list[T]:  # noqa: ANN001
        out = []
        j = k - 1
        while j >= 0 and self.max_end[j] >= reach:
            start, end, value = self.items[j]
            if keep(start, end):
                out.append(value)
            j -= 1
        out.reverse()
        return out
