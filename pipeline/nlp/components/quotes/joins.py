"""One utterance in several quoted stretches: “A,” she said, “B.” and “A?” she asked. “B.” are one quote with
parts, and so is a continuation paragraph that opens with a quotation mark right after the attribution
(“A,” he said. ¶ “B.”). A quoted stretch that is a title (“Fox News Sunday”) takes no part in it.

Two stretches join when the first one breaks off where an attribution can cut in (a comma, a dash, a question
or exclamation mark), the words between them are that attribution and nothing more (one reporting verb, one
sentence, ending with punctuation: not 'said she wanted to speak “directly …”', where the second stretch is a
fragment inside the sentence), and the second has no cue of its own after it. Each test reads only the text
between two consecutive stretches, so joining stays linear in the number of quotation marks.
"""

from __future__ import annotations

from pipeline.nlp.annotations import CharSpan
from pipeline.nlp.components.quotes.content import JOINERS
from pipeline.nlp.components.quotes.cues import SENTENCE_ENDS, CueIndex

Quoted = tuple[CharSpan, bool, list[CharSpan]]

#: What a quotation cut by its attribution ends with: “A,” she said, “B.” / “A?” he asked. “B.”
INTERRUPTION_ENDS = frozenset({",", "—", "–", "?", "!"})
#: What an attribution between the two parts ends with: , she said, / she said. / she said:
ATTRIBUTION_ENDS = frozenset({",", ".", ":"})
#: Quotation marks that may close a quotation nested at the end of the first part ('… “accept it,’”').
INNER_CLOSERS = "'’\"”"
#: Most words after the attribution's punctuation, the first a joiner: “A,” he said, and still “B.”
MAX_JOINING_WORDS = 2
#: Longest attribution, in tokens, between two parts of one utterance.
MAX_ATTRIBUTION_TOKENS = 60


def join_interrupted(found: list[Quoted], index: CueIndex, marks: str) -> list[Quoted]:
    """``found`` (the quoted stretches in text order) with the parts of each interrupted utterance joined.

    ``marks``: every quotation mark character, stripped from the edges of the text between two stretches.
    """
    joined: list[Quoted] = []
    for item in found:
        if joined and _continues(joined[-1], item, index, marks):
            prev_span, _closed, prev_parts = joined[-1]
            parts = (prev_parts or [prev_span]) + (item[2] or [item[0]])
            joined[-1] = ((prev_span[0], item[0][1]), item[1], parts)
            continue
        joined.append(item)
    return joined


def _continues(prev: Quoted, item: Quoted, index: CueIndex, marks: str) -> bool:
    (prev_span, prev_closed, _), (span, _, _) = prev, item
    text = index.text
    if not prev_closed or text[prev_span[0] : prev_span[1]].rstrip(INNER_CLOSERS + " ")[-1:] not in INTERRUPTION_ENDS:
        return False
    between = text[prev_span[1] : span[0]].strip(marks + " \t\n")
    if not between or "\n" in between or not _ends_attribution(between):
        return False  # a paragraph of narration between them, or a fragment inside a sentence
    first, last = index.token_at(prev_span[1]), index.token_at(span[0])
    if last - first > MAX_ATTRIBUTION_TOKENS or _sentence_ends_inside(index, first, last):
        return False
    cues = index.cues_between(first, last, verbs_only=True)
    if len(cues) != 1 or index.doc[cues[0]].tag_ == "VBG":
        return False  # two reports ("said, adding, “B”"), or B is what a participle reports ("asking her, “B”")
    return not _followed_by_cue(index, span[1])


def _ends_attribution(between: str) -> bool:
    """Whether the words between two quoted stretches end with the attribution's punctuation, at most followed by
    a joining word (“A,” he said, but “B.”)."""
    last = max(between.rfind(ch) for ch in ATTRIBUTION_ENDS)
    tail = between[last + 1 :].split() if last >= 0 else [""] * (MAX_JOINING_WORDS + 1)
    return len(tail) <= MAX_JOINING_WORDS and (not tail or tail[0].lower() in JOINERS)


def _sentence_ends_inside(index: CueIndex, first: int, last: int) -> bool:
    """Whether a sentence ends between tokens ``first`` and ``last`` before the attribution's own final marks."""
    doc = index.doc
    end = last
    while end > first + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return any(doc[i].text in SENTENCE_ENDS for i in range(first + 1, end))


def _followed_by_cue(index: CueIndex, end: int) -> bool:
    """Whether the sentence a quote ends in goes on to a reporting verb of its own (“B” …, she said)."""
    if end >= len(index.text):
        return False
    first = index.token_at(end)
    return bool(index.cues_between(first, index.sentence_of(first)[1], verbs_only=True))
