"""The interval index behind the linear-time look-ups: the same answers as a scan over every interval."""

from __future__ import annotations

import random

from pipeline.nlp.intervals import Intervals


def test_intervals_answer_like_a_full_scan():
    rng = random.Random(7)
    items = []
    for n in range(300):
        start = rng.randrange(0, 2_000)
        items.append((start, start + rng.randrange(1, 120), n))
    index = Intervals(items)
    ordered = sorted(items, key=lambda i: (i[0], i[1]))
    for _ in range(300):
        lo = rng.randrange(0, 2_100)
        hi = lo + rng.randrange(1, 80)
        assert index.overlapping(lo, hi) == [v for s, e, v in ordered if s < hi and e > lo]
        assert index.containing(lo, hi) == [v for s, e, v in ordered if s <= lo and hi <= e]
        assert index.within(lo, hi) == [v for s, e, v in ordered if lo <= s and e <= hi]


def test_intervals_empty_index_answers_nothing():
    index = Intervals([])
    assert index.overlapping(0, 10) == index.containing(0, 1) == index.within(0, 10) == []
