"""Score records against gold annotations (``corpus/gold``, the seed): the measure of quality.

Gold spans are snippets of text, located in each record's ``text`` here; predicted spans are offsets.
Items are matched one-to-one, greedily by overlap. Scores are micro-averaged over all documents:

- ``quotes``: overlap of at least ``0.3`` of each side (``quotes@0.8``: at least 0.8);
- ``quote_speakers``: accuracy of the speaker on matched quotes (name or an alternative);
- ``actors``: canonical actors (name or alias) with the right country; ``actor_mentions``: mention counts;
- ``agencies``: agencies named, with the right country;
- ``claims``: same kind, same attributed country, same actor (or both unnamed), evidence overlapping;
  ``claimants`` and ``stances``: accuracy on matched claims;
- ``furniture``: share of the ``must_not_be_in_body`` snippets gone from the body;
- ``metadata``: title and authors right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from models import ArticleRecord
from models.gold import GoldArticle, GoldClaim, GoldQuote
from pipeline.eval.metrics import Report

#: Overlap (share of each side) that makes a predicted quote match a gold one.
QUOTE_OVERLAP = 0.3
QUOTE_OVERLAP_STRICT = 0.8
#: Share of a gold claim's evidence snippet that the predicted evidence must cover.
EVIDENCE_COVER = 0.5

_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-"})


def normalise(text: str) -> str:
    """Fold case, quote marks, dashes and white space, for comparing names and locating snippets."""
    return re.sub(r"\s+", " ", text.translate(_QUOTE_CHARS)).strip().casefold()


def locate(snippet: str, text: str, start: int = 0) -> tuple[int, int] | None:
    """Offsets of ``snippet`` in ``text``: exactly, else with quotes, dashes, case and spaces folded."""
    i = text.find(snippet, start)
    if i >= 0:
        return i, i + len(snippet)
    # Fold both sides while keeping a map from folded positions back to the original text.
    folded, index = [], []
    prev_space = False
    for pos, ch in enumerate(text.translate(_QUOTE_CHARS)):
        if ch.isspace():
            if prev_space:
                continue
            ch, prev_space = " ", True
        else:
            prev_space = False
        folded.append(ch.casefold())
        index.append(pos)
    target = normalise(snippet)
    j = "".join(folded).find(target)
    if j < 0 or not target:
        return None
    return index[j], index[j + len(target) - 1] + 1


def names_match(predicted: str | None, gold: Iterable[str | None]) -> bool:
    """Names match when, folded and without "the"/possessives, one contains the other."""
    if predicted is None:
        return False
    p = _name_key(predicted)
    for g in gold:
        if g is None:
            continue
        k = _name_key(g)
        if p and k and (p == k or p in k or k in p):
            return True
    return False


def _name_key(name: str) -> str:
    n = normalise(name)
    n = re.sub(r"^(the|a|an) ", "", n)
    n = re.sub(r"'s\b", "", n)
    return n.strip(" .,")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _greedy(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one matching: best-scoring pairs first."""
    used_g, used_p, out = set(), set(), []
    for _, g, p in sorted(pairs, reverse=True):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            out.append((g, p))
    return out


# -- scoring one document --------------------------------------------------------------------------
def score_document(gold: GoldArticle, record: ArticleRecord) -> Report:
    """Score one record against its gold annotation."""
    report = Report(documents=1)
    text = record.text
    speakers = {s.id: s for s in record.speakers}
    _score_quotes(gold, record, text, speakers, report)
    _score_actors(gold, record, report)
    _score_agencies(gold, record, report)
    _score_claims(gold, record, text, report)
    furniture = report.accuracies["furniture"]
    for snippet in gold.must_not_be_in_body:
        furniture.total += 1
        furniture.correct += snippet not in text
    meta = report.accuracies["metadata"]
    if gold.metadata.title:
        meta.total += 1
        meta.correct += normalise(record.title or "") == normalise(gold.metadata.title)
    if gold.metadata.authors:
        meta.total += 1
        meta.correct += {normalise(a) for a in record.authors} == {normalise(a) for a in gold.metadata.authors}
    return report


def _gold_quote_span(q: GoldQuote, text: str) -> tuple[int, int] | None:
    if q.parts:
        first, last = locate(q.parts[0], text), None
        if first is not None:
            last = locate(q.parts[-1], text, first[1])
        return (first[0], last[1]) if first and last else locate(q.text, text)
    return locate(q.text, text)


def _score_quotes(gold: GoldArticle, record: ArticleRecord, text: str, speakers: dict, report: Report) -> None:
    located = []
    for q in gold.quotes:
        span = _gold_quote_span(q, text)
        if span is None:
            report.problems.append(f"{gold.doc}: gold quote not in text: {q.text[:60]!r}")
        located.append(span)
    for key, threshold in (("quotes", QUOTE_OVERLAP), ("quotes@0.8", QUOTE_OVERLAP_STRICT)):
        pairs = []
        for gi, (gq, gspan) in enumerate(zip(gold.quotes, located, strict=True)):
            if gspan is None:
                continue
            for pi, pq in enumerate(record.quotes):
                inter = _overlap(gspan, (pq.start, pq.end))
                g_share = inter / max(1, gspan[1] - gspan[0])
                p_share = inter / max(1, pq.end - pq.start)
                if g_share >= threshold and (p_share >= threshold or gq.continues):
                    pairs.append((g_share + p_share, gi, pi))
        matched = _greedy(pairs)
        score = report.scores[key]
        score.tp += len(matched)
        score.fn += len(gold.quotes) - len(matched)
        score.fp += len(record.quotes) - len(matched)
        if key == "quotes":
            acc = report.accuracies["quote_speakers"]
            for gi, pi in matched:
                gq, pq = gold.quotes[gi], record.quotes[pi]
                acc.total += 1
                acc.correct += _speaker_right(gq, pq, speakers)


def _speaker_right(gq: GoldQuote, pq, speakers: dict) -> bool:  # noqa: ANN001
    names = [gq.speaker, *gq.speaker_alternatives]
    speaker = speakers.get(pq.speaker_id)
    candidates = [speaker.name, *(m.text for m in speaker.mentions)] if speaker else []
    if pq.speaker_mention is not None:
        candidates.append(pq.speaker_mention.text)
    return any(names_match(c, names) for c in candidates)


def _score_actors(gold: GoldArticle, record: ArticleRecord, report: Report) -> None:
    pairs = []
    for gi, ga in enumerate(gold.actors):
        gold_names = [ga.name, *ga.aliases_known_elsewhere]
        for pi, pa in enumerate(record.actors):
            pred_names = [pa.name, *pa.aliases]
            if any(normalise(p) == normalise(g) for p in pred_names for g in gold_names):
                pairs.append((1.0, gi, pi))
    matched = _greedy(pairs)
    score, mentions = report.scores["actors"], report.scores["actor_mentions"]
    right = [(gi, pi) for gi, pi in matched if gold.actors[gi].country == record.actors[pi].country]
    score.tp += len(right)
    score.fp += len(record.actors) - len(right)
    score.fn += len(gold.actors) - len(right)
    matched_gold = {pi: gi for gi, pi in matched}
    for pi, pa in enumerate(record.actors):
        n_pred = len(pa.mentions)
        gold_mentions = gold.actors[matched_gold[pi]].mentions if pi in matched_gold else 0
        n_gold = n_pred if gold_mentions is None else gold_mentions
        mentions.tp += min(n_pred, n_gold)
        mentions.fp += n_pred - min(n_pred, n_gold)
        mentions.fn += n_gold - min(n_pred, n_gold)
    found = set(matched_gold.values())
    mentions.fn += sum(ga.mentions or 1 for gi, ga in enumerate(gold.actors) if gi not in found)


def _score_agencies(gold: GoldArticle, record: ArticleRecord, report: Report) -> None:
    agencies = [o for o in record.organizations if o.kind == "agency"]
    pairs = []
    for gi, ga in enumerate(gold.agencies):
        for pi, pa in enumerate(agencies):
            if names_match(ga.name, [pa.name, *(m.text for m in pa.mentions)]):
                pairs.append((1.0, gi, pi))
    matched = _greedy(pairs)
    right = [(gi, pi) for gi, pi in matched if gold.agencies[gi].country == agencies[pi].country]
    score = report.scores["agencies"]
    score.tp += len(right)
    score.fp += len(agencies) - len(right)
    score.fn += len(gold.agencies) - len(right)


def _claim_matches(gc: GoldClaim, gspan: tuple[int, int] | None, pc, actors: dict) -> float:  # noqa: ANN001
    if gspan is None or gc.kind != pc.kind.value:
        return 0.0
    country = pc.attributed_to.country if pc.attributed_to else None
    if gc.country != country:  # for targeting too: the state behind the actor
        return 0.0
    if gc.actor is not None:
        actor = actors.get(pc.actor_id)
        names = [pc.actor_text or ""] + ([actor.name, *actor.aliases] if actor else [])
        if not any(names_match(n, [gc.actor]) for n in names if n):
            return 0.0
    cover = _overlap(gspan, (pc.evidence.start, pc.evidence.end)) / max(1, gspan[1] - gspan[0])
    if cover < EVIDENCE_COVER:
        return 0.0
    # Several claims can share a sentence: prefer the one whose cue lies in the gold evidence.
    cue_inside = pc.cue is not None and gspan[0] <= pc.cue.start and pc.cue.end <= gspan[1]
    return cover + (1.0 if cue_inside else 0.0)


def _score_claims(gold: GoldArticle, record: ArticleRecord, text: str, report: Report) -> None:
    """Attribution and denial claims under "claims"; targeting claims under "targeting"."""
    for key, kinds in (("claims", {"attribution", "denial"}), ("targeting", {"targeting"})):
        golds = [c for c in gold.claims if c.kind in kinds]
        preds = [c for c in record.claims if c.kind.value in kinds]
        _score_claim_kind(gold.doc, golds, preds, record, text, report, key)


def _score_claim_kind(
    doc: str, golds: list[GoldClaim], preds: list, record: ArticleRecord, text: str, report: Report, key: str
) -> None:
    actors = {a.id: a for a in record.actors}
    speakers = {s.id: s for s in record.speakers}
    pairs = []
    for gi, gc in enumerate(golds):
        gspan = locate(gc.evidence, text)
        if gspan is None:
            report.problems.append(f"{doc}: gold claim evidence not in text: {gc.evidence[:60]!r}")
        for pi, pc in enumerate(preds):
            if (s := _claim_matches(gc, gspan, pc, actors)) > 0:
                pairs.append((s, gi, pi))
    matched = _greedy(pairs)
    score = report.scores[key]
    score.tp += len(matched)
    score.fp += len(preds) - len(matched)
    score.fn += len(golds) - len(matched)
    if key != "claims":
        return
    claimants, stances = report.accuracies["claimants"], report.accuracies["stances"]
    for gi, pi in matched:
        gc, pc = golds[gi], preds[pi]
        claimants.total += 1
        if gc.claimant is None:
            claimants.correct += pc.claimant_id is None and pc.claimant_name is None
        else:
            speaker = speakers.get(pc.claimant_id)
            names = [pc.claimant_name, *([speaker.name, *(m.text for m in speaker.mentions)] if speaker else [])]
            claimants.correct += any(names_match(n, [gc.claimant]) for n in names if n)
        stances.total += 1
        stances.correct += gc.stance == pc.stance.value


# -- corpus level ----------------------------------------------------------------------------------
def load_gold(gold_dir: Path) -> list[GoldArticle]:
    """Every ``*.gold.json`` in ``gold_dir``, by name."""
    return [
        GoldArticle.model_validate_json(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.gold.json"))
    ]


def evaluate(
    golds: Iterable[GoldArticle],
    records: Callable[[GoldArticle], ArticleRecord | None],
) -> Report:
    """Score each gold article against the record ``records(gold)`` returns (None: no record)."""
    report = Report()
    for gold in golds:
        record = records(gold)
        if record is None:
            report.problems.append(f"{gold.doc}: no record")
            empty = Report(documents=1)
            for key, n in (
                ("quotes", len(gold.quotes)),
                ("quotes@0.8", len(gold.quotes)),
                ("actors", len(gold.actors)),
                ("agencies", len(gold.agencies)),
                ("claims", sum(c.kind != "targeting" for c in gold.claims)),
                ("targeting", sum(c.kind == "targeting" for c in gold.claims)),
            ):
                empty.scores[key].fn += n
            report.add(empty)
            continue
        report.add(score_document(gold, record))
    return report
