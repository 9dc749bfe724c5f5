"""Build the spaCy pipeline once: the configured model plus our components, in order."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

import pipeline.components  # noqa: F401  (registers the factories and Doc extensions)

#: Our components, in the order they run: each reads what the ones before it wrote.
COMPONENTS: tuple[str, ...] = ("tn_actors", "tn_quotes", "tn_speakers", "tn_claims")


@cache
def build_nlp(model: str) -> Language:
    """Load ``model`` (any installed spaCy pipeline) and add the threatnews components.

    Cached per process, so a worker loads the model once however many documents it sees.

    Raises:
        OSError: the model is not installed (spaCy's own message names it).
    """
    nlp = spacy.load(model)
    nlp.add_pipe("tn_paragraph_breaks", before="parser")  # the quote and claim rules need a parser
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp
