"""``tn_quotes``: direct, indirect and mixed quotes with their cues and speaker mentions.

Direct quotes are found by a single left-to-right scan of quotation marks per paragraph (linear in
the text, whatever the marks), then tied to the nearest reporting verb of their sentence. Indirect
quotes come from the parse: a reporting verb's clausal complement, or what "according to X"
governs. A reported clause that contains a direct quote is a mixed quote.

Writes ``doc.spans[QUOTE_SPANS]`` and ``Doc._.tn_quotes`` (a list of :class:`QuoteInfo`). The
speaker component resolves the mentions to speakers afterwards.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.data import read_lines, read_rows
from pipeline.nlp.annotations import QUOTE_SPANS, CharSpan, QuoteInfo
from pipeline.nlp.syntax import after_dateline, doc_text, entity_of, is_dateline

#: Dependency labels of a reporting verb's clausal complement.
COMPLEMENT_DEPS = frozenset({"ccomp"})
#: Dependency labels of a verb that sits inside a noun phrase and so reports nothing itself.
NON_REPORTING_DEPS = frozenset({"acl", "amod", "pcomp"})
#: An attribution between two quote parts shorter than this joins them even if the second has its own cue.
INTERRUPTION_MAX_CHARS = 60
#: Closing quotation marks that stay at the end of a reported clause.
CLOSERS = frozenset({'"', "”"})
#: How many cues on each side of a quote are weighed as its cue.
NEAREST_CUES = 4
#: How far up the parse a quote's governing reporting verb is looked for.
MAX_ANCESTORS = 12
#: Fewest tokens in a reported clause.
MIN_CLAUSE_TOKENS = 3
#: How far after a reporting verb a "that" clause may start ("told reporters at the time that").
THAT_WINDOW = 8
#: Tags of relative pronouns, whose antecedent is the real speaker.
RELATIVE_TAGS = frozenset({"WDT", "WP"})
#: Dependency labels of a verb's speaker.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: A quote with fewer words than this and no cue is a scare quote ("so-called"), not a quote.
MIN_UNCUED_WORDS = 5
#: Even with a cue, a quoted fragment shorter than this ("very likely") is a label, not a quote.
MIN_CUED_WORDS = 3
#: Confidence by how a quote was found.
CONFIDENCE = {"cued": 0.9, "floating": 0.6, "uncued": 0.4, "unclosed": 0.5, "indirect": 0.7}
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
        )


@Language.factory(
    "tn_quotes",
    assigns=["doc.spans", "doc._.tn_quotes"],
    requires=["token.dep", "token.lemma", "doc.sents"],
    default_config={"min_uncued_words": MIN_UNCUED_WORDS},
)
def make_quote_finder(nlp: Language, name: str, min_uncued_words: int) -> QuoteFinder:
    return QuoteFinder(name=name, rules=QuoteRules.from_data(), min_uncued_words=min_uncued_words)


def paragraphs(text: str) -> list[CharSpan]:
    """Character ranges of the non-empty lines of ``text`` (a line is a paragraph after cleaning)."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end))
        start = end + 1
    return out


def _is_opening_straight(text: str, i: int) -> bool:
    """A straight mark opens when it starts the text or follows space or an opening bracket."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-:"


def find_quoted(text: str, openers: dict[str, str]) -> list[tuple[CharSpan, bool, list[CharSpan]]]:
    """Find quoted stretches: ``(content span, closed?, parts)`` in text order.

    One pass per paragraph with a single open-quote state, so thousands of unbalanced marks cost
    linear time. A quote still open at a paragraph's end continues when the next paragraph opens
    with the same mark (the news convention for quotes over several paragraphs); otherwise it ends
    at the paragraph end, unclosed.
    """
    results: list[tuple[CharSpan, bool, list[CharSpan]]] = []
    paras = paragraphs(text)
    carry: list[CharSpan] | None = None  # parts of a quote continued from the previous paragraph
    carry_close = ""
    for p_start, p_end in paras:
        i = p_start
        open_at: int | None = None
        close_mark = ""
        if carry is not None:
            first = text[p_start]
            if first in openers and openers[first] == carry_close:
                open_at, close_mark, i = p_start + 1, carry_close, p_start + 1
            else:  # the previous quote never closed and does not continue
                results.append((_cover(carry), False, carry))
                carry = None
        while i < p_end:
            ch = text[i]
            if open_at is None:
                if ch in openers and (ch not in "\"'" or _is_opening_straight(text, i)):
                    if ch == "‘" and not _single_opens(text, i):
                        i += 1
                        continue
                    open_at, close_mark = i + 1, openers[ch]
            elif ch == close_mark and (close_mark != "’" or not _is_apostrophe(text, i)):
                part = _strip(text, open_at, i)
                parts = (carry or []) + ([part] if part[1] > part[0] else [])
                if parts:
                    results.append((_cover(parts), True, parts))
                open_at, carry = None, None
            i += 1
        if open_at is not None:
            part = _strip(text, open_at, p_end)
            carry = (carry or []) + ([part] if part[1] > part[0] else [])
            carry_close = close_mark
            if not carry:
                carry = None
    if carry:
        results.append((_cover(carry), False, carry))
    return results


def _single_opens(text: str, i: int) -> bool:
    return i == 0 or not text[i - 1].isalnum()


def _is_apostrophe(text: str, i: int) -> bool:
    """’ between letters (don’t) or after s before a space (officials’ view) is an apostrophe."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _strip(text: str, start: int, end: int) -> CharSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cover(parts: list[CharSpan]) -> CharSpan:
    return parts[0][0], parts[-1][1]


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


class QuoteFinder:
    """Find quotes and their cues; see the module docstring."""

    def __init__(self, *, name: str, rules: QuoteRules, min_uncued_words: int) -> None:
        self.name = name
        self.rules = rules
        self.min_uncued_words = min_uncued_words

    def __call__(self, doc: Doc) -> Doc:
        index = CueIndex(doc, self)
        quotes = self.direct_quotes(doc, index)
        quotes += self.indirect_quotes(doc, quotes)
        quotes = self._drop_relayed(index, quotes)
        quotes.sort(key=lambda q: q.span)
        doc._.tn_quotes[:] = quotes
        doc.spans[QUOTE_SPANS] = [
            s for q in quotes if (s := doc.char_span(*q.span, label=q.kind, alignment_mode="expand"))
        ]
        return doc

    # -- direct quotes ---------------------------------------------------------------------------
    def direct_quotes(self, doc: Doc, index: CueIndex) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        merged = self._merge_interrupted(doc, find_quoted(index.text, self.rules.openers), index)
        for span, closed, parts in merged:
            inside = doc.char_span(*span, alignment_mode="expand")
            if inside is None:
                continue
            cue, speaker = self.cue_for(doc, span, parts or [span], index)
            n_words = len(inside.text.split())
            if n_words < (MIN_CUED_WORDS if cue else self.min_uncued_words) and not _complement_of(inside, cue):
                continue  # a scare quote, a label or a title, not speech
            confidence = CONFIDENCE["cued"] if cue else CONFIDENCE["uncued"]
            if not closed:
                confidence = min(confidence, CONFIDENCE["unclosed"])
            out.append(
                QuoteInfo(
                    kind="direct",
                    span=span,
                    parts=parts if len(parts) > 1 else [],
                    cue=_char(cue),
                    speaker=_char(speaker),
                    confidence=confidence,
                )
            )
        return out

    def _merge_interrupted(
        self, doc: Doc, found: list[tuple[CharSpan, bool, list[CharSpan]]], index: CueIndex
    ) -> list[tuple[CharSpan, bool, list[CharSpan]]]:
        """Join “A,” she said, “B.” into one quote when only a short attribution separates them."""
        merged: list[tuple[CharSpan, bool, list[CharSpan]]] = []
        for item in found:
            if merged:
                (prev_span, prev_closed, prev_parts) = merged[-1]
                gap = index.text[prev_span[1] : item[0][0]]
                if (
                    prev_closed
                    and "\n" not in gap
                    and index.text[prev_span[1] - 1 : prev_span[1]] in {",", "—", "–"}
                    and self._gap_has_cue(index, prev_span[1], item[0][0])
                    and (len(gap) < INTERRUPTION_MAX_CHARS or not self._followed_by_cue(index, item[0][1]))
                ):
                    parts = (prev_parts or [prev_span]) + (item[2] or [item[0]])
                    merged[-1] = ((prev_span[0], item[0][1]), item[1], parts)
                    continue
            merged.append(item)
        return merged

    @staticmethod
    def _followed_by_cue(index: CueIndex, end: int) -> bool:
        """Whether the sentence a quote ends in goes on to a reporting verb of its own."""
        if end >= len(index.text):
            return False
        first = index.token_at(end)
        return bool(index.cues_between(first, index.sentence_of(first)[1], verbs_only=True))

    @staticmethod
    def _gap_has_cue(index: CueIndex, start: int, end: int) -> bool:
        return bool(index.cues_between(index.token_at(start), index.token_at(end) + 1, verbs_only=True))

    def is_cue_verb(self, token: Token) -> bool:
        """A reporting verb that reports: not negated ("did not state"), not hypothetical ("would
        acknowledge"), not a participle inside a noun phrase ("sources said to be familiar")."""
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in self.rules.reporting_verbs:
            return False
        if token.dep_ in NON_REPORTING_DEPS and token.head.lemma_.lower() not in self.rules.speech_nouns:
            return False
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in self.rules.blocking_verbs:
            return False
        return not any(
            c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in self.rules.hypothetical_modals) for c in token.children
        )

    def cue_for(
        self, doc: Doc, span: CharSpan, parts: list[CharSpan], index: CueIndex
    ) -> tuple[Span | None, Span | None]:
        """The reporting verb (or "according to") of a quote and its speaker, from the quote's sentences.

        Looks at the sentences the quote starts and ends in, outside the quote itself: the verb the
        parse attaches the quote to, else the reporting verb nearest to the quote (a few on each side).
        """
        first, last = index.token_at(span[0]), index.token_at(max(span[1] - 1, span[0]))
        lo, hi = index.sentence_of(first)[0], index.sentence_of(last)[1]
        before = index.cues_between(lo, first)[-NEAREST_CUES:]
        between = index.cues_between(first, last + 1)[:NEAREST_CUES]  # in the gap of “A,” she said, “B.”
        after = index.cues_between(last + 1, hi)[:NEAREST_CUES]
        candidates: list[tuple[int, Span, Span | None]] = []
        for i in (*before, *between, *after):
            tok = doc[i]
            if any(p[0] - 1 <= tok.idx < p[1] + 1 for p in parts):
                continue
            distance = span[0] - tok.idx if tok.idx < span[0] else tok.idx - span[1]
            if self.is_cue_verb(tok):
                candidates.append((distance, doc[tok.i : tok.i + 1], speaker_of(tok)))
            elif (phrase := self.according_at(doc, tok)) is not None:
                candidates.append((distance, phrase, object_of(doc[phrase.end - 1])))
        if not candidates:
            return None, None
        governing = self._governing_cue(doc, parts)
        if governing is not None:
            return doc[governing.i : governing.i + 1], speaker_of(governing)
        candidates.sort(key=lambda c: (c[2] is None, c[0]))
        _, cue, speaker = candidates[0]
        return cue, speaker

    def _governing_cue(self, doc: Doc, parts: list[CharSpan]) -> Token | None:
        """The reporting verb the parse attaches the quote to: the first cue among its root's ancestors."""
        inside = doc.char_span(parts[0][0], parts[0][1], alignment_mode="expand")
        if inside is None:
            return None
        root = inside.root
        for steps, ancestor in enumerate(root.ancestors):
            if steps >= MAX_ANCESTORS:
                break
            if any(p[0] <= ancestor.idx < p[1] for p in parts):
                continue
            if self.is_cue_verb(ancestor):
                return ancestor
        return None

    def according_at(self, doc: Doc, tok: Token) -> Span | None:
        """The "according to" phrase starting at ``tok``, if one does."""
        if tok.lower_ not in self.rules.according_heads:
            return None
        for phrase in self.rules.according_cues:
            end = tok.i + len(phrase)
            if end <= len(doc) and all(doc[tok.i + k].lower_ == w for k, w in enumerate(phrase)):
                return doc[tok.i : end]
        return None

    def _drop_relayed(self, index: CueIndex, quotes: list[QuoteInfo]) -> list[QuoteInfo]:
        """Drop an "according to X" report whose content is itself someone's reported speech.

        In "According to officials, Wang ... acknowledged the hacks but indicated that ...", the
        speech is Wang's; the officials relay it (claims keep them as the second-hand source).
        """
        cues = [q.cue for q in quotes if q.cue is not None]
        kept = []
        for q in quotes:
            relayed = (
                q.kind != "direct"
                and q.cue is not None
                and index.text[q.cue[0] : q.cue[1]].lower().split()[0] in self.rules.according_heads
                and any(q.span[0] <= c[0] and c[1] <= q.span[1] for c in cues if c != q.cue)
            )
            if not relayed:
                kept.append(q)
        return kept

    # -- indirect and mixed quotes ---------------------------------------------------------------
    def indirect_quotes(self, doc: Doc, direct: list[QuoteInfo]) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        direct_spans = [q.span for q in direct]
        for sent in doc.sents:
            for tok in sent:
                found = self._reported_clause(doc, tok)
                if found is None:
                    continue
                parts, cue, speaker = found
                span = (parts[0].start_char, parts[-1].end_char)
                if _inside_any(span, direct_spans):
                    continue
                contained = [d for d in direct_spans if span[0] <= d[0] and d[1] <= span[1] + 1]
                if contained:
                    quoted = sum(e - s for s, e in contained)
                    if quoted >= MIXED_MAX_QUOTED_SHARE * (span[1] - span[0]):
                        continue  # the clause is the direct quote; the direct quote carries it
                    kind = "mixed"
                else:
                    kind = "indirect"
                if any(_overlaps(span, d) and not (span[0] <= d[0] and d[1] <= span[1] + 1) for d in direct_spans):
                    continue
                out.append(
                    QuoteInfo(
                        kind=kind,
                        span=span,
                        parts=[(p.start_char, p.end_char) for p in parts] if len(parts) > 1 else [],
                        cue=_char(cue),
                        speaker=_char(speaker),
                        confidence=CONFIDENCE["indirect"],
                    )
                )
        return out

    def _reported_clause(self, doc: Doc, tok: Token) -> tuple[list[Span], Span, Span | None] | None:
        """The content reported by ``tok`` as (content parts, cue, speaker), if ``tok`` reports any.

        Tried in order: the parse's clausal complement; a "that" clause the parse attached elsewhere
        ("said in a statement that ..."); a directive's object and infinitive ("urged utilities to
        patch"); content before a trailing attribution ("..., Mwangi said, and ..."); "according to".
        """
        if self.is_cue_verb(tok):
            cue = doc[tok.i : tok.i + 1]
            for child in tok.children:
                if child.dep_ in COMPLEMENT_DEPS and child.pos_ in ("VERB", "AUX"):
                    if self.is_cue_verb(child) and not _has_subject(child):
                        return None  # "sources said to be familiar ... told X that": the inner verb reports
                    clause = _clause_span(doc, child)
                    if clause is not None and len(clause) >= MIN_CLAUSE_TOKENS:
                        return [clause], cue, speaker_of(tok)
            speaker = speaker_of(tok)
            for content in (self._that_clause(tok), self._directive(tok), None):
                if content is not None:
                    return [content], cue, speaker
            trailing = self._before_attribution(tok, speaker)
            if trailing is not None:
                return trailing, cue, speaker
            return None
        phrase = self.according_at(doc, tok)
        if phrase is None:
            return None
        sent = tok.sent
        speaker = object_of(doc[phrase.end - 1])
        after = speaker.end if speaker is not None else phrase.end
        if tok.i == sent.start:  # "According to X, CONTENT."
            start = after + 1 if after < sent.end and doc[after].is_punct else after
            clause = doc[start : _trim_end(sent)]
        else:  # "CONTENT, according to X."
            end = tok.i - 1 if tok.i > sent.start and doc[tok.i - 1].is_punct else tok.i
            clause = doc[sent.start : end]
        if len(clause) < MIN_CLAUSE_TOKENS:
            return None
        return [clause], phrase, speaker

    def _that_clause(self, verb: Token) -> Span | None:
        """A "that" clause right after the verb and its objects, wherever the parser attached it, unless
        a noun before it takes it ("found no evidence that ...")."""
        doc, sent = verb.doc, verb.sent
        for tok in doc[verb.i + 1 : min(sent.end, verb.i + THAT_WINDOW)]:
            if tok.is_punct or tok.is_quote or tok.lemma_.lower() in self.rules.content_nouns:
                return None
            if tok.lower_ == "that" and tok.i + 1 < sent.end:
                rest = doc[tok.i + 1 : _trim_end(sent)]
                if any(t.dep_ in SUBJECT_DEPS for t in rest) and len(rest) >= MIN_CLAUSE_TOKENS:
                    return rest
                return None
        return None

    def _directive(self, verb: Token) -> Span | None:
        """ "urged utilities to replace ...": the object and its infinitive."""
        if verb.lemma_.lower() not in self.rules.directive_verbs:
            return None
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.tag_ in RELATIVE_TAGS:
            return None  # "which has urged ...", "... and urged ...": too loosely attached to trust
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        comp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if obj is None or comp is None or comp.i < obj.i:
            return None
        return verb.doc[obj.left_edge.i : comp.right_edge.i + 1]

    @staticmethod
    def _before_attribution(verb: Token, speaker: Span | None) -> list[Span] | None:
        """ "CONTENT, Mwangi said(, and MORE)": content before an attribution set off by a comma."""
        if speaker is None or speaker.end != verb.i or verb.i <= verb.sent.start:
            return None
        doc, sent = verb.doc, verb.sent
        comma = speaker.start - 1
        if comma <= sent.start or doc[comma].text != ",":
            return None
        first = doc[sent.start : comma]
        if len(first) < MIN_CLAUSE_TOKENS or not any(t.dep_ in SUBJECT_DEPS for t in first):
            return None
        parts = [first]
        after = verb.right_edge.i + 1
        if after + 2 < sent.end and doc[after].text == "," and doc[after + 1].lower_ in ("and", "but"):
            rest = doc[after + 1 : _trim_end(sent)]
            if any(t.pos_ in ("VERB", "AUX") for t in rest):
                parts.append(rest)
        return parts


def speaker_of(verb: Token) -> Span | None:
    """The speaker mention of a reporting verb: its subject, or the agent of a passive."""
    # With two subjects (a misparse), the one right before the verb is the speaker.
    subjects = sorted((c for c in verb.children if c.dep_ in SUBJECT_DEPS), key=lambda c: (c.i > verb.i, -c.i))
    for child in subjects[:1]:
        if child.dep_ in SUBJECT_DEPS:
            if child.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
                return noun_phrase(verb.head)  # "CISA, which said ..." → CISA
            if is_dateline(child):
                real = after_dateline(child)  # "BERLIN — Germany on Thursday said ..."
                return noun_phrase(real) if real is not None else None
            return noun_phrase(child)
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return noun_phrase(grand)
    if verb.dep_ in ("conj", "advcl", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
        return speaker_of(verb.head)
    if verb.dep_ == "acl" and verb.head.head.pos_ in ("VERB", "AUX"):  # "issued reports arguing that"
        return speaker_of(verb.head.head)
    return _adjacent_name(verb)


def _adjacent_name(verb: Token) -> Span | None:
    """A name right before or after a verb the parser left without a subject ("," Reinhardt said.)."""
    doc = verb.doc
    for i in (verb.i - 1, verb.i + 1):
        if 0 <= i < len(doc) and doc[i].pos_ in ("PROPN", "PRON") and doc[i].sent.start == verb.sent.start:
            tok = doc[i]
            while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
                tok = tok.head
            return noun_phrase(tok)
    return None


def _complement_of(inside: Span, cue: Span | None) -> bool:
    """A short quote that is what the cue calls something: 'described the claims as “fabrications”'."""
    if cue is None:
        return False
    head = inside.root.head
    if head.dep_ == "prep" and head.lower_ == "as":
        head = head.head
    return head.i == cue.root.i and inside.root.dep_ in ("dobj", "oprd", "pobj", "attr", "xcomp", "ccomp")


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def object_of(prep: Token) -> Span | None:
    """The object of a preposition ("according to [X]")."""
    for child in prep.children:
        if child.dep_ == "pobj":
            return noun_phrase(child)
    return None


def noun_phrase(head: Token) -> Span:
    """A mention's noun phrase: the head with its left modifiers and an "of" complement.

    Relative clauses, appositives and participles on the right are left out, so the mention of
    "Dakota Cary, a China expert at ..." is "Dakota Cary".
    """
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if head.ent_type_:  # keep a named entity whole: "the Canadian Centre for Cyber Security"
        ent = entity_of(head)
        end = max(end, ent.end)
        start = min(start, ent.start)
    for child in head.rights:
        if child.i < end:
            continue
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            end = _phrase_end(obj) if obj is not None else child.i + 1
        elif child.dep_ in ("compound", "flat"):
            end = child.i + 1
        elif child.dep_ == "amod":  # "people familiar with the matter"
            end = child.right_edge.i + 1
        else:
            break
    if head.ent_type_ != "PERSON":
        end = _named_holder(head, end)
        if end == head.i + 1 and head.pos_ != "PROPN":  # "Special Agent [in Charge Hope Rivers]"
            end = max(end, _proper_tail(head))
    return doc[start:end]


def _proper_tail(head: Token) -> int:
    """The end of a run of title-case proper nouns closing a title's own words ("in Charge Hope Rivers")."""
    doc = head.doc
    last = head.right_edge.i
    if last == head.i or any(t.dep_ in CLAUSE_DEPS for t in doc[head.i + 1 : last + 1]):
        return head.i + 1
    run = 0
    for tok in reversed(doc[head.i + 1 : last + 1]):
        if tok.pos_ == "PROPN" and tok.is_title:
            run += 1
        else:
            break
    return last + 1 if run >= 2 else head.i + 1


#: Dependencies whose subtree is a clause, not part of a name: their people are not the speaker.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp"})


def _phrase_end(tok: Token) -> int:
    """The end of a noun's own words: itself, its compounds and coordinated nouns, no clauses."""
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "cc", "amod", "nummod"):
            end = child.i + 1
        elif child.dep_ == "conj":
            end = _phrase_end(child)
        else:
            break
    return end


def _named_holder(head: Token, end: int) -> int:
    """Extend a title to the person holding it: "A spokesperson for the embassy, Zhao Yiming",
    "FBI Special Agent in Charge Hope Rivers" (the parser often makes the title the head)."""
    stack = [c for c in head.rights if c.dep_ not in CLAUSE_DEPS]
    holder_end = end
    while stack:
        tok = stack.pop()
        if tok.ent_type_ == "PERSON":
            ent = entity_of(tok)
            holder_end = max(holder_end, ent.end)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSE_DEPS)
    return holder_end


def _clause_span(doc: Doc, verb: Token) -> Span | None:
    """The clause headed by ``verb``, without its complementizer ("that") or trailing punctuation."""
    start, end = verb.left_edge.i, verb.right_edge.i + 1
    while start < end and (doc[start].dep_ == "mark" or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in {'"', "”", "’"}:
        end -= 1
    if end - start <= 0:
        return None
    return doc[start:end]


def _trim_end(sent: Span) -> int:
    """A sentence's end without trailing white space and punctuation (closing quote marks stay)."""
    end = sent.end
    doc = sent.doc
    while end > sent.start and (
        doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in {'"', "”"})
    ):
        end -= 1
    return end


def _char(span: Span | None) -> CharSpan | None:
    return (span.start_char, span.end_char) if span is not None else None


def _overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside_any(span: CharSpan, others: list[CharSpan]) -> bool:
    return any(o[0] <= span[0] and span[1] <= o[1] for o in others)
