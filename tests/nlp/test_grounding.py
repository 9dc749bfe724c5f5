"""Grounded output over a whole run: every party of a claim is a span of the record's text, in its evidence's
sentence or a mention the text makes; knowledge from the gazetteer is labelled and never poses as a party."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from models import ArticleRecord
from pipeline.batch.runner import run
from pipeline.settings import Settings
from tests.conftest import CORPUS


def _parties_are_spans(records: list[ArticleRecord]) -> int:
    """Assert every claim party is a span of its record's text; the number of parties."""
    parties = 0
    for record in records:
        for claim in record.claims:
            if claim.kind == "targeting":
                assert claim.attributed_to is None, claim  # targeting ties an actor to a victim, no party
            if claim.attributed_to is None:
                continue
            parties += 1
            mention = claim.attributed_to.mention
            assert mention is not None, claim
            assert record.text[mention.start : mention.end] == mention.text
            if claim.inferred_sponsor is not None:
                assert claim.attributed_to is None or claim.attributed_to.country is not None
    return parties


def test_grounding_every_claim_party_is_a_span_of_the_text(tmp_path):
    summary = run([CORPUS / "articles"], tmp_path / "records.jsonl", Settings(quiet=True))
    assert summary.records == 18
    records = [ArticleRecord.model_validate(json.loads(line)) for line in summary.out.read_text().splitlines()]
    assert _parties_are_spans(records) >= 40
    sources = {a.country_source for r in records for a in r.actors if a.country}
    assert sources <= {"curated", "misp", "naming-convention", "agency"} and sources


def test_grounding_every_claim_party_on_casie_dev_is_a_span_of_the_text():
    """The same over the CASIE dev articles (a local copy named by THREATNEWS_CASIE_PATH; skipped without one)."""
    from pipeline import extract
    from pipeline.eval.casie import load_gold, read_text
    from pipeline.eval.repo import RepoFiles

    path = os.environ.get("THREATNEWS_CASIE_PATH")
    if not path or not Path(path).exists():
        pytest.skip("no local CASIE copy (THREATNEWS_CASIE_PATH)")
    repo = RepoFiles(Path(path))
    records = [extract(read_text(repo, g["casie_id"]).body) for g in load_gold(CORPUS / "casie-dev")]
    assert _parties_are_spans(records) >= 20
