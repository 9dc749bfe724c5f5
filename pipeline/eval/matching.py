"""One-to-one matching of gold and predicted spans by character overlap, shared by the real-news adapters."""

from __future__ import annotations

from collections.abc import Sequence

Parts = Sequence[tuple[int, int]]


def characters(parts: Parts) -> frozenset[int]:
    """The characters a (possibly discontinuous) span covers: the union of its parts."""
    return frozenset(i for start, end in parts for i in range(start, end))


def mutual_overlap(gold: frozenset[int], predicted: frozenset[int]) -> float:
    """The smaller of the shares of gold and of predicted characters that the two have in common."""
    if not gold or not predicted:
        return 0.0
    common = len(gold & predicted)
    return min(common / len(gold), common / len(predicted))


def match_spans(
    gold: Sequence[frozenset[int]], predicted: Sequence[frozenset[int]], threshold: float
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), each side used once, best mutual overlap first, overlap ≥ threshold."""
    candidates = []
    for g, gold_chars in enumerate(gold):
        for p, pred_chars in enumerate(predicted):
            if gold_chars and pred_chars and not gold_chars.isdisjoint(pred_chars):
                score = mutual_overlap(gold_chars, pred_chars)
                if score >= threshold:
                    candidates.append((score, g, p))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return pairs


def overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Two spans share at least one character."""
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]
