"""The quote finder's tables and thresholds: word lists from ``pipeline/data`` and the numbers the rules use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from models import QuoteKind
from pipeline.data import read_lines, read_rows
from pipeline.nlp.components.quotes.summary import summary_verbs

#: Dependency labels of a reporting verb's clausal complement.
COMPLEMENT_DEPS = frozenset({"ccomp"})
#: Dependency labels of a verb that sits inside a noun phrase and so reports nothing itself.
NON_REPORTING_DEPS = frozenset({"acl", "amod", "pcomp"})
#: Closing quotation marks that stay at the end of a reported clause.
CLOSERS = frozenset({'"', "”"})
#: Opening quotation marks a reported clause starting with a quotation takes in.
OPENING_MARKS = frozenset({'"', "“"})
#: How many cues on each side of a quote are weighed as its cue.
NEAREST_CUES = 4
#: How far up the parse a quote's governing reporting verb is looked for.
MAX_ANCESTORS = 12
#: Fewest tokens in a reported clause.
MIN_CLAUSE_TOKENS = 3
#: How far after a reporting verb a "that" clause may start ("told reporters at the time that").
THAT_WINDOW = 8
#: A quote with fewer words than this and no cue is a scare quote ("so-called"), not a quote.
MIN_UNCUED_WORDS = 5
#: Even with a cue, a quoted fragment shorter than this ("very likely") is a label, not a quote.
MIN_CUED_WORDS = 3
#: Confidence by how a quote was found.
CONFIDENCE = {"cued": 0.9, "uncued": 0.4, "unclosed": 0.5, QuoteKind.indirect: 0.7, QuoteKind.summary: 0.7}
#: Fraction of a reported clause that a direct quote must cover for the clause not to count as mixed.
MIXED_MAX_QUOTED_SHARE = 0.75


@dataclass(frozen=True)
class QuoteRules:
    """The tables the quote finder reads, loaded once per component."""

    reporting_verbs: frozenset[str]
    hypothetical_modals: frozenset[str]
    directive_verbs: frozenset[str]
    blocking_verbs: frozenset[str]
    content_nouns: frozenset[str]
    speech_nouns: frozenset[str]
    according_cues: tuple[tuple[str, ...], ...]
    openers: dict[str, str]  # opening mark → closing mark
    summary_verbs: dict[str, frozenset[str]]  # lemma → the forms of its content ("object", "infinitive", ...)

    @cached_property
    def summary_lemmas(self) -> frozenset[str]:
        return frozenset(self.summary_verbs)

    @cached_property
    def reporting_or_directive(self) -> frozenset[str]:
        """Lemmas of verbs that report words of their own: reporting and directive verbs."""
        return self.reporting_verbs | self.directive_verbs

    @cached_property
    def mark_characters(self) -> str:
        """Every character of an opening or closing quotation mark."""
        return "".join(sorted({ch for pair in self.openers.items() for mark in pair for ch in mark}))

    @cached_property
    def according_heads(self) -> frozenset[str]:
        """First words of the "according to" cues."""
        return frozenset(phrase[0] for phrase in self.according_cues)

    @classmethod
    def from_data(cls) -> QuoteRules:
        return cls(
            reporting_verbs=frozenset(read_lines("reporting_verbs.txt")),
            hypothetical_modals=frozenset(read_lines("hypothetical_modals.txt")),
            directive_verbs=frozenset(read_lines("directive_verbs.txt")),
            blocking_verbs=frozenset(read_lines("blocking_verbs.txt")),
            content_nouns=frozenset(read_lines("content_nouns.txt")),
            speech_nouns=frozenset(read_lines("speech_nouns.txt")),
            according_cues=tuple(tuple(p.split()) for p in read_lines("according_cues.txt")),
            openers={row[0]: row[1] for row in read_rows("quote_marks.tsv")},
            summary_verbs=summary_verbs(),
        )
