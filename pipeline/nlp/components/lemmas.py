"""``tn_lemmas``: the model's own lemmatizer, remembered per word form, part of speech and morphology.

spaCy's rule lemmatizer already caches its answers, but it reaches the cache through several Python calls
per token and writes each lemma through the string store: on real news that is about 6% of the whole
pipeline, most of it the lemmatizer's linear search of its word lists for every word it has not seen
(made a set look-up here). A token's rule lemma depends only on its form, POS and morphology (the English lemmatizer's
``is_base_form`` reads POS and morphology, its tables the form and POS), so this component reads those three
columns with ``Doc.to_array``, looks each token up in one dictionary, asks the model's lemmatizer only for
combinations it has not seen, and writes all lemmas back with one ``Doc.from_array``. Tokens that already
have a lemma (set by the attribute rules) keep it, as with the original (``overwrite=False``). A test
compares every lemma with the original's on the corpus.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

#: The pipe whose work this component takes over.
SOURCE_PIPE = "lemmatizer"
#: Most remembered combinations; past it the memory starts again (a long run meets new words forever).
MAX_REMEMBERED = 500_000


@Language.factory("tn_lemmas", assigns=["token.lemma"], default_config={})
def make_lemmas(nlp: Language, name: str) -> Lemmas:
    lemmatizer = nlp.get_pipe(SOURCE_PIPE)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule" or lemmatizer.overwrite:
        raise TypeError(f"{SOURCE_PIPE} is not a rule lemmatizer that keeps existing lemmas")
    return Lemmas(nlp, name=name, lemmatizer=lemmatizer)


class Lemmas:
    """Lemmas of the model's rule lemmatizer, looked up by (form, POS, morphology)."""

    def __init__(self, nlp: Language, *, name: str, lemmatizer: Lemmatizer) -> None:
        self.name = name
        self.lemmatizer = lemmatizer
        self.strings = nlp.vocab.strings
        self.known: dict[tuple[int, int, int], int] = {}
        # The rule lemmatizer asks "is this form a known word?" of a list of up to 57,000 words per POS, a
        # linear search on every new word; the same words as a set answer alike, at once. Only membership is
        # ever asked of these lists, so the answers do not change.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for key, words in list(index.items()):
            if isinstance(words, list):
                index[key] = frozenset(words)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        known = self.known
        if len(known) > MAX_REMEMBERED:
            known.clear()
        for i in numpy.flatnonzero(lemmas == 0).tolist():
            orth, pos, morph, _ = columns[i].tolist()
            key = (orth, pos, morph)
            lemma = known.get(key)
            if lemma is None:
                lemma = known[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs, batch_size: int = 128):  # noqa: ANN001, ANN201, ARG002 - spaCy's pipe signature
        for doc in docs:
            yield self(doc)
