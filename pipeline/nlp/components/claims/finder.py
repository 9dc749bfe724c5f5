"""``tn_claims``: sponsorship, responsibility, association, denial and targeting claims, with claimant and stance.

Each cue of ``claim_cues.tsv`` (found by the phrase tables of :mod:`.rules` on lemmas and lower-case text) has a
type that says where the claim's parts stand (:mod:`.parts`): for a *predicate* ("Volt Typhoon is linked to
Beijing") the state follows the cue; for a *modifier* ("the Chinese state-sponsored group") it stands before, and
a demonym predicated of an actor ("APT33 is Iranian") is one too; a *possessive* names the state as owner
("Beijing's role"); an *agent* verb has the state as subject ("Beijing has orchestrated the cyberattacks"); an
*accusation* has it as object ("Germany accused Russia's GRU"); an *admission* is a state's official
acknowledging an operation; a *denial* has its denier as subject; a *target* verb or noun has an actor hitting
something; an *author* preposition attributes an operation to its author (:func:`.links.operation_author`, a
maintainer ruling of issue 14): the passive agent of an operation verb ("the tools were leaked by the Shadow
Brokers") or "by"/"of" after an operation noun ("activity by APT10") is responsibility, with no party unless a
state is the agent; the active "X leaked the tools" and a possessive "X's activity" are no attribution. The
actor is the nearest named actor the cue holds (else another it holds, else one that a pronoun or "the group" it
holds points back to), else a pronoun or "the group" that points back to the last actor named, else an unnamed
operation ("the cyberattacks"). Each state coordinated with the party is a party too. Of duplicates, the claim
asserted in the main clause is kept (:func:`.merge.deduplicate`). Every party is a span of the text: when no
state is named, the claim names none and the gazetteer's country for a named actor is kept apart as
``inferred_sponsor`` with its source, never as evidence.

Claimant and stance follow the conventions of :mod:`.stance`. The evidence is the sentence. Writes
``doc.spans[CLAIM_SPANS]`` (the evidence sentences) and ``Doc._.tn_claims``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from models import LINK_KINDS, ClaimKind
from pipeline.nlp.annotations import ACTOR_SPANS, AGENCY_SPANS, CLAIM_SPANS, ClaimInfo
from pipeline.nlp.components.claims.clauses import denied_within, set_aside
from pipeline.nlp.components.claims.links import (
    about_responsibility,
    agent_ref,
    conjoined_states,
    demonym_predicates,
    held_actor,
    held_by,
    near_pointer,
    operation_author,
    possessor_ref,
    ties_operation,
)
from pipeline.nlp.components.claims.merge import (
    content_scope,
    deduplicate,
    denials_of_accused,
    sentence_chars,
)
from pipeline.nlp.components.claims.parts import (
    ActorRef,
    StateMention,
    actor_for,
    conjoined_actors,
    is_victim,
    named_object,
    noun_actor,
    noun_target_of,
    state_for,
    subject_actor,
    target_of,
    targeting_subject,
    within,
)
from pipeline.nlp.components.claims.rules import ClaimRules, PhraseTable, token_pattern
from pipeline.nlp.components.claims.stance import StanceJudge
from pipeline.nlp.syntax import subject_of, subtree_bounds

#: Confidence of a claim by what names its actor.
CONFIDENCE = {"actor": 0.8, "coreference": 0.6, "operation": 0.5}
#: How many tokens before a denier's name a state may stand and still be the denier's own.
DENIER_WINDOW = 12
TARGET_TYPES = frozenset({"target", "target_prep", "target_noun"})
#: Attribution cue types whose state, when named only as the victim ("attacks on the US"), is no sponsor.
VICTIM_CHECKED_TYPES = frozenset({"predicate", "modifier", "accusation"})
#: Cue types whose claim may name no state when the words make a named actor the author of an operation.
NO_PARTY_TYPES = frozenset({"predicate", "accusation", "agent", "possessive"})
#: Cue types whose actor, when a pointer ("they were said to be behind ...") stands for it, is checked as held.
HELD_POINTER_TYPES = frozenset({"predicate", "accusation"})
#: Links from a clause of its own (or a subject) up to the verb above, whose negation or condition is not its own.
OWN_CLAUSE_DEPS = frozenset({"advcl", "relcl", "nsubj", "nsubjpass", "csubj", "appos"})


@Language.factory(
    "tn_claims",
    assigns=["doc.spans", "doc._.tn_claims"],
    requires=[
        "doc.spans",
        "doc.ents",
        "doc.sents",
        "token.dep",
        "token.lemma",
        "token.pos",
        "doc._.tn_actors",
        "doc._.tn_agencies",
        "doc._.tn_quotes",
        "doc._.tn_speakers",
        "doc._.tn_quote_speakers",
    ],
    default_config={},
)
def make_claim_finder(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder(nlp, name=name, rules=ClaimRules.from_data())


class ClaimFinder:
    """Find claims; see the module docstring."""

    def __init__(self, nlp: Language, *, name: str, rules: ClaimRules) -> None:
        self.name = name
        self.rules = rules
        self.judge = StanceJudge(rules, nlp.vocab.strings)
        cues = [(token_pattern(phrase, ctype), (kind, ctype)) for kind, ctype, phrase in rules.cues]
        self.cue_table = PhraseTable(nlp.vocab.strings, cues)
        states = [([{"ORTH": w} for w in phrase], code) for phrase, code in rules.states.items()]
        self.state_table = PhraseTable(nlp.vocab.strings, states)

    def __call__(self, doc: Doc) -> Doc:
        states = self.find_states(doc)
        actors = sorted(doc.spans.get(ACTOR_SPANS, []), key=lambda s: s.start)
        found: list[ClaimInfo] = []
        for start, end, (kind, ctype) in self.cue_table.find(doc):
            found += self.claims_at(doc, doc[start:end], kind, ctype, states, actors)
        for cue, ref, state in demonym_predicates(doc, states, actors):  # "APT33 is believed to be Iranian"
            found += self._claims(doc, cue, ClaimKind.sponsorship, "modifier", ref, state, actors)
        claims = denials_of_accused(deduplicate(found, lambda c: set_aside(doc, c.cue)))
        claims.sort(key=lambda c: (c.evidence, c.cue))
        doc._.tn_claims[:] = claims
        doc.spans[CLAIM_SPANS] = [
            s for c in claims if (s := doc.char_span(*c.evidence, label=c.kind, alignment_mode="expand"))
        ]
        return doc

    def find_states(self, doc: Doc) -> list[StateMention]:
        """States named by the states table, and state organisations (agencies) with their country."""
        names = self.rules.state_names  # a state word names its state: "Beijing" → China (the mention keeps "Beijing")
        found = [StateMention(s, e, names.get(code, doc[s:e].text), code) for s, e, code in self.state_table.find(doc)]
        for span in doc.spans.get(AGENCY_SPANS, []):
            info = doc._.tn_agencies.get(span.kb_id_)
            if info is not None and info.country:
                found.append(StateMention(span.start, span.end, info.name, info.country))
        # The longest mention wins at each place: "Russia's GRU" over "Russia", "North Korea" over "Korea".
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[StateMention] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return out

    # -- one cue ---------------------------------------------------------------------------------
    def claims_at(
        self, doc: Doc, cue: Span, kind: str, ctype: str, states: list[StateMention], actors: list[Span]
    ) -> list[ClaimInfo]:
        sent = cue.sent
        in_sent = within(states, sent.start, sent.end)
        if ctype == "author":  # "the tools were leaked by the Shadow Brokers", "activity by APT10"
            hit = operation_author(cue.root, actors, in_sent, self.rules)
            if hit is None or self._negated_or_hypothetical(hit[0]):
                return []
            return self._claims(doc, hit[0], ClaimKind.responsibility, "predicate", hit[1], hit[2], actors)
        if ctype in TARGET_TYPES:
            claim = self.targeting_at(doc, cue, ctype, in_sent, actors)
            return [claim] if claim is not None else []
        denied = denied_within(cue, self.rules.word("denial_verb"))
        if kind in LINK_KINDS and (self._negated_or_hypothetical(cue) or denied):
            return []
        if ctype == "accusation" and not self._about_operations(cue, actors):
            return []  # "accused the U.S. of using cybersecurity to smear China" accuses no one of hacking
        if ctype == "possessive" and any(c.dep_ == "prep" and c.lower_ == "with" for c in cue.root.children):
            return []  # "America's involvement with Taiwan" is a relationship, not responsibility
        ref = (
            self._demonym_actor(doc, cue, actors)
            if ctype == "demonym"
            else actor_for(doc, cue, ctype, actors, self.rules)
        )
        if ref is not None and ref.how == "coreference" and not held_by(cue, ref, self.rules):
            ref = near_pointer(doc, cue, ref, actors, self.rules)  # "the group" far back, in a clause not held
        if ctype == "predicate" and ref is not None and not held_by(cue, ref, self.rules):
            ref = held_actor(doc, cue, actors, self.rules)  # "the NCSC, part of GCHQ": not the nearest actor
        state = state_for(doc, cue, ctype, in_sent, self.rules)
        if (
            state is not None
            and kind in LINK_KINDS
            and ctype in VICTIM_CHECKED_TYPES
            and is_victim(doc, state, self.rules)
        ):
            state = None  # "APT28 is behind the attacks on the US": the US is the victim, the claim names no party
        if ctype in ("predicate", "accusation"):
            named = named_object(cue, ctype, actors, self.rules)  # "the work of Fancy Bear", "blamed Sandworm"
            if named is not None and (state is None or named.start < state.start):
                if ref is not None and ref.actor is not None and ref.actor.kb_id_ != named.kb_id_ and state is None:
                    other = StateMention(named.start, named.end, named.text, None)
                    return self._claims(doc, cue, ClaimKind.association, ctype, ref, other, actors)  # "X overlaps Y"
                ref = ActorRef(named, named, "actor")  # "the work of Fancy Bear", "blamed Sandworm for"
        named_ref = ref is not None and ref.actor is not None and (ref.how == "actor" or ctype in HELD_POINTER_TYPES)
        if state is None and kind in LINK_KINDS and ctype in NO_PARTY_TYPES:
            ref, kind = self._no_party(doc, cue, kind, ctype, ref if named_ref else None, actors)
            named_ref = ref is not None and ref.actor is not None
        if kind == ClaimKind.denial and not about_responsibility(cue, self.rules):
            return []  # "found no evidence that the intruders changed settings" denies no attribution
        verdict = self.judge.judge(doc, cue, kind, ctype)
        if kind == ClaimKind.denial:
            state = self._denier_state(doc, cue, verdict.claimant_id, states) or state
        if state is None and not (kind == ClaimKind.responsibility and named_ref and ctype in NO_PARTY_TYPES):
            return []  # a party must be named in the text; only "the attack was carried out by X" needs none
        if ref is None and ctype == "accusation":
            accused_words = [c for c in cue.root.children if c.dep_ in ("dobj", "dative")]
            if accused_words:  # "Britain accused Russia's GRU of breaking into ...": the act has no name
                obj = accused_words[0]
                ref = ActorRef(doc[obj.left_edge.i : obj.right_edge.i + 1], None, "operation")
        if ref is None and kind != ClaimKind.denial:
            return []
        if kind == ClaimKind.sponsorship and (ref is None or ref.actor is None):
            kind = ClaimKind.responsibility  # an operation or an unnamed group tied to a state: who did it
        claims = self._claims(doc, cue, kind, ctype, ref, state, actors, verdict)
        for other in conjoined_states(doc, state, in_sent) if state is not None and kind in LINK_KINDS else ():
            claims += self._claims(doc, cue, kind, ctype, ref, other, actors, verdict)  # "Russia and Iran"
        return claims

    def _claims(
        self,
        doc: Doc,
        cue: Span,
        kind: str,
        ctype: str,
        ref: ActorRef | None,
        state: StateMention | None,
        actors: list[Span],
        verdict=None,  # noqa: ANN001
    ) -> list[ClaimInfo]:
        """One claim per actor the cue ties (coordinated actors each get theirs), every party a span of the text."""
        verdict = verdict or self.judge.judge(doc, cue, kind, ctype)
        refs = (
            [ref]
            if ref is None or ref.actor is None
            else [ActorRef(a, a, ref.how) for a in conjoined_actors(ref.actor, actors)]
        )
        party = (doc[state.start].idx, doc[state.end - 1].idx + len(doc[state.end - 1])) if state else None
        return [
            ClaimInfo(
                kind=kind,
                stance=verdict.stance,
                evidence=sentence_chars(cue.sent),
                actor_id=r.actor.kb_id_ if r is not None and r.actor is not None else None,
                actor=(r.span.start_char, r.span.end_char) if r is not None else None,
                attributed_name=state.name if state else None,
                attributed_country=state.country if state else None,
                attributed=party,
                **self._inferred(doc, r.actor if r is not None and state is None else None),
                cue=(cue.start_char, cue.end_char),
                claimant_id=verdict.claimant_id,
                claimant_name=verdict.claimant_name,
                quote_id=verdict.quote_id,
                confidence=CONFIDENCE[r.how if r is not None else "operation"],
                scope=content_scope(cue) if ctype in ("accusation", "admission") else None,
                cue_type=ctype,
            )
            for r in refs
        ]

    def targeting_at(
        self, doc: Doc, cue: Span, ctype: str, states: list[StateMention], actors: list[Span]
    ) -> ClaimInfo | None:
        """An actor (named, pointed back to, or an unnamed group) hitting a target."""
        if ctype == "target_noun":
            target = noun_target_of(cue.root)
            ref = noun_actor(doc, cue, actors, self.rules)
        else:
            target = target_of(cue.root, prep_only=ctype == "target_prep")
            subject = targeting_subject(cue.root)
            ref = subject_actor(doc, cue, subject, actors, self.rules) if subject is not None else None
        if target is None or ref is None:
            return None
        target_country = next((m.country for m in within(states, target.start, target.end)), None)
        verdict = self.judge.judge(doc, cue, ClaimKind.targeting, ctype)
        return ClaimInfo(
            kind=ClaimKind.targeting,
            stance=verdict.stance,
            evidence=sentence_chars(cue.sent),
            actor_id=ref.actor.kb_id_ if ref.actor is not None else None,
            actor=(ref.span.start_char, ref.span.end_char),
            **self._inferred(doc, ref.actor),
            target_name=target.text,
            target_country=target_country,
            cue=(cue.start_char, cue.end_char),
            claimant_id=verdict.claimant_id,
            claimant_name=verdict.claimant_name,
            quote_id=verdict.quote_id,
            confidence=CONFIDENCE[ref.how],
        )

    def _no_party(
        self, doc: Doc, cue: Span, kind: str, ctype: str, ref: ActorRef | None, actors: list[Span]
    ) -> tuple[ActorRef | None, str]:
        """With no state named, the named actor whose words make it the author of an operation (:mod:`.links`),
        and the claim's kind: a link to an operation ("linked to the attacks") is responsibility."""
        if ctype == "agent":
            return agent_ref(doc, cue, actors, self.rules), kind
        if ctype == "possessive":
            return (possessor_ref(doc, cue, actors) if kind == ClaimKind.responsibility else None), kind
        if ref is not None and kind == ClaimKind.sponsorship and ties_operation(cue, self.rules, ctype):
            return ref, ClaimKind.responsibility
        return ref, kind

    def _about_operations(self, cue: Span, actors: list[Span]) -> bool:
        """Whether an accusation is about cyber operations: what it accuses names an actor, an operation
        or a group ("blamed the unit for the NotPetya attack", "accused X of breaking into ...")."""
        verb = cue.root
        parts = [c for c in verb.children if c.dep_ not in ("nsubj", "aux", "auxpass", "punct", "neg")]
        if verb.dep_ in ("acl", "relcl", "amod"):
            parts.append(verb.head)  # "operations attributed to Moscow"
        words = self.rules.word("operation") | self.rules.word("group") | self.rules.word("operation_verb")
        for part in parts:
            lo, hi = subtree_bounds(part) if part.head.i == verb.i else (part.i, part.i + 1)
            if any(t.lemma_.lower() in words for t in cue.doc[lo:hi]):
                return True
            if any(lo <= a.start and a.end <= hi for a in actors):
                return True
        if verb.dep_ == "relcl" and any(a.start <= verb.head.i < a.end for a in actors):
            return True  # "MuddyWater, which U.S. Cyber Command identified as ..."
        return False

    def _demonym_actor(self, doc: Doc, cue: Span, actors: list[Span]) -> ActorRef | None:
        """ "Russian military hackers": the group noun's phrase, or the actor it describes ("X is a
        Chinese group", "X, a Chinese group")."""
        noun = cue.root
        appos = next((a for c in noun.children if c.dep_ == "appos" for a in actors if a.start <= c.i < a.end), None)
        if appos is not None:  # "a separate Iranian espionage group, OilRig"
            return ActorRef(appos, appos, "actor")
        for verb in (
            c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in self.rules.word("naming_verb")
        ):
            lo, hi = subtree_bounds(verb)
            named = next((a for a in actors if lo <= a.start and a.end <= hi), None)
            if named is not None:  # "a Russian hacking group known as Fancy Bear"
                return ActorRef(named, named, "actor")
        top = noun
        # "one of several Chinese groups", "described as China-nexus actors"
        while top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.lower_ in ("of", "as", "among"):
            top = top.head.head
        if top.dep_ in ("attr", "appos", "oprd") or (top.pos_ in ("VERB", "AUX") and top is not noun):
            head = top if top.pos_ in ("VERB", "AUX") else top.head
            subject = subject_of(head) if head.pos_ in ("VERB", "AUX") else head
            if subject is not None:
                lo, hi = subtree_bounds(subject)
                named = next((a for a in actors if lo <= a.start and a.end <= hi), None)
                if named is not None:
                    return ActorRef(named, named, "actor")
        return ActorRef(doc[noun.left_edge.i : noun.i + 1], None, "operation")

    def _denier_state(
        self, doc: Doc, cue: Span, claimant_id: str | None, states: list[StateMention]
    ) -> StateMention | None:
        """The state a denier belongs to: named in the denying subject ("Iran's foreign ministry
        spokesman ... denied"), in one of the denier's mentions, or just before its name where the
        article introduces it ("At a briefing in Beijing, foreign ministry spokesperson Ma ...")."""
        verb = cue.root if cue.root.pos_ == "VERB" else None
        subject = subject_of(verb) if verb is not None else None
        if subject is not None:
            inside = [m for m in within(states, *subtree_bounds(subject)) if not is_victim(doc, m, self.rules)]
            if inside:
                return inside[0]
        speaker = next((s for s in doc._.tn_speakers if s.id == claimant_id), None) if claimant_id else None
        if speaker is None:
            return None
        spans = [s for start, end in speaker.mentions if (s := doc.char_span(start, end, alignment_mode="expand"))]
        for span in spans:
            inside = within(states, span.start, span.end)
            if inside:
                return inside[0]
        surname = speaker.name.split()[-1]
        for tok in doc[: cue.end]:
            if tok.text != surname:
                continue
            near = [
                m
                for m in within(states, max(tok.sent.start, tok.i - DENIER_WINDOW), tok.i)
                if not is_victim(doc, m, self.rules)
            ]
            if near:
                return near[-1]
        return None

    @staticmethod
    def _inferred(doc: Doc, actor: Span | None) -> dict[str, str | None]:
        """The gazetteer's view of a named actor's sponsor, for a claim whose text names none (kept apart)."""
        info = doc._.tn_actors.get(actor.kb_id_) if actor is not None else None
        if info is None or not info.country:
            return {}
        return {"inferred_country": info.country, "inferred_source": info.country_source or info.source}

    def _negated_or_hypothetical(self, cue: Span) -> bool:
        """A cue under a negation ("did not state that Beijing was behind"), a modal ("would acknowledge") or a
        condition ("if they are tied to Russia")."""
        sent, doc = cue.sent, cue.doc
        for tok in doc[sent.start : cue.start]:  # "did not (explicitly) state that ..." before the cue
            if tok.lemma_.lower() in self.rules.reporting_verbs and any(c.dep_ == "neg" for c in tok.children):
                between = doc[tok.i + 1 : cue.start]
                if any(t.lower_ == "that" for t in between[:2]) and not any(t.is_punct for t in between):
                    return True
        conditions = self.rules.word("condition_mark")
        below = cue.root
        for verb in (cue.root, *cue.root.ancestors):
            complement = below.dep_ == "relcl" and any(c.dep_ == "mark" for c in below.children)  # "no proof that"
            if verb.i != below.i and below.dep_ in OWN_CLAUSE_DEPS and not complement:
                break  # "has not commented on this leak, though previous leaks by X were confirmed": not negated
            below = verb
            for child in verb.children:
                if child.dep_ == "neg":
                    return True
                if child.dep_ == "mark" and child.lower_ in conditions:
                    return True  # "(if the hackers are indeed tied to the country)": a condition, not a claim
                if child.dep_ == "aux" and child.lower_ in self.rules.modals and verb.i == cue.root.i:
                    return child.lower_ not in self.rules.word("hedge_modal")  # "may be based in" hedges the link
        return False
