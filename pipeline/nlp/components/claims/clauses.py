"""Where a claim's words stand in its sentence: its clause, the quote it sits in, a label set aside.

Plain functions over the parse, used by :mod:`pipeline.nlp.components.claims.stance` to decide whose words a
claim is and how far a hedge reaches: a hedge or a label in a clause set aside (an appositive, a relative or
participle clause) belongs to that clause, not to the sentence's main statement.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from models import QuoteKind
from pipeline.nlp.annotations import THREAT_ACTOR, QuoteInfo, SpeakerInfo
from pipeline.nlp.intervals import Intervals

#: Cue types that label an actor ("state-sponsored", "Chinese hackers"): in an appositive they are the
#: article's own description, even inside someone's reported speech.
LABEL_TYPES = frozenset({"modifier", "demonym"})
#: Links that set a clause aside from the sentence's main statement.
ASIDE_DEPS = frozenset({"appos", "relcl", "acl"})
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


def is_passive(verb: Token) -> bool:
    """A passive verb, or a past participle modifying a noun or set aside ("operations attributed to Moscow",
    "X, previously connected to ...")."""
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl") and not any(c.dep_ == "aux" for c in verb.children):
        return True
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def by_phrase(verb: Token) -> Token | None:
    """The object of a "by" phrase the parser hung lower in a passive verb's clause ("linked to the
    IRGC by U.S. officials")."""
    for tok in verb.subtree:
        if tok.i > verb.i and tok.dep_ == "prep" and tok.lower_ == "by":
            return next((c for c in tok.children if c.dep_ == "pobj"), None)
    return None


def clause_of(cue: Span) -> Span:
    """The clause a cue sits in: up through clause-internal links, then that head's subtree."""
    head = cue.root
    while head.dep_ in CLAUSE_INTERNAL_DEPS and head.head.i != head.i:
        head = head.head
    return cue.doc[head.left_edge.i : head.right_edge.i + 1]


def enclosing_quotes(doc: Doc, cue: Span) -> list[QuoteInfo]:
    """The quotes a cue sits in, innermost (shortest) first."""
    key = ("threatnews", "quote_intervals")
    if key not in doc.user_data:  # the quotes are final once the claim finder runs: index them once
        doc.user_data[key] = Intervals((q.span[0], q.span[1], n) for n, q in enumerate(doc._.tn_quotes))
    quotes = doc._.tn_quotes
    inside = [quotes[n] for n in doc.user_data[key].containing(cue.start_char, cue.end_char)]
    return sorted(inside, key=lambda q: q.span[1] - q.span[0])


def speaker_mentions(doc: Doc, speakers: list[SpeakerInfo]) -> Intervals[int]:
    """Every mention of every speaker, indexed once per document (value: the speaker's position)."""
    key = ("threatnews", "speaker_intervals")
    if key not in doc.user_data:
        doc.user_data[key] = Intervals((s, e, n) for n, speaker in enumerate(speakers) for s, e in speaker.mentions)
    return doc.user_data[key]


def speaker_of_quote(doc: Doc, quote: QuoteInfo, by_id: dict[str, SpeakerInfo]) -> SpeakerInfo | None:
    """The speaker the speaker component linked to ``quote``, if any."""
    speaker_id = doc._.tn_quote_speakers.get(quote.id)
    return by_id.get(speaker_id) if speaker_id else None


def in_appositive(cue: Span, quote: QuoteInfo) -> bool:
    """Whether the cue sits in an appositive (or a dash-set aside) inside the quote's content."""
    for tok in (cue.root, *cue.root.ancestors):
        if tok.idx < quote.span[0] or tok.idx >= quote.span[1]:
            break
        if tok.dep_ == "appos":
            return True
    return False


def label_noun(cue: Span, ctype: str) -> Token | None:
    """The noun a cue describes inside its own noun phrase ("a Russian hacking group known as X", "the people
    behind the attack, X"), when the noun is not what a clause predicates ("X is a Russian group")."""
    root = cue.root
    if ctype in LABEL_TYPES:
        noun = root if root.pos_ in ("NOUN", "PROPN") else root.head
    elif ctype == "predicate" and root.dep_ in ("prep", "acl") and root.head.pos_ in ("NOUN", "PROPN"):
        noun = root.head
    else:
        return None
    while noun.dep_ in ("compound", "amod") and noun.head.i != noun.i:
        noun = noun.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ in ("attr", "oprd", "ROOT"):
        return None
    if noun.dep_ == "pobj" and (noun.head.lower_ == "as" or noun.head.head.dep_ == "attr"):
        return None  # "described as Chinese actors", "one of several Iranian groups"
    if not any(t.ent_type_ == THREAT_ACTOR for t in noun.subtree):
        return None  # "Russian military hackers broke into ...": a description naming no one is the claim itself
    return noun


def in_label(cue: Span, ctype: str, quote: QuoteInfo | None) -> bool:
    """A label inside reported speech is the article's own description: a label in an appositive, or in
    indirect speech a description of a named actor inside its noun phrase ("a Russian group known as X")."""
    if quote is None:
        return False
    if ctype in LABEL_TYPES and in_appositive(cue, quote):
        return True
    return quote.kind != QuoteKind.direct and label_noun(cue, ctype) is not None


def aside_clauses(scope: Span, cue: Span) -> list[tuple[int, int]]:
    """Token ranges of the clauses set aside inside ``scope`` that do not hold the cue ("The Shadow Brokers,
    [a group believed to be behind ...], were responsible for ...")."""
    out = []
    for tok in scope:
        if tok.dep_ in ASIDE_DEPS and not (tok.left_edge.i <= cue.start and cue.end <= tok.right_edge.i + 1):
            out.append((tok.left_edge.i, tok.right_edge.i + 1))
    return out


def set_aside(doc: Doc, cue: tuple[int, int] | None) -> bool:
    """Whether a cue (character offsets) sits in a clause set aside (an appositive, a relative or participle
    clause) rather than in its sentence's main statement."""
    span = doc.char_span(*cue, alignment_mode="expand") if cue else None
    return span is not None and any(t.dep_ in ASIDE_DEPS for t in (span.root, *span.root.ancestors))


def denied_within(cue: Span, denials: frozenset[str]) -> bool:
    """Whether a claim stands inside what a denial verb denies ("denied that Russia carries out hacking"), not in a
    clause of its own under it ("X, a group that experts suspect works for Moscow, denied the hack")."""
    below = cue.root
    for verb in cue.root.ancestors:
        if below.dep_ in ("relcl", "acl", "appos", "advcl"):
            return False
        if verb.lemma_.lower() in denials:
            return True
        below = verb
    return False
