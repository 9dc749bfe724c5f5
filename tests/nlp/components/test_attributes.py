"""tn_attributes and tn_lemmas must give every token exactly what the model's own attribute_ruler and lemmatizer give."""

from pathlib import Path

import pytest

from pipeline.clean.core import clean
from pipeline.nlp.build import build_nlp
from pipeline.settings import DEFAULT_MODEL
from pipeline.sources.files import read_file
from tests.conftest import CORPUS

TRICKY = "I ain't gonna say it. Y'all gotta see it, nothin' more. He got 'em and she gets lots.\n\nBut we did."


def token_attrs(doc):
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def original():
    return build_nlp(DEFAULT_MODEL, fast_attributes=False)


def test_attributes_replace_the_models_attribute_ruler(nlp):
    assert "tn_attributes" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names


def test_attributes_and_lemmas_equal_the_originals_on_the_corpus(nlp, original):
    texts = [clean(read_file(p)).text for p in sorted(Path(CORPUS / "articles").iterdir())] + [TRICKY]
    for text in texts:
        assert token_attrs(nlp(text)) == token_attrs(original(text))


def _reference_breaks(doc):
    """The paragraph rule as first written: visit every token."""
    return [
        token.i + 1
        for token in doc[:-1]
        if "\n" in token.text_with_ws and (token.is_space or token.whitespace_ == "\n" or "\n" in token.text)
    ]


def test_lemmas_replace_the_models_lemmatizer(nlp):
    assert "tn_lemmas" in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names


def test_paragraph_breaks_start_the_same_sentences_as_visiting_every_token(nlp):
    from pipeline.nlp.components.paragraphs import mark_paragraph_breaks

    texts = [clean(read_file(p)).text for p in sorted(Path(CORPUS / "articles").iterdir())]
    texts += [TRICKY, "a\n", "\n\nlead\n\n\nbody  \n end \n", "x", "", "one line only"]
    for text in texts:
        doc = mark_paragraph_breaks(nlp.make_doc(text))
        expected = set(_reference_breaks(doc))
        assert {t.i for t in doc[1:] if t.is_sent_start} == expected, text[:60]
        assert expected or "\n" not in text[: max(len(text) - 1, 0)]
