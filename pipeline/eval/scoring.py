"""Score records against gold annotations (``corpus/gold``, the seed): the measure of quality.

Gold spans are snippets of text, located in each record's ``text`` here; predicted spans are offsets.
Items are matched one-to-one, greedily by overlap. Scores are micro-averaged over all documents:

- ``quotes``: overlap of at least ``0.3`` of each side (``quotes@0.8``: at least 0.8). Quotes of kind
  ``summary`` ("denied the report", "vowed to retaliate": content that is a noun phrase or an infinitive) are
  left out of quote scoring and of the negatives: the corpus gold and the seed never annotate that kind, and a
  negative such as "officials dismissed the reports as propaganda" means no quote of the annotated kinds
  (corpus/README.md);
- ``quote_speakers``: accuracy of the speaker on matched quotes (name or an alternative);
- ``actors``: canonical actors (name or alias) with the right country; ``actor_mentions``: mention counts;
- ``agencies``: agencies named, with the right country;
- ``claims``: sponsorship, responsibility, association and denial claims (gold "attribution", written
  before the kinds were split, matches sponsorship or responsibility): same kind family, same country
  named by the text, same actor (or both unnamed), evidence overlapping; ``claimants``, ``stances`` and
  ``claim_kinds``: accuracy on matched claims; ``targeting``: targeting claims, scored apart;
- ``furniture``: share of the ``must_not_be_in_body`` snippets gone from the body;
- ``metadata``: title and authors right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from models import LINK_KINDS, ArticleRecord
from models.gold import GoldArticle, GoldClaim, GoldQuote
from pipeline.data import read_lines
from pipeline.eval.metrics import Report
from pipeline.names import name_key

#: Overlap (share of each side) that makes a predicted quote match a gold one.
QUOTE_OVERLAP = 0.3
QUOTE_OVERLAP_STRICT = 0.8
#: Share of a gold claim's evidence snippet that the predicted evidence must cover.
EVIDENCE_COVER = 0.5
#: The quote kind the gold never annotates, left out of quote scoring.
SUMMARY = "summary"

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


def names_match(predicted: str | None, gold: Iterable[str | None], *, generic: bool = False) -> bool:
    """Two names are the same name when, folded and without "the" or a possessive, they are equal, or the words
    of one are among the words of the other and are more than one generic word ("Wray" is "Christopher Wray";
    "Department" is not "State Department"; "nis" is never found inside "ministry"). ``generic=True`` lets generic
    words match too, where something else tells names apart (agencies are also matched on their country)."""
    if predicted is None:
        return False
    p_key, p_words = _name_words(predicted)
    for g in gold:
        if g is None:
            continue
        g_key, g_words = _name_words(g)
        if not p_key or not g_key:
            continue
        if p_key == g_key:
            return True
        shorter, longer = sorted((p_words, g_words), key=len)
        distinctive = generic or len(shorter) >= 2 or bool(shorter - _generic_words())
        if shorter and shorter <= longer and distinctive:
            return True
    return False


def _name_words(name: str) -> tuple[str, frozenset[str]]:
    key = name_key(normalise(name)).strip(" .,")
    key = re.sub(r"^(a|an) ", "", key)
    return key, frozenset(re.findall(r"\w+", key))


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(read_lines("eval_generic_name_words.txt"))


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
    scored = record.model_copy(update={"quotes": [q for q in record.quotes if q.kind != SUMMARY]})
    _score_quotes(gold, scored, text, speakers, report)
    _score_actors(gold, record, report)
    _score_agencies(gold, record, report)
    _score_claims(gold, record, text, report)
    _score_negatives(gold, scored, report)
    if gold.metadata.site:
        report.accuracies["site"].total += 1
        report.accuracies["site"].correct += names_match(record.site, [gold.metadata.site], generic=True)
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


def _score_negatives(gold: GoldArticle, record: ArticleRecord, report: Report) -> None:
    """A negative (a look-alike) is right when no predicted quote, claim evidence or actor mention lies inside it."""
    predicted = [(q.start, q.end) for q in record.quotes]
    predicted += [(c.evidence.start, c.evidence.end) for c in record.claims]
    predicted += [(m.start, m.end) for a in record.actors for m in a.mentions]
    for snippet in gold.negatives:
        span = locate(snippet, record.text)
        if span is None:
            continue  # a negative in a headline or dropped furniture: nothing to fool
        report.accuracies["negatives"].total += 1
        report.accuracies["negatives"].correct += not any(span[0] <= s and e <= span[1] for s, e in predicted)


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
            _score_matched_quotes(gold, record, matched, speakers, report)


def _score_matched_quotes(gold: GoldArticle, record: ArticleRecord, matched, speakers: dict, report: Report) -> None:  # noqa: ANN001
    """On matched quotes: the linked speaker, its kind, title and affiliation, and the cue."""
    gold_speakers = {s.name: s for s in gold.speakers}
    acc = report.accuracies
    for gi, pi in matched:
        gq, pq = gold.quotes[gi], record.quotes[pi]
        right = _speaker_right(gq, pq, speakers)
        acc["linked_speakers"].total += 1
        acc["linked_speakers"].correct += right
        if gq.cue:
            acc["quote_cues"].total += 1
            acc["quote_cues"].correct += pq.cue is not None and normalise(pq.cue.text) == normalise(gq.cue)
        expected, speaker = gold_speakers.get(gq.speaker or ""), speakers.get(pq.speaker_id)
        if not right or expected is None or speaker is None:
            continue
        acc["speaker_kinds"].total += 1
        acc["speaker_kinds"].correct += str(speaker.kind) == expected.kind
        for field_name, key in (("title", "speaker_titles"), ("affiliation", "speaker_affiliations")):
            if getattr(expected, field_name):
                acc[key].total += 1
                acc[key].correct += names_match(
                    getattr(speaker, field_name), [getattr(expected, field_name)], generic=True
                )


def _speaker_right(gq: GoldQuote, pq, speakers: dict) -> bool:  # noqa: ANN001
    """The speaker the quote is linked to, by the name a reader sees; with no linked speaker, the mention."""
    names = [gq.speaker, *gq.speaker_alternatives]
    speaker = speakers.get(pq.speaker_id)
    if speaker is not None:
        return names_match(speaker.name, names)
    return pq.speaker_mention is not None and names_match(pq.speaker_mention.text, names)


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
            if names_match(ga.name, [pa.name, *(m.text for m in pa.mentions)], generic=True):
                pairs.append((1.0, gi, pi))
    matched = _greedy(pairs)
    right = [(gi, pi) for gi, pi in matched if gold.agencies[gi].country == agencies[pi].country]
    score = report.scores["agencies"]
    score.tp += len(right)
    score.fp += len(agencies) - len(right)
    score.fn += len(gold.agencies) - len(right)


def _family(kind: str) -> str:
    """Sponsorship, responsibility and the legacy attribution match as one family (their kind is scored apart)."""
    return "link" if kind in LINK_KINDS else kind


def _claim_matches(gc: GoldClaim, gspan: tuple[int, int] | None, pc, actors: dict) -> float:  # noqa: ANN001
    if gspan is None or _family(gc.kind) != _family(str(pc.kind)):
        return 0.0
    country = pc.attributed_to.country if pc.attributed_to else None
    if gc.kind != "targeting" and gc.country != country:  # targeting claims have no party
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
    claim_kinds = {*LINK_KINDS, "denial", "association"}
    for key, kinds in (("claims", claim_kinds), ("targeting", {"targeting"})):
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
        targets = report.accuracies["claim_targets"]
        for gi, pi in matched:
            expected = getattr(golds[gi], "target", None)
            if expected:
                targets.total += 1
                targets.correct += names_match(
                    preds[pi].target.name if preds[pi].target else None, [expected], generic=True
                )
        return
    claimants, stances = report.accuracies["linked_claimants"], report.accuracies["stances"]
    for gi, pi in matched:
        gc, pc = golds[gi], preds[pi]
        claimants.total += 1
        if gc.claimant is None:
            claimants.correct += pc.claimant_id is None and pc.claimant_name is None
        else:
            speaker = speakers.get(pc.claimant_id)
            shown = speaker.name if speaker is not None else pc.claimant_name  # the name a reader sees
            claimants.correct += names_match(shown, [gc.claimant])
        stances.total += 1
        stances.correct += gc.stance == pc.stance.value
        if gc.kind != "attribution":  # gold written before the kinds were split says nothing about them
            report.accuracies["claim_kinds"].total += 1
            report.accuracies["claim_kinds"].correct += gc.kind == str(pc.kind)


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
