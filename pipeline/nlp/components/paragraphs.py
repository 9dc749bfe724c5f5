"""``tn_paragraph_breaks``: start a sentence after every line break, before the parser runs.

Cleaned bodies put one paragraph per line. The small English parser sometimes runs a sentence on
across a paragraph break (a headline into the first paragraph, a closing quote mark into the next
paragraph), which would tie a quote to a cue in another paragraph. Preset boundaries are respected by
the parser, so marking them here keeps every sentence inside one paragraph.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.syntax import doc_text

LINE_BREAK = re.compile("\n")


@Language.component("tn_paragraph_breaks", assigns=["token.is_sent_start"])
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at the token after any token whose text or trailing space holds a line break.

    Found from the line breaks of the text (a binary search in the tokens' offsets), not by visiting
    every token: a document has far fewer lines than tokens.
    """
    text = doc_text(doc)
    if len(doc) < 2 or "\n" not in text:
        return doc
    breaks = numpy.fromiter((m.start() for m in LINE_BREAK.finditer(text)), dtype=numpy.int64)
    starts = doc.to_array([IDX]).astype(numpy.int64).ravel()
    owners = numpy.unique(numpy.searchsorted(starts, breaks, side="right") - 1)
    for i in owners[(owners >= 0) & (owners < len(doc) - 1)].tolist():
        doc[i + 1].is_sent_start = True
    return doc
