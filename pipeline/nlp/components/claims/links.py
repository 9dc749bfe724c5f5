"""Which actor a link cue holds, and responsibility that names no state: an operation tied to a named actor.

The finder asks a party of every claim, except where the words themselves make a named actor the author of an
operation: "APT28 has been linked to last summer's attacks" (a link whose other side is an operation, not a
state), "APT10 conducted the espionage campaign" (an agent verb whose subject is the actor and whose object is
an operation), "Fancy Bear's role in hacking the DNC" (a possessive responsibility noun owned by the actor).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.components.claims.parts import ActorRef, in_own_clause, pointer_in, subject_actor
from pipeline.nlp.components.claims.rules import ClaimRules
from pipeline.nlp.syntax import subject_of, subtree_bounds
from pipeline.nlp.tables import words

#: Links walked from a cue down to what it ties ("linked [to] the attacks", "naming X [as] being linked to ...").
COMPLEMENT_DEPS = frozenset({"prep", "pobj", "pcomp", "xcomp", "oprd", "agent"})


def _is_operation(tok: Token, rules: ClaimRules) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in rules.word("operation")


def ties_operation(cue: Span, rules: ClaimRules) -> bool:
    """Whether a link cue's complement is an operation ("linked to [numerous cyberattacks]"), reached through
    prepositions and their objects only: an operation in an object or a clause of its own is not what it ties."""
    todo = [c for c in cue.root.children if c.dep_ in COMPLEMENT_DEPS and c.i >= cue.start]
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
    operations = [c for c in root.children if c.dep_ == "dobj" and _is_operation(c, rules)]
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
        if holder.dep_ in ("acl", "relcl") and (subject is None or subject.pos_ in ("VERB", "AUX")):
            subject = holder.head  # "hackers working for ...", "a group [that some suspect] works for ..."
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
    return (
        h_lo <= ref.span.start
        and ref.span.end <= h_hi
        or (holder.dep_ == "appos" and holder.head.i in range(ref.span.start, ref.span.end))
    )
