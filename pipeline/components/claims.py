"""``tn_claims``: attribution, denial and targeting claims, with claimant and stance.

Each cue in ``claim_cues.tsv`` (matched with a spaCy ``Matcher`` on lemmas and lower-case text) names
a claim type that says where the claim's parts are: for a *predicate* ("Volt Typhoon is linked to
Beijing") the state follows the cue; for a *modifier* ("the Chinese state-sponsored group") it stands
before; a *possessive* names the state as owner ("Beijing's role"); an *agent* verb has the state as
its subject ("Beijing has orchestrated the cyberattacks"); an *admission* is a state's official
acknowledging an operation; a *denial* has its denier as subject. The actor is the nearest named
actor, else a pronoun or "the group" that points back to the last actor named, else an unnamed
operation ("the cyberattacks").

The claimant and stance come from the quotes around the cue: inside a direct quote the speaker
asserts it; inside reported speech the speaker's claim is reported; a hedge inside the claim's own
words ("likely", "perceived") makes it hedged; a denial is denied; what the article itself says is
asserted with no claimant. The evidence is the sentence.

Writes ``doc.spans[CLAIM_SPANS]`` (the evidence sentences) and ``Doc._.tn_claims``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from pipeline.components.annotations import (
    ACTOR_SPANS,
    AGENCY_SPANS,
    CLAIM_SPANS,
    CharSpan,
    ClaimInfo,
    QuoteInfo,
    SpeakerInfo,
)
from pipeline.data import read_lines, read_rows

#: Confidence of a claim by what names its actor.
CONFIDENCE = {"actor": 0.8, "coreference": 0.6, "operation": 0.5}
#: How many sentences back a pronoun or "the group" may point to the last named actor.
COREFERENCE_SENTENCES = 2
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
ACTOR_PRONOUNS = frozenset({"it", "they", "its", "their"})


@dataclass(frozen=True)
class StateMention:
    """A state (or a state organisation) named in the text, with its ISO code."""

    start: int  # token index
    end: int
    name: str
    country: str


@dataclass(frozen=True)
class ClaimRules:
    cues: tuple[tuple[str, str, tuple[str, ...]], ...]  # (kind, type, phrase tokens)
    states: dict[tuple[str, ...], str]  # phrase tokens → ISO code
    hedges: tuple[tuple[str, ...], ...]
    words: dict[str, frozenset[str]]  # role → lemmas
    modals: frozenset[str]
    reporting_verbs: frozenset[str]

    @classmethod
    def from_data(cls) -> ClaimRules:
        words: dict[str, set[str]] = {}
        for role, lemma in read_rows("claim_words.tsv"):
            words.setdefault(role, set()).add(lemma)
        return cls(
            cues=tuple((row[0], row[1], tuple(row[2].split())) for row in read_rows("claim_cues.tsv")),
            states={tuple(row[0].replace("'s", " 's").split()): row[1] for row in read_rows("states.tsv")},
            hedges=tuple(tuple(p.split()) for p in read_lines("hedges.txt")),
            words={role: frozenset(lemmas) for role, lemmas in words.items()},
            modals=frozenset(read_lines("hypothetical_modals.txt")),
            reporting_verbs=frozenset(read_lines("reporting_verbs.txt")),
        )


@Language.factory(
    "tn_claims",
    assigns=["doc.spans", "doc._.tn_claims"],
    requires=["doc.spans", "doc._.tn_quotes", "doc._.tn_speakers"],
    default_config={},
)
def make_claim_finder(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder(nlp, name=name, rules=ClaimRules.from_data())


#: Cue types whose lemma must be a verb ("attack" the verb, not "the attacks").
VERB_CUE_TYPES = frozenset({"agent", "target", "admission"})


#: Dependencies that stay inside one clause when walking up from a cue to find its clause.
CLAUSE_INTERNAL_DEPS = frozenset(
    {
        "xcomp",
        "acomp",
        "auxpass",
        "aux",
        "attr",
        "prep",
        "pobj",
        "dobj",
        "npadvmod",
        "amod",
        "compound",
        "appos",
        "nsubj",
        "nsubjpass",
        "poss",
        "agent",
        "oprd",
        "dative",
    }
)


def _clause(cue: Span) -> Span:
    """The clause a cue sits in: up through clause-internal links, then that head's subtree."""
    head = cue.root
    while head.dep_ in CLAUSE_INTERNAL_DEPS and head.head.i != head.i:
        head = head.head
    doc = cue.doc
    return doc[head.left_edge.i : head.right_edge.i + 1]


def _token_pattern(phrase: tuple[str, ...], ctype: str) -> list[dict[str, str]]:
    pattern: list[dict[str, str]] = []
    for word in phrase:
        if word.startswith("LEMMA:"):
            token = {"LEMMA": word[len("LEMMA:") :]}
            if ctype in VERB_CUE_TYPES:
                token["POS"] = "VERB"
            pattern.append(token)
        else:
            pattern.append({"LOWER": word})
    return pattern


class ClaimFinder:
    """Find claims; see the module docstring."""

    def __init__(self, nlp: Language, *, name: str, rules: ClaimRules) -> None:
        self.name = name
        self.rules = rules
        self.cue_matcher = Matcher(nlp.vocab)
        self.cue_types: dict[str, tuple[str, str]] = {}
        for i, (kind, ctype, phrase) in enumerate(rules.cues):
            key = f"cue{i}"
            self.cue_types[key] = (kind, ctype)
            self.cue_matcher.add(key, [_token_pattern(phrase, ctype)])
        self.state_matcher = Matcher(nlp.vocab)
        for phrase, code in rules.states.items():
            self.state_matcher.add(code, [[{"ORTH": w} for w in phrase]])

    # -- the component ---------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        states = self.find_states(doc)
        actors = sorted(doc.spans.get(ACTOR_SPANS, []), key=lambda s: s.start)
        claims: list[ClaimInfo] = []
        seen: set[tuple] = set()
        for key, start, end in self.cue_matcher(doc):
            kind, ctype = self.cue_types[doc.vocab.strings[key]]
            cue = doc[start:end]
            claim = self.claim_at(doc, cue, kind, ctype, states, actors)
            if claim is None:
                continue
            dedupe = (
                claim.kind,
                claim.evidence,
                claim.actor_id or claim.actor,
                claim.attributed_country,
                claim.claimant_name,
                claim.stance,
            )
            if dedupe in seen:
                continue
            seen.add(dedupe)
            claims.append(claim)
        claims.sort(key=lambda c: (c.evidence, c.cue))
        doc._.tn_claims[:] = claims
        doc.spans[CLAIM_SPANS] = [
            s for c in claims if (s := doc.char_span(*c.evidence, label=c.kind, alignment_mode="expand"))
        ]
        return doc

    def find_states(self, doc: Doc) -> list[StateMention]:
        """States named by the states table, and state organisations (agencies) with their country."""
        found = [StateMention(s, e, doc[s:e].text, doc.vocab.strings[k]) for k, s, e in self.state_matcher(doc)]
        for span in doc.spans.get(AGENCY_SPANS, []):
            info = doc._.tn_agencies.get(span.kb_id_)
            if info is not None and info.country:
                found.append(StateMention(span.start, span.end, info.name, info.country))
        # Longest first at each position, so "North Korea" wins over "Korea".
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[StateMention] = []
        for m in found:
            if not out or m.start >= out[-1].end:
                out.append(m)
        return out

    # -- one cue ---------------------------------------------------------------------------------
    def claim_at(
        self, doc: Doc, cue: Span, kind: str, ctype: str, states: list[StateMention], actors: list[Span]
    ) -> ClaimInfo | None:
        sent = cue.sent
        in_sent = [m for m in states if sent.start <= m.start and m.end <= sent.end]
        if ctype == "target":
            return self.targeting_at(doc, cue, in_sent, actors)
        if kind == "attribution" and self._negated_or_hypothetical(cue):
            return None
        if ctype == "possessive" and any(c.dep_ == "prep" and c.lower_ == "with" for c in cue.root.children):
            return None  # "America's involvement with Taiwan" is a relationship, not responsibility
        state = self.state_for(doc, cue, ctype, in_sent)
        if state is None:
            return None
        if kind == "attribution" and ctype in ("predicate", "modifier") and self._is_victim(doc, state):
            return None
        actor, actor_span, how = self.actor_for(doc, cue, ctype, actors, state)
        if actor_span is None and kind != "denial":
            return None
        quote, quote_index = self._quote_around(doc, cue)
        speakers = {s.id: s for s in doc._.tn_speakers}
        claimant_id, claimant_name, stance = self.claimant_and_stance(doc, cue, kind, ctype, quote, speakers)
        if kind == "denial" and ctype == "denial":
            denier = self._subject_text(cue.root)
            if claimant_name is None and denier is not None:
                claimant_name = denier
        return ClaimInfo(
            kind=kind,
            stance=stance,
            evidence=(sent.start_char, sent.start_char + len(sent.text.rstrip())),
            actor_id=actor.kb_id_ if actor is not None else None,
            actor=actor_span,
            attributed_name=state.name,
            attributed_country=state.country,
            cue=(cue.start_char, cue.end_char),
            claimant_id=claimant_id,
            claimant_name=claimant_name,
            quote_index=quote_index,
            confidence=CONFIDENCE[how],
        )

    def state_for(self, doc: Doc, cue: Span, ctype: str, states: list[StateMention]) -> StateMention | None:
        """The state a cue ties the claim to, by where the cue type says it stands."""
        if not states and ctype not in ("modifier", "admission", "denial"):
            return None
        if ctype == "predicate":  # "linked to Beijing", else the copula's subject: "Beijing is behind ..."
            root = cue.root
            lo, hi = root.left_edge.i, root.right_edge.i + 1
            after = next((m for m in states if m.start >= cue.end and lo <= m.start and m.end <= hi), None)
            if after is not None:
                return after
            verb = root if root.pos_ in ("VERB", "AUX") else root.head
            subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is None:
                return None
            lo, hi = subject.left_edge.i, subject.right_edge.i + 1
            return next((m for m in states if lo <= m.start and m.end <= hi), None)
        if ctype == "possessive":
            before = cue.start - 1
            if before >= 0 and doc[before].tag_ == "POS":
                before -= 1
            if before >= 0 and doc[before].lower_ in POSSESSIVE_PRONOUNS:
                return self._last_state_before(states, before)
            return next((m for m in states if m.end - 1 <= before < m.end + 1 and m.end <= cue.start), None)
        if ctype == "agent":
            subject = next((c for c in cue.root.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is None:
                return None
            lo, hi = subject.left_edge.i, subject.right_edge.i + 1
            return next((m for m in states if lo <= m.start and m.end <= hi), None)
        if ctype in ("admission", "denial"):
            return self._subject_state(doc, cue, states)
        if ctype == "modifier":
            near = [m for m in states if 0 <= cue.start - m.end <= 2]
            if near:
                return near[-1]
            return self._subject_state(doc, cue, states) or self._last_state_before(states, cue.start)
        return None

    def targeting_at(self, doc: Doc, cue: Span, states: list[StateMention], actors: list[Span]) -> ClaimInfo | None:
        """A named actor (or one pointed back to) as subject of a targeting verb, with its target."""
        verb = cue.root
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None and verb.dep_ in ("conj", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            subject = verb.head  # "Salt Typhoon, which hit ..."
        elif subject is None and verb.dep_ == "conj":
            subject = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None:
            return None
        lo, hi = subject.left_edge.i, subject.right_edge.i + 1
        if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            lo, hi = verb.head.left_edge.i, verb.head.i + 1
        actor = next((a for a in actors if lo <= a.start and a.end <= hi), None)
        how = "actor"
        if actor is None and subject.lower_ in ACTOR_PRONOUNS | {"group"}:
            earlier = [a for a in actors if a.end <= cue.sent.start and a.sent.start >= self._back(doc, cue.sent)]
            actor, how = (earlier[-1], "coreference") if earlier else (None, how)
        if actor is None:
            return None
        target = next((c for c in verb.children if c.dep_ in ("dobj", "prep")), None)
        if target is None:
            return None
        if target.dep_ == "prep":
            target = next((c for c in target.children if c.dep_ == "pobj"), None)
            if target is None:
                return None
        t_lo, t_hi = target.left_edge.i, target.right_edge.i + 1
        for prep in verb.children:  # "hit critical infrastructure [in Guam]": where the target is
            if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i == t_hi:
                t_hi = prep.right_edge.i + 1
        country = next((m.country for m in states if t_lo <= m.start and m.end <= t_hi), None)
        sent = cue.sent
        quote, quote_index = self._quote_around(doc, cue)
        speakers = {s.id: s for s in doc._.tn_speakers}
        claimant_id, claimant_name, stance = self.claimant_and_stance(doc, cue, "targeting", "target", quote, speakers)
        return ClaimInfo(
            kind="targeting",
            stance=stance,
            evidence=(sent.start_char, sent.start_char + len(sent.text.rstrip())),
            actor_id=actor.kb_id_,
            actor=(actor.start_char, actor.end_char),
            attributed_name=doc[t_lo:t_hi].text,
            attributed_country=country,
            cue=(cue.start_char, cue.end_char),
            claimant_id=claimant_id,
            claimant_name=claimant_name,
            quote_index=quote_index,
            confidence=CONFIDENCE[how],
        )

    def _subject_state(
        self, doc: Doc, cue: Span, states: list[StateMention], *, fallback: bool = True
    ) -> StateMention | None:
        """The state of whoever governs the cue: a state or agency inside the nearest subject."""
        for verb in (cue.root, *cue.root.ancestors):
            subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is None or subject.lower_ in ACTOR_PRONOUNS:
                continue
            lo, hi = subject.left_edge.i, subject.right_edge.i + 1
            inside = [m for m in states if lo <= m.start and m.end <= hi]
            if inside:
                return inside[0]
        if not fallback:
            return None
        sent = cue.sent
        return next((m for m in states if sent.start <= m.start < sent.end and not self._is_victim(doc, m)), None)

    def _negated_or_hypothetical(self, cue: Span) -> bool:
        """A cue under a negation ("did not state that Beijing was behind") or a modal ("would acknowledge")."""
        sent = cue.sent
        for tok in sent.doc[sent.start : cue.start]:  # "did not (explicitly) state that ..." before the cue
            if tok.lemma_.lower() in self.rules.reporting_verbs and any(c.dep_ == "neg" for c in tok.children):
                between = sent.doc[tok.i + 1 : cue.start]
                if any(t.lower_ == "that" for t in between[:2]) and not any(t.is_punct for t in between):
                    return True
        for verb in (cue.root, *cue.root.ancestors):
            for child in verb.children:
                if child.dep_ == "neg":
                    return True
                if child.dep_ == "aux" and child.lower_ in self.rules.modals and verb.i == cue.root.i:
                    return True
        return False

    @staticmethod
    def _last_state_before(states: list[StateMention], index: int) -> StateMention | None:
        before = [m for m in states if m.end <= index]
        return before[-1] if before else None

    def _is_victim(self, doc: Doc, state: StateMention) -> bool:
        """A state that is the target ("attacks on the US"), not the sponsor."""
        head = doc[state.end - 1].head
        if doc[state.end - 1].dep_ == "pobj" and head.lower_ in self.rules.words.get("victim_prep", ()):
            return True
        victim_verbs = self.rules.words.get("victim_verb", frozenset())
        return any(doc[i].dep_ == "dobj" and doc[i].head.lemma_ in victim_verbs for i in range(state.start, state.end))

    def actor_for(
        self, doc: Doc, cue: Span, ctype: str, actors: list[Span], state: StateMention
    ) -> tuple[Span | None, CharSpan | None, str]:
        """(named actor span or None, the span naming the actor or operation, how it was found)."""
        sent = cue.sent
        in_sent = [a for a in actors if sent.start <= a.start and a.end <= sent.end]
        if ctype in ("denial", "admission") and not in_sent:
            pass
        elif in_sent:
            nearest = min(in_sent, key=lambda a: min(abs(a.start - cue.end), abs(cue.start - a.end)))
            return nearest, (nearest.start_char, nearest.end_char), "actor"
        pointer = self._pointer(sent, cue)
        if pointer is not None:
            earlier = [a for a in actors if a.end <= sent.start and a.sent.start >= self._back(doc, sent)]
            if earlier:
                last = earlier[-1]
                return last, (last.start_char, last.end_char), "coreference"
        operation = self._operation(sent, cue)
        if operation is not None:
            return None, (operation.idx, operation.idx + len(operation)), "operation"
        return None, None, "operation"

    def _pointer(self, sent: Span, cue: Span) -> Token | None:
        """A word that points back to an actor: "it", "the group", "the hackers"."""
        groups = self.rules.words.get("group", frozenset())
        for tok in sent:
            if tok.lower_ in ("it", "they") and tok.dep_ in SUBJECT_DEPS:
                return tok
            if tok.lemma_.lower() in groups and any(c.lower_ == "the" for c in tok.children):
                return tok
        return None

    def _operation(self, sent: Span, cue: Span) -> Token | None:
        ops = self.rules.words.get("operation", frozenset()) | self.rules.words.get("group", frozenset())
        candidates = [t for t in sent if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in ops]
        if not candidates:
            return None
        return min(candidates, key=lambda t: abs(t.i - cue.start))

    @staticmethod
    def _back(doc: Doc, sent: Span) -> int:
        start = sent.start
        for _ in range(COREFERENCE_SENTENCES):
            if start == 0:
                break
            start = doc[start - 1].sent.start
        return start

    # -- who claims it, and how firmly -----------------------------------------------------------
    @staticmethod
    def _quote_around(doc: Doc, cue: Span) -> tuple[QuoteInfo | None, int | None]:
        best: tuple[QuoteInfo | None, int | None] = (None, None)
        for i, quote in enumerate(doc._.tn_quotes):
            if quote.span[0] <= cue.start_char and cue.end_char <= quote.span[1]:
                # the innermost (shortest) quote wins: a direct fragment inside a mixed quote
                if best[0] is None or quote.span[1] - quote.span[0] < best[0].span[1] - best[0].span[0]:
                    best = (quote, i)
        return best

    def claimant_and_stance(
        self,
        doc: Doc,
        cue: Span,
        kind: str,
        ctype: str,
        quote: QuoteInfo | None,
        speakers: dict[str, SpeakerInfo],
    ) -> tuple[str | None, str | None, str]:
        scope = doc.char_span(*quote.span, alignment_mode="expand") if quote is not None else _clause(cue)
        hedged = scope is not None and self._has_hedge(scope)
        if ctype == "admission":  # hedges count only inside what is admitted, not on the admitting verb
            content = [c for c in cue.root.children if c.dep_ in ("ccomp", "dobj")]
            hedged = any(self._has_hedge(cue.doc[c.left_edge.i : c.right_edge.i + 1]) for c in content)
        if kind == "denial":
            stance = "denied"
        elif hedged:
            stance = "hedged"
        elif ctype == "admission" or (quote is not None and quote.kind != "direct" and ctype != "modifier"):
            stance = "reported"
        else:
            stance = "asserted"
        if quote is not None and (quote.kind == "direct" or ctype != "modifier"):
            speaker = speakers.get(quote.speaker_id) if quote.speaker_id else None
            if speaker is not None:
                return speaker.id, speaker.name, stance
            if quote.speaker is not None:
                return None, doc.text[quote.speaker[0] : quote.speaker[1]], stance
        if ctype == "admission":
            subject = self._subject_text(cue.root)
            if subject is not None:
                return self._speaker_named(subject, speakers), subject, stance
        if ctype != "modifier":
            believer = self._believer(cue)
            if believer is not None:
                return None, believer, stance
        return None, None, stance

    def _has_hedge(self, scope: Span) -> bool:
        words = [t.lower_ for t in scope]
        return any(tuple(words[i : i + len(h)]) == h for h in self.rules.hedges for i in range(len(words) - len(h) + 1))

    def _believer(self, cue: Span) -> str | None:
        """The subject of a verb of knowing that governs the cue ("officials have long understood that")."""
        beliefs = self.rules.words.get("belief", frozenset())
        for verb in cue.root.ancestors:
            if verb.lemma_.lower() in beliefs:
                return self._subject_text(verb)
        return None

    @staticmethod
    def _subject_text(verb: Token) -> str | None:
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None:
            return None
        doc = subject.doc
        start = subject.left_edge.i
        end = subject.i + 1
        for child in subject.rights:  # keep "X and Y" but not appositives and clauses
            if child.dep_ in ("cc", "conj"):
                end = child.i + 1
            else:
                break
        while start < end and (doc[start].is_punct or doc[start].dep_ == "det"):
            start += 1
        return doc[start:end].text

    @staticmethod
    def _speaker_named(name: str, speakers: dict[str, SpeakerInfo]) -> str | None:
        low = name.lower()
        for speaker in speakers.values():
            if speaker.name.lower() in low or low in speaker.name.lower():
                return speaker.id
        return None
