"""``tn_claims``: attribution, denial and targeting statements, with claimant and stance.

A first, sentence-level rule: a sentence that names an actor (or an unnamed operation such as "the
cyberattacks"), a state, and an attribution cue ("behind", "linked to", "state-sponsored") is an
attribution claim; with a denial cue it is a denial. The stance is hedged when a hedge word is in
the sentence, reported when the sentence sits inside a quote (the quote's speaker is the claimant),
and asserted otherwise.

Writes ``doc.spans[CLAIM_SPANS]`` (the evidence sentences) and ``Doc._.tn_claims``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components.annotations import ACTOR_SPANS, CLAIM_SPANS, ClaimInfo, QuoteInfo
from pipeline.data import read_lines, read_rows

CONFIDENCE = {"actor": 0.7, "operation": 0.5}


@dataclass(frozen=True)
class ClaimRules:
    cues: tuple[tuple[str, tuple[str, ...]], ...]  # (kind, phrase tokens)
    states: dict[tuple[str, ...], str]  # phrase tokens → ISO code
    hedges: tuple[tuple[str, ...], ...]
    operations: frozenset[str]

    @classmethod
    def from_data(cls) -> ClaimRules:
        return cls(
            cues=tuple((row[0], tuple(row[1].split())) for row in read_rows("attribution_cues.tsv")),
            states={tuple(row[0].replace("'s", " 's").split()): row[1] for row in read_rows("states.tsv")},
            hedges=tuple(tuple(p.split()) for p in read_lines("hedges.txt")),
            operations=frozenset(read_lines("operation_nouns.txt")),
        )


@Language.factory(
    "tn_claims",
    assigns=["doc.spans", "doc._.tn_claims"],
    requires=["doc.spans", "doc._.tn_quotes", "doc._.tn_speakers"],
    default_config={},
)
def make_claim_finder(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder(name=name, rules=ClaimRules.from_data())


class ClaimFinder:
    def __init__(self, *, name: str, rules: ClaimRules) -> None:
        self.name = name
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        claims: list[ClaimInfo] = []
        actors = list(doc.spans.get(ACTOR_SPANS, []))
        for sent in doc.sents:
            claim = self.claim_in(doc, sent, actors)
            if claim is not None:
                claims.append(claim)
        doc._.tn_claims[:] = claims
        doc.spans[CLAIM_SPANS] = [doc.char_span(*c.evidence, label=c.kind, alignment_mode="expand") for c in claims]
        return doc

    def claim_in(self, doc: Doc, sent: Span, actors: list[Span]) -> ClaimInfo | None:
        lowered = [t.lower_ for t in sent]
        cue = self._find(sent, lowered, [phrase for _, phrase in self.rules.cues])
        if cue is None:
            return None
        kind = next(
            k
            for k, phrase in self.rules.cues
            if tuple(lowered[cue.start - sent.start : cue.end - sent.start]) == phrase
        )
        state = self._state(sent)
        if state is None:
            return None
        actor = next((a for a in actors if sent.start <= a.start and a.end <= sent.end), None)
        operation = None
        if actor is None:
            operation = next((t for t in sent if t.pos_ == "NOUN" and t.lemma_.lower() in self.rules.operations), None)
            if operation is None:
                return None
        hedged = self._find(sent, lowered, list(self.rules.hedges)) is not None
        quote, index = self._enclosing_quote(doc, sent)
        if kind == "denial":
            stance = "denied"
        elif hedged:
            stance = "hedged"
        elif quote is not None:
            stance = "reported"
        else:
            stance = "asserted"
        claimant_id = quote.speaker_id if quote is not None else None
        claimant_name = next((s.name for s in doc._.tn_speakers if s.id == claimant_id), None)
        state_span, country = state
        return ClaimInfo(
            kind=kind,
            stance=stance,
            evidence=(sent.start_char, _sentence_end(sent)),
            actor_id=actor.kb_id_ if actor is not None else None,
            actor=(actor.start_char, actor.end_char)
            if actor is not None
            else (operation.idx, operation.idx + len(operation)),
            attributed_name=state_span.text,
            attributed_country=country,
            cue=(cue.start_char, cue.end_char),
            claimant_id=claimant_id,
            claimant_name=claimant_name,
            quote_index=index,
            confidence=CONFIDENCE["actor" if actor is not None else "operation"],
        )

    @staticmethod
    def _find(sent: Span, lowered: list[str], phrases: list[tuple[str, ...]]) -> Span | None:
        for i in range(len(lowered)):
            for phrase in phrases:
                if tuple(lowered[i : i + len(phrase)]) == phrase:
                    return sent[i : i + len(phrase)]
        return None

    def _state(self, sent: Span) -> tuple[Span, str] | None:
        texts = [t.text for t in sent]
        for i in range(len(texts)):
            for phrase, code in self.rules.states.items():
                if tuple(texts[i : i + len(phrase)]) == phrase:
                    return sent[i : i + len(phrase)], code
        return None

    @staticmethod
    def _enclosing_quote(doc: Doc, sent: Span) -> tuple[QuoteInfo | None, int | None]:
        for i, quote in enumerate(doc._.tn_quotes):
            if quote.span[0] <= sent.end_char and sent.start_char <= quote.span[1]:
                return quote, i
        return None, None


def _sentence_end(sent: Span) -> int:
    """End of a sentence's text without trailing whitespace (spaCy sentences can end in a newline)."""
    text = sent.text
    return sent.start_char + len(text.rstrip())
