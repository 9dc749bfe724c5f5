"""``tn_quotes``: direct, indirect and mixed quotes with their cues and speaker mentions.

Direct quotes are found by a single left-to-right scan of quotation marks per paragraph (linear in
the text, whatever the marks), then tied to the nearest reporting verb of their sentence. Indirect
quotes come from the parse: a reporting verb's clausal complement, or what "according to X"
governs. A reported clause that contains a direct quote is a mixed quote.

Writes ``doc.spans[QUOTE_SPANS]`` and ``Doc._.tn_quotes`` (a list of :class:`QuoteInfo`). The
speaker component resolves the mentions to speakers afterwards.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from models import QuoteKind
from pipeline.nlp.annotations import QUOTE_SPANS, CharSpan, QuoteInfo
from pipeline.nlp.components.quotes.content import (
    before_attribution,
    closing_over,
    is_clause_head,
    through_final_quotation,
)
from pipeline.nlp.components.quotes.cues import (
    CueIndex,
    complement_of,
    is_title,
    is_utterance,
    object_of,
    speaker_of,
)
from pipeline.nlp.components.quotes.joins import join_interrupted
from pipeline.nlp.components.quotes.marks import find_quoted
from pipeline.nlp.components.quotes.rules import (
    CLOSERS,
    COMPLEMENT_DEPS,
    CONFIDENCE,
    MAX_ANCESTORS,
    MIN_CLAUSE_TOKENS,
    MIN_CUED_WORDS,
    MIN_UNCUED_WORDS,
    MIXED_MAX_QUOTED_SHARE,
    NEAREST_CUES,
    NON_REPORTING_DEPS,
    THAT_WINDOW,
    QuoteRules,
)
from pipeline.nlp.components.quotes.summary import summary_content
from pipeline.nlp.intervals import Intervals
from pipeline.nlp.syntax import (
    RELATIVE_TAGS,
    SUBJECT_DEPS,
    char_offsets,
    clause_span,
    doc_text,
    first_subject,
    overlaps,
    trim_end,
)


@Language.factory(
    "tn_quotes",
    assigns=["doc.spans", "doc._.tn_quotes"],
    requires=["token.dep", "token.head", "token.lemma", "token.pos", "token.tag", "doc.sents", "doc.ents"],
    default_config={"min_uncued_words": MIN_UNCUED_WORDS},
)
def make_quote_finder(nlp: Language, name: str, min_uncued_words: int) -> QuoteFinder:
    return QuoteFinder(name=name, rules=QuoteRules.from_data(), min_uncued_words=min_uncued_words)


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
        self._fragments_take_their_report(quotes)
        quotes.sort(key=lambda q: q.span)
        for number, quote in enumerate(quotes, 1):
            quote.id = f"q{number}"
        doc._.tn_quotes[:] = quotes
        doc.spans[QUOTE_SPANS] = [
            s for q in quotes if (s := doc.char_span(*q.span, label=q.kind, alignment_mode="expand"))
        ]
        return doc

    @staticmethod
    def _fragments_take_their_report(quotes: list[QuoteInfo]) -> None:
        """A direct quote inside a mixed or summary quote is that report's verbatim fragment, so it takes the
        report's cue (and its speaker when it has none): in 'Rezaei called the report "a commercial
        advertisement."', the cue is "called", not a reporting verb elsewhere in the sentence."""
        reports = Intervals(
            (q.span[0], q.span[1] + 1, q) for q in quotes if q.kind in (QuoteKind.mixed, QuoteKind.summary) and q.cue
        )
        for q in quotes:
            if q.kind == QuoteKind.direct and (outer := reports.containing(*q.span)):
                q.cue, q.speaker = outer[-1].cue, q.speaker or outer[-1].speaker

    # -- direct quotes ---------------------------------------------------------------------------
    def direct_quotes(self, doc: Doc, index: CueIndex) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        found = [q for q in find_quoted(index.text, self.rules.openers) if not self._is_title(doc, q[0])]
        for span, closed, parts in join_interrupted(found, index, self.rules.mark_characters):
            inside = doc.char_span(*span, alignment_mode="expand")
            if inside is None:
                continue
            cue, speaker = self.cue_for(doc, span, parts or [span], index)
            n_words = len(inside.text.split())
            if (
                n_words < (MIN_CUED_WORDS if cue else self.min_uncued_words)
                and not complement_of(inside, cue)
                and not is_utterance(inside, cue)
            ):
                continue  # a scare quote, a label or a title, not speech
            confidence = CONFIDENCE["cued"] if cue else CONFIDENCE["uncued"]
            if not closed:
                confidence = min(confidence, CONFIDENCE["unclosed"])
            out.append(
                QuoteInfo(
                    kind=QuoteKind.direct,
                    span=span,
                    parts=parts if len(parts) > 1 else [],
                    cue=char_offsets(cue),
                    speaker=char_offsets(speaker),
                    confidence=confidence,
                )
            )
        return out

    @staticmethod
    def _is_title(doc: Doc, span: CharSpan) -> bool:
        """A show, a book or a headline (told MSNBC’s “Morning Joe”): not speech, and no part of an utterance."""
        inside = doc.char_span(*span, alignment_mode="expand")
        return inside is not None and is_title(inside)

    def is_cue_verb(self, token: Token, lemmas: frozenset[str] | None = None) -> bool:
        """A reporting verb (one of ``lemmas``, by default the reporting verbs) that reports: not negated
        ("did not state"), not hypothetical ("would acknowledge"), not a participle inside a noun phrase
        ("sources said to be familiar")."""
        lemmas = self.rules.reporting_verbs if lemmas is None else lemmas
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in lemmas:
            return False
        if (
            token.dep_ in NON_REPORTING_DEPS
            and token.head.lemma_.lower() not in self.rules.speech_nouns
            and not (token.dep_ == "pcomp" and token.head.head.pos_ in ("VERB", "AUX"))  # "began by saying that"
        ):
            return False
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in self.rules.blocking_verbs:
            return False
        subject = first_subject(token)
        return not any(
            (c.dep_ == "neg" and (subject is None or c.i > subject.i))  # "“…, probably not,” X said": not X's
            or (c.dep_ == "aux" and c.lower_ in self.rules.hypothetical_modals)
            for c in token.children
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
        if hi < len(doc) and doc[hi].is_lower and doc[hi - 1].is_quote:
            hi = index.sentence_of(hi)[1]  # '“You winning?” she said': the parse ends the sentence at the mark
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
                candidates.append((distance, doc[tok.i : tok.i + 1], speaker_of(tok, parts)))
            elif (phrase := self.according_at(doc, tok)) is not None:
                candidates.append((distance, phrase, object_of(doc[phrase.end - 1])))
        if not candidates:
            return None, None
        governing = self._governing_cue(doc, parts)
        if governing is not None:
            return doc[governing.i : governing.i + 1], speaker_of(governing, parts)
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
        cues = Intervals((q.cue[0], q.cue[1], q.cue) for q in quotes if q.cue is not None)
        kept = []
        for q in quotes:
            relayed = (
                q.kind != QuoteKind.direct
                and q.cue is not None
                and index.text[q.cue[0] : q.cue[1]].lower().split()[0] in self.rules.according_heads
                and any(c != q.cue for c in cues.within(*q.span))
            )
            if not relayed:
                kept.append(q)
        return kept

    # -- indirect and mixed quotes ---------------------------------------------------------------
    def indirect_quotes(self, doc: Doc, direct: list[QuoteInfo]) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        direct_spans = Intervals((q.span[0], q.span[1], q.span) for q in direct)
        for sent in doc.sents:
            for tok in sent:
                found = self._reported_clause(doc, tok, sent)
                summary = found is None
                if summary:
                    found = self._summary(doc, tok)
                if found is None:
                    continue
                parts, cue, speaker = found
                span = closing_over(doc_text(doc), (parts[0].start_char, parts[-1].end_char), direct_spans)
                if not summary:
                    span = through_final_quotation(doc, span, sent, direct_spans)
                if span[1] != parts[-1].end_char:
                    parts[-1] = doc.char_span(parts[-1].start_char, span[1], alignment_mode="expand") or parts[-1]
                if direct_spans.containing(*span):
                    continue
                near = direct_spans.overlapping(span[0], span[1] + 1)
                contained = [d for d in near if span[0] <= d[0] and d[1] <= span[1] + 1]
                if contained:
                    quoted = sum(e - s for s, e in contained)
                    if quoted >= MIXED_MAX_QUOTED_SHARE * (span[1] - span[0]):
                        continue  # the clause is the direct quote; the direct quote carries it
                    kind = QuoteKind.mixed
                else:
                    kind = QuoteKind.indirect
                kind = QuoteKind.summary if summary else kind
                if any(overlaps(span, d) and not (span[0] <= d[0] and d[1] <= span[1] + 1) for d in near):
                    continue
                out.append(
                    QuoteInfo(
                        kind=kind,
                        span=span,
                        parts=[(p.start_char, p.end_char) for p in parts] if len(parts) > 1 else [],
                        cue=char_offsets(cue),
                        speaker=char_offsets(speaker),
                        confidence=CONFIDENCE[QuoteKind.summary if summary else QuoteKind.indirect],
                    )
                )
        return out

    def _reported_clause(self, doc: Doc, tok: Token, sent: Span) -> tuple[list[Span], Span, Span | None] | None:
        """The content reported by ``tok`` as (content parts, cue, speaker), if ``tok`` reports any.

        Tried in order: the parse's clausal complement; a "that" clause the parse attached elsewhere
        ("said in a statement that ..."); a directive's object and infinitive ("urged utilities to
        patch"); content before a trailing attribution ("..., Mwangi said, and ..."); "according to".
        """
        if self.is_cue_verb(tok):
            cue = doc[tok.i : tok.i + 1]
            for child in sorted(tok.children, key=lambda c: c.i < tok.i):  # after the verb first
                if child.dep_ in COMPLEMENT_DEPS and is_clause_head(child):
                    if self.is_cue_verb(child) and first_subject(child) is None:
                        return None  # "sources said to be familiar ... told X that": the inner verb reports
                    clause = clause_span(doc, child)
                    if clause is not None:
                        clause = self._before_second_report(clause, child)
                    if clause is not None and len(clause) >= MIN_CLAUSE_TOKENS:
                        return [clause], cue, speaker_of(tok)
            speaker = speaker_of(tok)
            for content in (self._that_clause(tok, sent), self._directive(tok), None):
                if content is not None:
                    return [content], cue, speaker
            trailing = before_attribution(tok, speaker, sent)
            if trailing is not None:
                return trailing, cue, speaker
            return None
        phrase = self.according_at(doc, tok)
        if phrase is None:
            return None
        speaker = object_of(doc[phrase.end - 1])
        after = speaker.end if speaker is not None else phrase.end
        if tok.i == sent.start:  # "According to X, CONTENT."
            start = after + 1 if after < sent.end and doc[after].is_punct else after
            clause = doc[start : trim_end(sent)]
        else:  # "CONTENT, according to X."
            end = tok.i - 1 if tok.i > sent.start and doc[tok.i - 1].is_punct else tok.i
            clause = doc[sent.start : end]
        if len(clause) < MIN_CLAUSE_TOKENS:
            return None
        return [clause], phrase, speaker

    def _before_second_report(self, clause: Span, head: Token) -> Span:
        """The reported clause without a second report the parse coordinated inside it: a reporting verb with no
        subject of its own and content of its own (a clause, or an object and an infinitive). In "said it was
        opposed to the test and warned North Korea to refrain", "warned ..." is the speaker's next report."""
        doc = clause.doc
        for conj in head.rights:
            if conj.dep_ == "conj" and first_subject(conj) is None and self._reports_own_content(conj):
                cut = conj.left_edge.i
                while cut > clause.start and (
                    doc[cut - 1].dep_ == "cc" or (doc[cut - 1].is_punct and doc[cut - 1].text not in CLOSERS)
                ):
                    cut -= 1
                return doc[clause.start : cut] if cut - clause.start >= MIN_CLAUSE_TOKENS else clause
        return clause

    def _reports_own_content(self, verb: Token) -> bool:
        if not self.is_cue_verb(verb, self.rules.reporting_or_directive):
            return False
        deps = {c.dep_ for c in verb.children}
        return bool(deps & COMPLEMENT_DEPS) or (bool(deps & {"dobj", "dative"}) and "xcomp" in deps)

    def _summary(self, doc: Doc, tok: Token) -> tuple[list[Span], Span, Span | None] | None:
        """A summary cue's noun-phrase or infinitive content ("denied the report", "vowed to retaliate"), with
        a speaker: without one the verb is too loosely tied to anyone's words."""
        forms = self.rules.summary_verbs.get(tok.lemma_.lower())
        if forms is None or not self.is_cue_verb(tok, self.rules.summary_lemmas):
            return None
        content = summary_content(tok, forms)
        speaker = speaker_of(tok)
        if content is None or speaker is None:
            return None
        return [content], doc[tok.i : tok.i + 1], speaker

    def _that_clause(self, verb: Token, sent: Span) -> Span | None:
        """A "that" clause right after the verb and its objects, wherever the parser attached it, unless
        a noun before it takes it ("found no evidence that ...")."""
        doc = verb.doc
        for tok in doc[verb.i + 1 : min(sent.end, verb.i + THAT_WINDOW)]:
            if tok.is_punct or tok.is_quote or tok.lemma_.lower() in self.rules.content_nouns:
                return None
            if tok.lower_ == "that" and tok.dep_ in SUBJECT_DEPS and tok.head.dep_ == "relcl":
                return None  # "her support of the raid that killed ...": a relative clause, not what was said
            if tok.lower_ == "that" and tok.i + 1 < sent.end:
                rest = doc[tok.i + 1 : trim_end(sent)]
                if any(t.dep_ in SUBJECT_DEPS for t in rest) and len(rest) >= MIN_CLAUSE_TOKENS:
                    return self._before_second_report(rest, rest.root)
                return None
        return None

    def _directive(self, verb: Token) -> Span | None:
        """ "urged utilities to replace ...": the object and its infinitive."""
        if verb.lemma_.lower() not in self.rules.directive_verbs:
            return None
        subject = first_subject(verb)
        if subject is None or subject.tag_ in RELATIVE_TAGS:
            return None  # "which has urged ...", "... and urged ...": too loosely attached to trust
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        comp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if obj is None or comp is None or comp.i < obj.i:
            return None
        return verb.doc[obj.left_edge.i : comp.right_edge.i + 1]
