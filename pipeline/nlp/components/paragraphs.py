"""``tn_paragraph_breaks``: start a sentence after every line break, before the parser runs.

Cleaned bodies put one paragraph per line. The small English parser sometimes runs a sentence on
across a paragraph break (a headline into the first paragraph, a closing quote mark into the next
paragraph), which would tie a quote to a cue in another paragraph. Preset boundaries are respected by
the parser, so marking them here keeps every sentence inside one paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("tn_paragraph_breaks", assigns=["token.is_sent_start"])
def mark_paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and (token.is_space or token.whitespace_ == "\n" or "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc
