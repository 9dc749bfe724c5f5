"""Which actor a link cue holds, and responsibility that names no state: an operation tied to a named actor.

The finder asks a party of every claim, except where the words themselves make a named actor the author of an
operation: "APT28 has been linked to last summer's attacks" (a link whose other side is an operation, not a
state), "APT10 conducted the espionage campaign" (an agent verb whose subject is the actor and whose object is
an operation), "Fancy Bear's role in hacking the DNC" (a possessive responsibility noun owned by the actor).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.annotations import THREAT_ACTOR
from pipeline.nlp.components.claims.parts import (
    ActorRef,
    StateMention,
    coreferent_actor,
    in_own_clause,
    operation_in,
    pointer_in,
    pointer_reach,
    subject_actor,
)
from pipeline.nlp.components.claims.rules import ClaimRules
from pipeline.nlp.syntax import subject_of, subtree_bounds
from pipeline.nlp.tables import words

#: Links walked from a cue down to what it ties ("linked [to] the attacks", "naming X [as] being linked to ...").
COMPLEMENT_DEPS = frozenset({"prep", "pobj", "pcomp", "xcomp", "oprd", "agent"})


def _is_operation(tok: Token, rules: ClaimRules) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in rules.word("operation")


def ties_operation(cue: Span, rules: ClaimRules, ctype: str = "predicate") -> bool:
    """Whether a link cue's complement is an operation ("linked to [numerous cyberattacks]"), reached through
    prepositions and their objects only: an operation in an object or a clause of its own is not what it ties;
    but an accusation verb's object is what it ties to the accused ("linked [the attacks] to the Equation Group"),
    and so are the doers of an unnamed operation ("identified [the attackers] as Hafnium")."""
    todo = [c for c in cue.root.children if c.dep_ in COMPLEMENT_DEPS and c.i >= cue.start]
    if ctype == "accusation":
        objects = [c for c in cue.root.children if c.dep_ == "dobj"]
        if any(o.lemma_.lower() in rules.word("doer") for o in objects):
            return True  # "identified the attackers as Hafnium": who did the operation
        todo += objects
    while todo:
        tok = todo.pop()
        if _is_operation(tok, rules):
            return True
        todo += [c for c in tok.children if c.dep_ in COMPLEMENT_DEPS]
    return False


def agent_ref(doc: Doc, cue: Span, actors: list[Span], rules: ClaimRules) -> ActorRef | None:
    """The named actor (or the actor "the group" points back to) that an agent verb's subject names, when
    the verb's object is an operation ("APT10 conducted the espionage campaign")."""
    root = cue.root
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children):
        return None
    objects = [c for c in root.children if c.dep_ == "dobj"]
    if objects and cue.start <= objects[0].i < cue.end:  # "claimed responsibility for the breach": what it is for
        objects = [g for o in (root, objects[0]) for p in o.children if p.lower_ == "for" for g in p.children]
    operations = [c for c in objects if c.dep_ in ("dobj", "pobj") and _is_operation(c, rules)]
    if not operations or any(c.dep_ == "poss" for c in operations[0].children):
        return None  # "the group conducts its operations in support of ...": its own activity, no one operation
    subject = subject_of(root)
    if subject is None:
        return None
    ref = subject_actor(doc, cue, subject, actors, rules)
    return ref if ref is not None and ref.how == "actor" else None


def possessor_ref(doc: Doc, cue: Span, actors: list[Span]) -> ActorRef | None:
    """The named actor owning a responsibility noun: "Fancy Bear's role", or "its role" with the actor named
    earlier in the sentence as the subject of the same clause."""
    noun = cue.root
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    sent = cue.sent
    in_sent = [a for a in actors if sent.start <= a.start and a.end <= cue.start]
    named = next((a for a in in_sent if a.start <= owner.i < a.end), None)
    if named is not None:
        return ActorRef(named, named, "actor")
    if owner.lower_ not in words("possessive_pronoun") or not in_sent:
        return None
    verb = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    subject = subject_of(verb) if verb is not None else None
    if subject is None:
        return None
    lo, hi = subtree_bounds(subject)
    named = next((a for a in reversed(in_sent) if lo <= a.start and a.end <= hi), None)
    if named is None or not in_own_clause(owner, verb):
        return None
    return ActorRef(named, named, "actor")  # "Fancy Bear is notorious for its suspected role in ..."


def held_by(cue: Span, ref: ActorRef, rules: ClaimRules) -> bool:
    """Whether a predicate cue ties this actor: the actor is its subject side or its object side."""
    root = cue.root
    lo, hi = subtree_bounds(root)
    if (
        ref.span.start >= cue.end
        and lo <= ref.span.start
        and ref.span.end <= hi
        and (ref.actor is None or root.lower_ not in rules.word("operation_first"))  # "behind [the attack], X"
        and not any(
            t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in rules.word("naming_verb")
            for t in ref.span.root.ancestors
            if t.i > root.i
        )
    ):
        return True  # "the work of Fancy Bear", "by the unit known as X"; not "work with Y in tracking down X"
    holder = root
    while holder.dep_ in ("prep", "agent", "acomp", "attr", "pobj", "advmod", "xcomp", "auxpass", "conj") and (
        holder.head.i != holder.i
    ):
        holder = holder.head  # "APT28, also known as Fancy Bear and run by the GRU": up through the conjunct
    if holder.pos_ in ("VERB", "AUX"):
        subject = subject_of(holder)
        doubled = [c for c in holder.children if c.dep_ == "nsubj" and subject is not None and c.i != subject.i]
        if doubled and subject is not None and subject.ent_type_ != THREAT_ACTOR:
            subject = doubled[0]  # "the report's authors state APT10 is ...": "state" misread as a second subject
        if holder.dep_ in ("acl", "relcl") and (subject is None or subject.pos_ in ("VERB", "AUX")):
            subject = holder.head  # "hackers working for ...", "a group [that some suspect] works for ..."
        elif (
            holder.dep_ in ("dobj", "ccomp")
            and holder.head.dep_ == "relcl"
            and (subject is None or subject.lower_ in ("that", "which", "who"))
        ):
            subject = holder.head.head  # "a group that many experts suspect [is tied to] ...": the group
        holder = subject if subject is not None else holder
    elif holder.dep_ in ("appos", "acl", "relcl"):
        holder = holder.head
    if holder.dep_ == "attr" and holder.head.pos_ in ("VERB", "AUX"):
        holder = subject_of(holder.head) or holder  # "the Shadow Brokers are spies working for ..."
    while holder.dep_ == "pobj" and holder.head.lower_ in ("of", "among") and holder.head.head.dep_ == "attr":
        copula = holder.head.head.head  # "TraderTraitor is one of several crews that ..."
        holder = subject_of(copula) or holder
        if holder.dep_ != "pobj":
            break
    h_lo, h_hi = subtree_bounds(holder)
    if holder.dep_ == "appos" or any(c.dep_ == "appos" for c in holder.children):
        h_lo, h_hi = min(h_lo, holder.head.left_edge.i), max(h_hi, holder.head.i + 1)
    if ref.how == "coreference":  # "The group is widely attributed to ...": the pointer holds it
        pointer = pointer_in(cue.sent, rules)
        return pointer is not None and h_lo <= pointer.i < h_hi
    if holder.lower_ in words("actor_pronoun") and holder.head.dep_ == "ccomp":
        reporter = subject_of(holder.head.head)  # "Anonymous India claimed that they were responsible for ..."
        if reporter is not None:
            r_lo, r_hi = subtree_bounds(reporter)
            return r_lo <= ref.span.start and ref.span.end <= r_hi
    return (
        h_lo <= ref.span.start
        and ref.span.end <= h_hi
        or (holder.dep_ == "appos" and holder.head.i in range(ref.span.start, ref.span.end))
    )


def held_actor(doc: Doc, cue: Span, actors: list[Span], rules: ClaimRules) -> ActorRef | None:
    """When the nearest actor is not the one a predicate cue ties: another actor of the sentence that it holds,
    else the actor that a pointer it holds stands for ("... that the group may be based in China, but it is not
    known who is behind APT10": the group named before)."""
    sent = cue.sent
    in_sent = [a for a in actors if sent.start <= a.start and a.end <= sent.end]
    for actor in sorted(in_sent, key=lambda a: min(abs(a.start - cue.end), abs(cue.start - a.end))):
        ref = ActorRef(actor, actor, "actor")
        if held_by(cue, ref, rules):
            return ref
    pointer = pointer_in(sent, rules)
    earlier = coreferent_actor(doc, sent, actors, reach=pointer_reach(pointer, rules)) if pointer is not None else None
    if earlier is None:
        return None
    ref = ActorRef(earlier, earlier, "coreference")
    return ref if held_by(cue, ref, rules) else None


def _author_named(obj: Token, actors: list[Span], rules: ClaimRules) -> Span | None:
    """The named actor a preposition's object is: the object itself ("by APT28"), or the name it is given
    ("by the group Shadow Brokers", "by a group called the Shadow Brokers", "by a crew known as X")."""
    naming = rules.word("naming_verb")
    lo, hi = subtree_bounds(obj)
    for actor in (a for a in actors if lo <= a.start and a.end <= hi):
        tok = actor.root
        while tok.i != obj.i and not (actor.start <= obj.i < actor.end):
            if tok.dep_ in ("compound", "appos"):
                tok = tok.head
            elif tok.dep_ in ("oprd", "attr", "dobj") and tok.head.lemma_.lower() in naming:
                tok = tok.head
            elif tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.lemma_.lower() in naming:
                tok = tok.head.head
            elif tok.dep_ in ("acl", "relcl") and tok.lemma_.lower() in naming:  # "hackers that it calls X"
                tok = tok.head
            else:
                break
        if tok.i == obj.i or actor.start <= obj.i < actor.end:
            return actor
    return None


def operation_author(
    prep: Token, actors: list[Span], states: list[StateMention], rules: ClaimRules
) -> tuple[Span, ActorRef | None, StateMention | None] | None:
    """An operation attributed to its author by a preposition, as (cue, actor, state): the passive agent of an
    operation verb ("the tools were leaked by the Shadow Brokers", "data stolen by APT28"), or "by"/"of" after
    an operation noun ("previous leaks by the Shadow Brokers", "activity by APT10", "previous attacks of
    APT28"). The author is a named actor (no party), or for a verb a state ("data stolen by Russia": the state
    is the party); a verb that only makes material public ("released by") counts with a named actor only, and
    so does a noun ("a 'smear campaign' by Washington" is no attribution). The active verb
    ("X leaked the tools") and a possessive ("X's activity") attribute nothing: they name the actor's doing."""
    head, doc = prep.head, prep.doc
    lemma = head.lemma_.lower()
    releases = rules.word("release_verb")  # "released by", "made (publicly) available by"
    release = lemma in releases or any(f"{lemma} {c.lower_}" in releases for c in head.children)
    if head.pos_ == "VERB":
        if prep.lower_ != "by" or head.tag_ != "VBN" or not (release or lemma in rules.word("operation_verb")):
            return None
    elif head.pos_ not in ("NOUN", "PROPN") or lemma not in rules.word("operation") | rules.word("authored_noun"):
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or head.i > prep.i:
        return None
    cue = doc[head.i : prep.i + 1]
    actor = _author_named(obj, actors, rules)
    if actor is not None:
        return cue, ActorRef(actor, actor, "actor"), None
    state = next((m for m in states if m.start <= obj.i < m.end), None)
    if state is None or head.pos_ != "VERB" or release:
        return None
    done = head
    if head.pos_ == "VERB":  # what was done: the passive subject, or the noun the participle describes
        done = next((c for c in head.children if c.dep_ == "nsubjpass"), head.head if head.dep_ == "acl" else head)
    return cue, ActorRef(doc[done.left_edge.i : done.i + 1], None, "operation"), state


def near_pointer(doc: Doc, cue: Span, ref: ActorRef, actors: list[Span], rules: ClaimRules) -> ActorRef | None:
    """A pointer the cue does not hold keeps its actor only from the last two sentences ("Beijing's role" in a
    sentence whose other clause says "the group": not a claim about a group named ten sentences before); else the
    claim is about the unnamed operation nearest the cue."""
    if coreferent_actor(doc, cue.sent, actors) is not None:
        return ref
    operation = operation_in(cue.sent, cue, rules)
    return ActorRef(doc[operation.i : operation.i + 1], None, "operation") if operation is not None else None


def conjoined_states(doc: Doc, state: StateMention, states: list[StateMention]) -> list[StateMention]:
    """The other states coordinated with a claim's party ("blamed Russia, North Korea and Qatar", "hackers linked to
    the Chinese and Iranian governments"): each is a party of the same claim."""
    top = doc[state.start : state.end].root
    while top.dep_ == "conj" and not (state.start <= top.head.i < state.end):
        top = top.head
    group, todo = set(), [top]
    while todo:
        tok = todo.pop()
        group.add(tok.i)
        todo += [c for c in tok.children if c.dep_ == "conj"]
    return [
        m
        for m in states
        if m.country != state.country and doc[m.start : m.end].root.i in group and m.start != state.start
    ]


def demonym_predicates(
    doc: Doc, states: list[StateMention], actors: list[Span]
) -> list[tuple[Span, ActorRef, StateMention]]:
    """Actors whose nationality the text predicates, as (cue, actor, state): "APT33 is Iranian", "the group,
    known as APT33, is believed to be Iranian" (a sponsorship with the demonym as cue and party)."""
    found = []
    for state in states:
        word = doc[state.start : state.end].root
        if word.pos_ != "ADJ" or word.dep_ not in ("acomp", "attr") or word.head.lemma_ != "be":
            continue
        verb = word.head
        while verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head  # "is believed to be Iranian": the subject of "believed"
        subject = subject_of(verb)
        if subject is None:
            continue
        lo, hi = subtree_bounds(subject)
        actor = next((a for a in actors if lo <= a.start and a.end <= hi and _names_subject(a, subject)), None)
        if actor is not None:
            found.append((doc[word.i : word.i + 1], ActorRef(actor, actor, "actor"), state))
    return found


def _names_subject(actor: Span, subject: Token) -> bool:
    """Whether an actor in a subject's phrase is what the subject names ("APT33", "the group, known as APT33"),
    not a victim or a part inside it ("the attack on APT28")."""
    tok = actor.root
    while tok.i != subject.i and not (actor.start <= subject.i < actor.end):
        if tok.dep_ in ("pobj", "poss") and tok.head.lower_ != "as":
            return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def about_responsibility(cue: Span, rules: ClaimRules) -> bool:
    """Whether a denial's sentence is about blame: an accusation, involvement, hacking, or a state."""
    words = rules.word("denial_object")
    scope = cue.sent
    return any(t.lemma_.lower() in words for t in scope) or any(t.ent_type_ in ("GPE", "NORP") for t in scope)
