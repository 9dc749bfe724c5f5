"""Where a reported clause begins and ends: quotation marks at its edges, content around a mid-sentence
attribution ("The vote, she said, was never close"), and clauses the parser heads with an adjective."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.annotations import CharSpan
from pipeline.nlp.components.quotes.rules import CLOSERS, MIN_CLAUSE_TOKENS, OPENING_MARKS
from pipeline.nlp.intervals import Intervals
from pipeline.nlp.syntax import SUBJECT_DEPS, first_subject, trim_end

#: Words that join a second reported clause after the attribution: "..., Mwangi said, and ...".
JOINERS = frozenset({"and", "but"})
#: Parts of speech that may stand between a reported clause and the quotation that ends its sentence (with
#: quotation marks, but no comma: in "while X, “Y”" the quotation is a clause of its own).
JOINING_POS = frozenset({"CCONJ", "ADP", "ADV", "PART", "SPACE"})
#: What may follow the final quotation of a sentence.
_CLOSING_PUNCT = " .,;:!?\"”’'\n"
#: Tags of a participle that opens a tail after the attribution ("..., he said, citing ..."): not what was said.
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})


def closing_over(text: str, span: CharSpan, directs: Intervals) -> CharSpan:
    """A reported clause that ends inside a quotation ends with it (the parse leaves the final "." and
    closing mark of 'said it was “unhinged, even for him.”' to the sentence); one that opens with a
    quotation starts at its mark."""
    lo, hi = span
    for start, end in directs.overlapping(hi - 1, hi):
        if lo <= start < hi < end and not text[hi:end].strip(".,;:!? "):
            hi = end + 1 if text[end : end + 1] in CLOSERS else end
    if directs.overlapping(lo, lo + 1) and text[lo - 1 : lo] in OPENING_MARKS:  # “exactly who did it” remains
        lo -= 1
    return lo, hi


def through_final_quotation(doc: Doc, span: CharSpan, sent: Span, directs: Intervals) -> CharSpan:
    """A reported clause the parse ends before the quotation that closes its sentence takes it in when only
    joining words stand between them: 'said the media are to blame for focusing on “he said this,”', 'claiming
    that fraud is “a big problem” but “nobody has the guts to talk about it.”' (one mixed quote)."""
    after = [d for d in directs.overlapping(span[1], sent.end_char) if d[0] >= span[1]]
    if not after or doc.text[after[-1][1] : sent.end_char].strip(_CLOSING_PUNCT):
        return span
    last = after[-1]
    between = doc.char_span(span[1], last[0], alignment_mode="expand")
    if between is None or any(t.pos_ not in JOINING_POS and not t.is_quote for t in between if not _inside(t, after)):
        return span
    return span[0], last[1] + 1 if doc.text[last[1] : last[1] + 1] in CLOSERS else last[1]


def _inside(tok: Token, spans: list[CharSpan]) -> bool:
    return any(s <= tok.idx < e for s, e in spans)


def is_clause_head(head: Token) -> bool:
    """The head of a reported clause: a verb, an adjective after its verb ('it was “unhinged”'), or a verb the
    tagger took for a noun but that has a subject of its own ('said the spate of shootings demands that ...')."""
    return (
        head.pos_ in ("VERB", "AUX") or is_predicate(head) or (head.pos_ == "NOUN" and first_subject(head) is not None)
    )


def is_predicate(head: Token) -> bool:
    """A clause headed by what follows its verb: 'it was “unhinged”' (the parser makes the adjective the head)."""
    return first_subject(head) is not None and any(c.dep_ in ("aux", "auxpass") for c in head.children)


def before_attribution(verb: Token, speaker: Span | None, sent: Span) -> list[Span] | None:
    """Content around an attribution set off by commas: "CONTENT, Mwangi said(, and MORE)" and the
    mid-sentence "The vote, she said, was never close" (one content in two parts)."""
    if speaker is None or speaker.end != verb.i or verb.i <= sent.start:
        return None
    doc = verb.doc
    comma = speaker.start - 1
    if comma <= sent.start or doc[comma].text != ",":
        return None
    first = doc[sent.start : comma]
    rest = _after_attribution(verb, sent)
    if len(first) < (1 if rest is not None else MIN_CLAUSE_TOKENS):
        return None
    parts = [first] if rest is None else [first, rest]
    if not any(t.dep_ in SUBJECT_DEPS for part in parts for t in part):
        return None
    return parts


def _after_attribution(verb: Token, sent: Span) -> Span | None:
    """What goes on after "..., she said," when it goes on with a verb and is not a participial tail."""
    doc = verb.doc
    after = verb.right_edge.i  # the comma after the verb, which the parser may or may not hang on it
    if doc[after].text != ",":
        after += 1
    if after + 2 >= sent.end or doc[after].text != ",":
        return None
    rest = doc[after + 1 : trim_end(sent)]
    if rest[0].lower_ in JOINERS:
        return rest if any(t.pos_ in ("VERB", "AUX") for t in rest) else None
    finite = any(t.pos_ in ("VERB", "AUX") and t.tag_ not in PARTICIPLE_TAGS for t in rest)
    return rest if finite and rest[0].tag_ not in PARTICIPLE_TAGS else None
