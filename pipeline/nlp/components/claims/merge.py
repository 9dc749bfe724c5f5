"""Claims found one cue at a time, settled for the document: duplicates merged, denials kept only where they
answer an accusation."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from models import LINK_KINDS, ClaimKind
from pipeline.nlp.annotations import ClaimInfo
from pipeline.nlp.components.claims.stance import LABEL_TYPES


def denials_of_accused(claims: list[ClaimInfo]) -> list[ClaimInfo]:
    """Keep a denial only when its state is one the article attributes something to: a denial answers
    an accusation ("the advisory said the outage had nothing to do with the intrusion" answers none)."""
    accused = {c.attributed_country for c in claims if c.kind in LINK_KINDS}
    return [c for c in claims if c.kind != ClaimKind.denial or c.attributed_country in accused]


def content_scope(cue: Span) -> tuple[int, int] | None:
    """What an accusation or admission is about: its object and complements."""
    parts = [c for c in cue.root.children if c.dep_ in ("dobj", "ccomp", "prep", "dative", "oprd")]
    if not parts:
        return None
    doc = cue.doc
    return doc[min(c.left_edge.i for c in parts)].idx, doc[max(c.right_edge.i for c in parts)].idx + len(
        doc[max(c.right_edge.i for c in parts)]
    )


def _longest_first(cue: tuple[int, int] | None) -> tuple[int, int]:
    return (cue[0], -cue[1]) if cue is not None else (-1, 0)


def deduplicate(found: list[ClaimInfo], aside: Callable[[ClaimInfo], bool] = lambda c: False) -> list[ClaimInfo]:
    """One claim per statement: cues matched twice on the same words ("linked to" as a predicate and
    "linked" as an accusation) and unnamed operations named twice in a sentence count once; of two
    duplicates the one that names its claimant is kept, then the one the sentence asserts in its main clause
    over one in a clause set aside (``aside``): "The Shadow Brokers, a group believed to be behind a dump of
    NSA tools, were responsible for releasing ..." is the main clause's claim, asserted."""
    ranked = sorted(  # at one place the longer cue: "responsible for" over "responsible"
        found, key=lambda c: (c.claimant_name is None, c.claimant_id is None, aside(c), *_longest_first(c.cue))
    )
    kept: list[ClaimInfo] = []
    by_evidence: dict[tuple[int, int], list[ClaimInfo]] = {}  # every comparison below is within one sentence
    seen: set[tuple] = set()
    for claim in ranked:
        same_sentence = by_evidence.setdefault(claim.evidence, [])
        same = (claim.kind, claim.evidence, claim.actor_id, claim.attributed_country)
        if (
            claim.claimant_name is None
            and claim.cue_type in LABEL_TYPES
            and any(
                (k.kind, k.evidence, k.actor_id, k.attributed_country) == same and k.claimant_name
                for k in same_sentence
            )
        ):
            continue  # "X is one of several Iranian groups that officials say work for the IRGC"
        if claim.kind == ClaimKind.denial and any(
            k.kind == ClaimKind.denial
            and k.evidence == claim.evidence
            and k.attributed_country == claim.attributed_country
            for k in same_sentence
        ):
            continue  # one denial per sentence and state
        if claim.claimant_name is None and any(
            k.scope is not None
            and claim.cue is not None
            and (k.kind, k.evidence, k.actor_id, k.attributed_country)
            == (claim.kind, claim.evidence, claim.actor_id, claim.attributed_country)
            and k.scope[0] <= claim.cue[0]
            and claim.cue[1] <= k.scope[1]
            for k in same_sentence
        ):
            continue  # "Australia accused a Chinese state-sponsored group": one claim, Australia's
        family = "link" if claim.kind in LINK_KINDS else claim.kind  # one claim per sentence, actor, party, claimant
        key = (family, claim.evidence, claim.actor_id, claim.attributed_country, claim.claimant_name)
        if key in seen:
            continue
        if any(
            k.kind == claim.kind
            and k.evidence == claim.evidence
            and k.attributed_country == claim.attributed_country
            and k.actor_id == claim.actor_id
            and k.cue is not None
            and claim.cue is not None
            and k.cue[0] < claim.cue[1]
            and claim.cue[0] < k.cue[1]
            for k in same_sentence
        ):
            continue
        seen.add(key)
        kept.append(claim)
        same_sentence.append(claim)
    return kept


def sentence_chars(sent: Span) -> tuple[int, int]:
    """A sentence's character span without trailing white space (spaCy sentences can end in a newline)."""
    return sent.start_char, sent.start_char + len(sent.text.rstrip())
