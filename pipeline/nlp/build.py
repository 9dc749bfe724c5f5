"""Build the spaCy pipeline once: the configured model plus our components, in order."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer

import pipeline.nlp.components  # noqa: F401  (registers the factories and Doc extensions)
from pipeline.nlp.components.attributes import SOURCE_PIPE
from pipeline.nlp.components.lemmas import SOURCE_PIPE as LEMMA_PIPE

#: Our components, in the order they run: each reads what the ones before it wrote.
COMPONENTS: tuple[str, ...] = ("tn_actors", "tn_quotes", "tn_speakers", "tn_claims")


@cache
def build_nlp(model: str, *, fast_attributes: bool = True, cache_dir: str | None = None) -> Language:
    """Load ``model`` (any installed spaCy pipeline) and add the threatnews components.

    Cached per process, so a worker loads the model once however many documents it sees.
    ``fast_attributes=False`` keeps the model's own ``attribute_ruler`` and ``lemmatizer`` (to compare against:
    ``tn_attributes`` and ``tn_lemmas`` give the same annotations faster). ``cache_dir`` is
    where the actor component keeps the compiled gazetteer (default: the settings' ``cache_dir``).

    Raises:
        OSError: the model is not installed (spaCy's own message names it).
    """
    nlp = spacy.load(model)
    nlp.add_pipe("tn_paragraph_breaks", before="parser")  # the quote and claim rules need a parser
    if fast_attributes and isinstance(
        nlp.get_pipe(SOURCE_PIPE) if SOURCE_PIPE in nlp.pipe_names else None, AttributeRuler
    ):
        # Same tags, morphology and lemmas as the model's attribute_ruler, for a fraction of its time.
        nlp.add_pipe("tn_attributes", before=SOURCE_PIPE)
        nlp.remove_pipe(SOURCE_PIPE)
    if fast_attributes and isinstance(nlp.get_pipe(LEMMA_PIPE) if LEMMA_PIPE in nlp.pipe_names else None, Lemmatizer):
        lemmatizer = nlp.get_pipe(LEMMA_PIPE)
        if lemmatizer.mode == "rule" and not lemmatizer.overwrite:  # the same lemmas, looked up per word form
            nlp.add_pipe("tn_lemmas", before=LEMMA_PIPE)
            nlp.remove_pipe(LEMMA_PIPE)
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True, config={"cache_dir": cache_dir} if name == "tn_actors" else {})
    return nlp
