"""PhraseTable.find (column-wise) must find what a token-by-token scan finds, in the same order."""

from pathlib import Path

from pipeline.clean.core import clean
from pipeline.nlp.components.claims.rules import PhraseTable, _matches
from pipeline.sources.files import read_file
from tests.conftest import CORPUS


def scan(table: PhraseTable, doc, start=0, end=None):
    """The first implementation: every token, each of its keys, each phrase starting with it."""
    end = len(doc) if end is None else end
    found = []
    for tok in doc[start:end]:
        for key in (("LEMMA", tok.lemma), ("LOWER", tok.lower), ("ORTH", tok.orth)):
            for pattern, payload in table.by_first.get(key, ()):
                stop = tok.i + len(pattern)
                if stop <= end and all(_matches(doc[tok.i + k], spec) for k, spec in enumerate(pattern)):
                    found.append((tok.i, stop, payload))
    return found


def test_phrase_table_finds_what_a_token_scan_finds_on_the_corpus(nlp):
    claims = nlp.get_pipe("tn_claims")
    tables = [claims.cue_table, claims.state_table]
    docs = [nlp(clean(read_file(p)).text) for p in sorted(Path(CORPUS / "articles").iterdir())[:8]]
    total = 0
    for doc in docs:
        for table in tables:
            expected = scan(table, doc)
            assert table.find(doc) == expected
            total += len(expected)
            middle = len(doc) // 3, 2 * len(doc) // 3
            assert table.find(doc, *middle) == scan(table, doc, *middle)
        assert PhraseTable.find(tables[0], doc, 5, 5) == []
    assert total > 50  # the tables do find things on the corpus


def test_phrase_table_overlapping_keys_keep_scan_order(nlp):
    strings = nlp.vocab.strings
    table = PhraseTable(
        strings,
        [
            ([{"LOWER": "backed"}, {"LOWER": "by"}], "b1"),
            ([{"LEMMA": "back"}], "b2"),
            ([{"ORTH": "Backed"}], "b3"),
            ([{"LOWER": "backed"}], "b4"),
        ],
    )
    doc = nlp("Backed by Beijing, the group was backed by the state.")
    assert table.find(doc) == scan(table, doc)
    assert [payload for _, _, payload in table.find(doc)][:4] == ["b2", "b1", "b4", "b3"]
