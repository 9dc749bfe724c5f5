"""Cues: where a document's reporting verbs and "according to" phrases are, and whose words they report."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.syntax import RELATIVE_TAGS, SUBJECT_DEPS, after_dateline, doc_text, is_dateline, noun_phrase

#: Fewest words of a quoted title; a sentence-ending mark inside makes quoted words speech.
TITLE_MIN_WORDS = 2
SENTENCE_ENDS = frozenset({".", "?", "!"})
#: How a short quote that is a whole utterance ends inside its marks, before its attribution.
UTTERANCE_ENDS = frozenset({",", "?", "!"})

if TYPE_CHECKING:
    from pipeline.nlp.components.quotes.finder import QuoteFinder


class CueIndex:
    """Where a document's cues and sentences are, computed once per document.

    Quote finding asks, for every quoted stretch, which reporting verbs stand near it. Answering from
    sorted token positions (bisect) instead of rescanning sentences keeps a document with thousands of
    quotation marks in one long "sentence" linear in practice, not quadratic.
    """

    def __init__(self, doc: Doc, finder: QuoteFinder) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.token_starts = [t.idx for t in doc]
        self.sent_starts = [s.start for s in doc.sents]
        self.sent_ends = [*self.sent_starts[1:], len(doc)]
        self.verbs = [t.i for t in doc if finder.is_cue_verb(t)]
        self.according = [t.i for t in doc if finder.according_at(doc, t) is not None]
        self.cues = sorted(self.verbs + self.according)

    def token_at(self, char: int) -> int:
        """The index of the token containing (or first after) a character offset."""
        i = bisect_right(self.token_starts, char) - 1
        return max(i, 0)

    def sentence_of(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.sent_starts, i) - 1
        return self.sent_starts[k], self.sent_ends[k]

    def cues_between(self, lo: int, hi: int, *, verbs_only: bool = False) -> list[int]:
        positions = self.verbs if verbs_only else self.cues
        return positions[bisect_left(positions, lo) : bisect_left(positions, hi)]


def speaker_of(verb: Token, quoted: Sequence[tuple[int, int]] = ()) -> Span | None:
    """The speaker mention of a reporting verb: its subject (a relative pronoun stays the mention: "CISA, which
    said"), or the agent of a passive; never a word of the quotation it reports (``quoted``: character ranges),
    as in '“If it fails,” said the engineer'."""
    # With two subjects (a misparse), the one right before the verb is the speaker.
    subjects = sorted(
        (c for c in verb.children if c.dep_ in SUBJECT_DEPS and not _inside(c, quoted)),
        key=lambda c: (c.i > verb.i, -c.i),
    )
    for child in subjects[:1]:
        if child.dep_ in SUBJECT_DEPS:
            if child.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
                return verb.doc[child.i : child.i + 1]  # "CISA, which said ...": the speaker resolves it to CISA
            if is_dateline(child):
                real = after_dateline(child)  # "BERLIN — Germany on Thursday said ..."
                return noun_phrase(real) if real is not None else None
            return noun_phrase(child)
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return noun_phrase(grand)
    if verb.dep_ in ("conj", "advcl", "ccomp") and verb.head.pos_ in ("VERB", "AUX") and not _inside(verb.head, quoted):
        return speaker_of(verb.head, quoted)
    if verb.dep_ in ("acl", "pcomp") and verb.head.head.pos_ in ("VERB", "AUX"):  # "issued reports arguing that",
        # "responded by saying that"
        return speaker_of(verb.head.head, quoted)
    return adjacent_name(verb, quoted)


def _inside(tok: Token, quoted: Sequence[tuple[int, int]]) -> bool:
    return any(start <= tok.idx < end for start, end in quoted)


def adjacent_name(verb: Token, quoted: Sequence[tuple[int, int]] = ()) -> Span | None:
    """A name right before or after a verb the parser left without a subject ("," Reinhardt said.)."""
    doc = verb.doc
    for i in (verb.i - 1, verb.i + 1):
        if (
            0 <= i < len(doc)
            and doc[i].pos_ in ("PROPN", "PRON")
            and doc[i].sent.start == verb.sent.start
            and not _inside(doc[i], quoted)
        ):
            tok = doc[i]
            while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
                tok = tok.head
            return noun_phrase(tok)
    return None


def complement_of(inside: Span, cue: Span | None) -> bool:
    """A short quote that is what the cue calls something: 'described the claims as “fabrications”'."""
    if cue is None:
        return False
    head = inside.root.head
    if head.dep_ == "prep" and head.lower_ == "as":
        head = head.head
    return head.i == cue.root.i and inside.root.dep_ in ("dobj", "oprd", "pobj", "attr", "xcomp", "ccomp")


def is_utterance(inside: Span, cue: Span | None) -> bool:
    """A short quote that is a whole utterance, not a label: it opens its sentence, ends with its own comma,
    question or exclamation mark, and its attribution follows ('“You winning?” she said', '“Sure,” he said')."""
    if cue is None or cue.start < inside.end or inside.text.rstrip()[-1:] not in UTTERANCE_ENDS:
        return False
    sent_start = inside.sent.start
    return inside.start == sent_start or (inside.start - 1 == sent_start and inside.doc[sent_start].is_quote)


def object_of(prep: Token) -> Span | None:
    """The object of a preposition ("according to [X]")."""
    for child in prep.children:
        if child.dep_ == "pobj":
            return noun_phrase(child)
    return None


def is_title(inside: Span) -> bool:
    """Quoted words that are a name, not speech: two or more capitalised words, the others small words, no
    sentence end but a final period ("Morning Joe", "Collapse: How Societies Choose to Fail or Succeed", on
    Fox News’s “Fox and Friends.”); "I would" is speech."""
    words = [t for t in inside if t.is_alpha]
    if len(words) < TITLE_MIN_WORDS or not words[0].is_title:
        return False
    if any(t.text in SENTENCE_ENDS and (t.i < inside.end - 1 or t.text != ".") for t in inside):
        return False
    capitalised = sum(t.is_title and t.lower_ != "i" for t in words)
    return capitalised >= TITLE_MIN_WORDS and all(t.is_title or (t.is_lower and t.is_stop) for t in words)
