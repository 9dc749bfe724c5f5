"""tn_attributes must give every token exactly what the model's own attribute_ruler gives."""

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


def test_attributes_equal_the_originals_on_the_corpus(nlp, original):
    texts = [clean(read_file(p)).text for p in sorted(Path(CORPUS / "articles").iterdir())] + [TRICKY]
    for text in texts:
        assert token_attrs(nlp(text)) == token_attrs(original(text))
