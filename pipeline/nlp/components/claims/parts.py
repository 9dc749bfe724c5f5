"""Where a claim's parts are: the state, the actor (or unnamed operation) and the target of a cue.

Plain functions over the parse, used by :mod:`pipeline.nlp.components.claims.finder`. Each cue type of
``claim_cues.tsv`` says where to look; these functions look there and nowhere else, so a state named
elsewhere in the sentence (often the victim: "attacks on the US") is not taken for the sponsor.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from models import ClaimKind
from pipeline.nlp.annotations import THREAT_ACTOR
from pipeline.nlp.components.claims.rules import ClaimRules
from pipeline.nlp.syntax import CLAUSE_OR_APPOSITION_DEPS, SUBJECT_DEPS, first_subject, subject_of, subtree_bounds
from pipeline.nlp.tables import words

OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
#: Dependencies of a clause of its own inside a phrase (a relative or participle clause, "in [tracking down X]").
SUBCLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "pcomp"})
#: How many sentences back a pronoun may point to the last named actor; "the group" reaches further,
#: since news keeps calling an article's actor "the group" paragraphs after naming it.
COREFERENCE_SENTENCES = 2
DESCRIPTION_SENTENCES = 12


@dataclass(frozen=True)
class StateMention:
    """A state (or a state organisation) named in the text, with its ISO code; token offsets."""

    start: int
    end: int
    name: str
    country: str


@dataclass(frozen=True)
class ActorRef:
    """Who a claim is about: a named actor span, or the words naming an unnamed operation or group."""

    span: Span
    actor: Span | None  # the THREAT_ACTOR span when the actor is named
    how: str  # "actor", "coreference" or "operation"


def _start(item: StateMention | Span) -> int:
    return item.start


def within(mentions: list[StateMention], lo: int, hi: int) -> list[StateMention]:
    """The mentions lying inside tokens ``lo:hi``; ``mentions`` are in text order (found by bisection)."""
    first = bisect_left(mentions, lo, key=_start)
    last = bisect_left(mentions, hi, key=_start)
    return [m for m in mentions[first:last] if m.end <= hi]


def is_victim(doc: Doc, state: StateMention, rules: ClaimRules) -> bool:
    """A state that is the target ("attacks on the US", "targeted the US"), not the sponsor."""
    last = doc[state.end - 1]
    if last.dep_ == "pobj" and last.head.head.lemma_.lower() in rules.word("accusation_verb"):
        return False  # "the hack was blamed on North Korea": the accused, not a victim
    if last.dep_ == "pobj" and last.head.lower_ in rules.word("victim_prep"):
        return True
    operations = rules.word("operation")
    for tok in last.ancestors:  # "a breach of a Taiwanese institute", "intrusions at Israeli water utilities"
        if (
            tok.dep_ == "prep"
            and tok.lower_ in words("operation_target_prep")
            and tok.head.lemma_.lower() in operations
        ):
            return True
        if tok.pos_ in ("VERB", "AUX"):
            break
    victim_verbs = rules.word("victim_verb")
    if any(doc[i].dep_ == "dobj" and doc[i].head.lemma_ in victim_verbs for i in range(state.start, state.end)):
        return True
    return _inside_operation(last, operations)


def _inside_operation(tok: Token, operations: frozenset[str]) -> bool:
    """A state named inside an operation's description ("attacks attempting to influence the U.S. elections",
    "a dump of NSA cyber-weapons"), unless it is the operation's own author ("Russia's attacks", "attacks by Iran")."""
    child = tok
    for head in tok.ancestors:
        if head.lemma_.lower() in operations and head.pos_ in ("NOUN", "PROPN"):
            return not (child.dep_ == "poss" or (child.dep_ in ("prep", "agent") and child.lower_ == "by"))
        if head.dep_ in ("ROOT", "ccomp") or head.pos_ == "AUX":
            return False
        child = head
    return False


def last_state_before(states: list[StateMention], index: int) -> StateMention | None:
    before = [m for m in states if m.end <= index]
    return before[-1] if before else None


def subject_state(
    doc: Doc, cue: Span, states: list[StateMention], rules: ClaimRules, *, fallback: bool = True
) -> StateMention | None:
    """The state of whoever governs the cue: a state or agency inside the nearest subject above it."""
    for verb in (cue.root, *cue.root.ancestors):
        subject = subject_of(verb)
        if subject is None or subject.lower_ in words("actor_pronoun"):
            continue
        inside = within(states, *subtree_bounds(subject))
        if inside:
            return inside[0]
    if not fallback:
        return None
    sent = cue.sent
    return next((m for m in states if sent.start <= m.start < sent.end and not is_victim(doc, m, rules)), None)


def state_for(doc: Doc, cue: Span, ctype: str, states: list[StateMention], rules: ClaimRules) -> StateMention | None:
    """The state a cue ties the claim to, by where its type says the state stands."""
    root = cue.root
    if ctype == "predicate":  # "linked to Beijing", else the copula's subject: "Beijing is behind ..."
        lo, hi = subtree_bounds(root)
        after = next(
            (m for m in within(states, lo, hi) if m.start >= cue.end and in_own_clause(doc[m.end - 1], root)), None
        )
        if after is not None:
            return after
        verb = root if root.pos_ in ("VERB", "AUX") else root.head
        subject = subject_of(verb)
        return _state_heading(subject, states) if subject is not None else None
    if ctype == "possessive":
        before = cue.start - 1
        if before >= 0 and doc[before].tag_ == "POS":
            before -= 1
        if before >= 0 and doc[before].lower_ in words("possessive_pronoun"):
            return last_state_before(states, before)
        if before < 0 or before + 1 >= len(doc) or doc[before + 1].tag_ != "POS":
            return None  # "Iranian state hackers" is no possessive; "Iran's hackers" is
        return next((m for m in states if m.start <= before < m.end), None)
    if ctype == "agent":
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children):
            return None  # "is sponsored by ...": a passive's subject is not the agent
        subject = subject_of(root)
        return _state_heading(subject, states) if subject is not None else None
    if ctype == "admission" and any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children):
        return None  # "leaks by X were confirmed by affected vendors": no state admits anything
    if ctype in ("admission", ClaimKind.denial):
        return subject_state(doc, cue, states, rules)
    if ctype == "modifier":
        near = [m for m in states if 0 <= cue.start - m.end <= 2]
        if near:
            return near[-1]
        return subject_state(doc, cue, states, rules) or last_state_before(states, cue.start)
    if ctype == "accusation":
        return next(iter(accused(root, states, rules)), None)
    if ctype == "demonym":  # a state word among the group noun's modifiers: "Russian military hackers"
        return next((m for m in states if root.left_edge.i <= m.start and m.end <= root.i), None)
    return None


def in_own_clause(tok: Token, root: Token) -> bool:
    """Whether ``tok`` belongs to the clause of ``root`` above it, not to a clause of its own in between
    ("behind the hack of Sony [that was blamed on North Korea]", "linked to an address [mentioned in a report
    into X]")."""
    for head in tok.ancestors:
        if head.i == root.i:
            return True
        if head.dep_ in SUBCLAUSE_DEPS and head.pos_ in ("VERB", "AUX"):
            return False
    return True


def _state_heading(subject: Token, states: list[StateMention]) -> StateMention | None:
    """A state that is the subject, or names it ("Beijing", "the communist regime in Beijing"),
    not one buried in a clause inside it ("Flax Typhoon, which the FBI says ...")."""
    own = {subject.i} | {t.i for c in subject.children if c.dep_ not in CLAUSE_OR_APPOSITION_DEPS for t in c.subtree}
    return next((m for m in states if all(i in own for i in range(m.start, m.end))), None)


def accused(verb: Token, states: list[StateMention], rules: ClaimRules) -> list[StateMention]:
    """States in an accusation verb's object or its "to"/"on" complement ("blamed Russia's GRU for"),
    not the victims of the operation named there ("tied the group to intrusions at Israeli utilities")."""
    found: list[StateMention] = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS or (child.dep_ == "prep" and child.lower_ in words("accusation_prep")):
            labels = [subtree_bounds(a) for a in child.subtree if a.dep_ == "appos"]
            found += [
                m for m in within(states, *subtree_bounds(child)) if not any(lo <= m.start < hi for lo, hi in labels)
            ]  # "naming APT28, [a suspected Russian hacking group], as ...": the article's label, not the accusation
    doc = verb.doc  # not a state in a clause of its own ("linked to an address [mentioned in a US report]")
    return [m for m in found if not is_victim(doc, m, rules) and in_own_clause(doc[m.end - 1], verb)]


def accused_actor(verb: Token, actors: list[Span]) -> Span | None:
    """A named actor that an accusation verb's object or complement names."""
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS or (child.dep_ == "prep" and child.lower_ in words("accusation_prep")):
            lo, hi = subtree_bounds(child)
            hit = next((a for a in actors if lo <= a.start and a.end <= hi), None)
            if hit is not None:
                return hit
    return None


def coreferent_actor(doc: Doc, sent: Span, actors: list[Span], *, reach: int = COREFERENCE_SENTENCES) -> Span | None:
    """The last actor named in the ``reach`` sentences before ``sent`` ("it", "the group" point to it)."""
    start = sent.start
    for _ in range(reach):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    earlier = [a for a in actors if start <= a.start and a.end <= sent.start]
    return earlier[-1] if earlier else None


def pointer_in(sent: Span, rules: ClaimRules) -> Token | None:
    """A word that points back to an actor: "it", "they", "the group", "the hackers"."""
    groups = rules.word("group")
    for tok in sent:
        if tok.lower_ in ("it", "they") and tok.dep_ in SUBJECT_DEPS:
            return tok
        if tok.lemma_.lower() in groups and any(c.lower_ in ("the", "this", "that") for c in tok.children):
            return tok
    return None


def pointer_reach(pointer: Token, rules: ClaimRules) -> int:
    """How many sentences back a pointer may reach: a pronoun the last two, "the group" further."""
    return DESCRIPTION_SENTENCES if pointer.lemma_.lower() in rules.word("group") else COREFERENCE_SENTENCES


def operation_in(sent: Span, cue: Span, rules: ClaimRules) -> Token | None:
    """The unnamed operation or group nearest the cue ("the cyberattacks", "Russian hackers")."""
    words = rules.word("operation") | rules.word("group")
    candidates = [t for t in sent if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in words]
    return min(candidates, key=lambda t: abs(t.i - cue.start)) if candidates else None


def actor_for(doc: Doc, cue: Span, ctype: str, actors: list[Span], rules: ClaimRules) -> ActorRef | None:
    """The actor a claim is about: named in the sentence, pointed back to, or an unnamed operation."""
    sent = cue.sent
    in_sent = [a for a in actors if sent.start <= a.start and a.end <= sent.end]
    if ctype == "accusation":
        named = accused_actor(cue.root, actors)
        if named is not None:
            return ActorRef(named, named, "actor")
        if _accuses_pointer(cue.root, rules):  # "blamed the unit for NotPetya"
            earlier = coreferent_actor(doc, sent, actors)
            if earlier is not None:
                return ActorRef(earlier, earlier, "coreference")
    if in_sent:
        nearest = min(in_sent, key=lambda a: min(abs(a.start - cue.end), abs(cue.start - a.end)))
        return ActorRef(nearest, nearest, "actor")
    pointer = pointer_in(sent, rules)
    if pointer is not None:
        earlier = coreferent_actor(doc, sent, actors, reach=pointer_reach(pointer, rules))
        if earlier is not None:
            return ActorRef(earlier, earlier, "coreference")
    operation = operation_in(sent, cue, rules)
    if operation is not None:
        return ActorRef(doc[operation.i : operation.i + 1], None, "operation")
    return None


def _accuses_pointer(verb: Token, rules: ClaimRules) -> bool:
    groups = rules.word("group")
    return any(
        c.dep_ in OBJECT_DEPS and c.lemma_.lower() in groups and any(d.lower_ in ("the", "this") for d in c.children)
        for c in verb.children
    )


def conjoined_actors(actor: Span, actors: list[Span]) -> list[Span]:
    """The actor and any actors coordinated with it ("UNC3886 and UNC5221 are likely tasked by ...").

    ``actors`` are in text order; only those of the actor's sentence are looked at (found by bisection), so
    the cost does not grow with the number of actor mentions in the document.
    """
    out = [actor]
    root = actor.root
    sent = actor.sent
    first, last = (bisect_left(actors, i, key=_start) for i in (sent.start, sent.end))
    for other in actors[first:last]:
        if other is actor:
            continue
        o = other.root
        linked = (o.dep_ == "conj" and o.head.i in range(actor.start, actor.end)) or (
            root.dep_ == "conj" and root.head.i in range(other.start, other.end)
        )
        if linked and other.kb_id_ != actor.kb_id_:
            out.append(other)
    return out


def target_of(verb: Token, *, prep_only: bool = False) -> Span | None:
    """What a targeting verb hit: the object of a victim preposition ("stole data [from X]") or else its
    direct object ("hit [X]"), with a following "in PLACE"; for verbs that hit nothing by themselves
    ("used a backdoor against X") only the preposition counts."""
    doc = verb.doc
    target = None
    preps = words("target_prep_only") if prep_only else words("target_prep")
    for prep in (c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in preps):
        target = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if prep_only and prep.lower_ == "from" and target is not None and target.ent_type_ in ("GPE", "LOC"):
            target = None  # "operates from China", "launched from servers in Iran": where from, not what was hit
        if target is None and prep.dep_ == "prt" and prep.i + 1 < len(doc):
            target = next((c for c in verb.children if c.dep_ == "dobj"), None)  # "broke into [X]"
        if target is not None:
            break
    if target is None and not prep_only:
        target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if target is None:
        return None
    lo, hi = subtree_bounds(target)
    for prep in verb.children:  # "hit critical infrastructure [in Guam]": where the target is
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i == hi:
            hi = prep.right_edge.i + 1
    return doc[lo:hi]


def noun_target_of(noun: Token) -> Span | None:
    """What an operation noun was against: "attacks [on Ukraine's energy sector]"."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in words("target_prep")), None)
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    return noun.doc[obj.left_edge.i : obj.right_edge.i + 1] if obj is not None else None


def targeting_subject(verb: Token) -> Token | None:
    """Who did the hitting: the subject, the noun a relative clause modifies, or a conjunct's subject."""
    subject = subject_of(verb)
    if subject is None and verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        subject = verb.head
    if subject is None and verb.dep_ in ("xcomp", "advcl", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
        subject = subject_of(verb.head)
    return subject


def named_object(cue: Span, ctype: str, actors: list[Span], rules: ClaimRules) -> Span | None:
    """A named actor the cue puts forward as the one responsible: after a predicate, or accused."""
    if ctype == "accusation":
        return accused_actor(cue.root, actors)
    if cue.root.lower_ in rules.word("operation_first"):
        return None  # "the organisations behind operation Cloud Hopper": what follows is the operation
    lo, hi = subtree_bounds(cue.root)
    return next(
        (a for a in actors if a.start >= cue.end and lo <= a.start and a.end <= hi and in_own_clause(a.root, cue.root)),
        None,
    )


def subject_actor(doc: Doc, cue: Span, subject: Token, actors: list[Span], rules: ClaimRules) -> ActorRef | None:
    """The actor a claim's subject names or points back to ("it", "the group"), or an unnamed group's phrase."""
    lo, hi = subtree_bounds(subject)
    named = next((a for a in actors if lo <= a.start and a.end <= hi), None)
    if named is None and subject.dep_ == "appos":  # "Salt Typhoon, the group that compromised ..."
        named = next((a for a in actors if a.start <= subject.head.i < a.end), None)
    if named is not None:
        return ActorRef(named, named, "actor")
    if subject.lower_ in ("it", "they") and reporter_pronoun(subject, rules):
        return None  # "the Justice Department announced that it had disrupted ...": "it" is the reporter
    groups = rules.word("group")
    described = subject.lemma_.lower() in groups and any(c.lower_ in ("the", "this") for c in subject.children)
    if subject.lower_ in ("it", "they") or described:
        reach = DESCRIPTION_SENTENCES if described else COREFERENCE_SENTENCES
        earlier = coreferent_actor(doc, cue.sent, actors, reach=reach)
        if earlier is not None:
            return ActorRef(earlier, earlier, "coreference")
    if subject.lemma_.lower() in groups:  # "A Chinese state-sponsored hacking group has hit ..."
        return ActorRef(doc[lo:hi], None, "operation")
    return None


def reporter_pronoun(pronoun: Token, rules: ClaimRules) -> bool:
    """A pronoun in reported speech whose reporting verb's subject is not an actor: it is the reporter."""
    for verb in pronoun.ancestors:
        if verb.lemma_.lower() in rules.reporting_verbs:
            subject = first_subject(verb)
            return subject is not None and subject.ent_type_ != THREAT_ACTOR
    return False


def noun_actor(doc: Doc, cue: Span, actors: list[Span], rules: ClaimRules) -> ActorRef | None:
    """Whose attacks: a possessive or "by X" on the noun, else an actor subject of its sentence."""
    noun = cue.root
    for child in noun.children:
        lo, hi = subtree_bounds(child)
        named = next((a for a in actors if lo <= a.start and a.end <= hi), None)
        if named is not None and child.dep_ in ("poss", "compound", "prep", "amod"):
            return ActorRef(named, named, "actor")
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = targeting_subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    return subject_actor(doc, cue, subject, actors, rules) if subject is not None else None
