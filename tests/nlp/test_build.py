"""The assembled pipeline: components declare what they read and write, and links between results are by id."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language

from pipeline.documents import CleanArticle, Provenance
from pipeline.nlp import components
from pipeline.nlp.build import COMPONENTS
from pipeline.nlp.records import build_record
from tests.conftest import CORPUS

COMPONENT_SOURCES = {
    "tn_actors": ["actors.py"],
    "tn_quotes": ["quotes/finder.py", "quotes/cues.py", "quotes/marks.py"],
    "tn_speakers": ["speakers.py"],
    "tn_claims": ["claims/finder.py", "claims/parts.py", "claims/stance.py", "claims/merge.py"],
}


def test_build_analyze_pipes_reports_no_problems(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(problems == [] for problems in analysis["problems"].values()), analysis["problems"]


def test_build_every_extension_a_component_reads_is_declared():
    """A component's code reads only the ``Doc._`` extensions its factory lists in requires or assigns."""
    folder = Path(components.__file__).parent
    for name in COMPONENTS:
        meta = Language.get_factory_meta(name)
        declared = {a.removeprefix("doc._.") for a in [*meta.requires, *meta.assigns] if a.startswith("doc._.")}
        used = set()
        for source in COMPONENT_SOURCES[name]:
            used |= set(re.findall(r"doc\._\.(\w+)", (folder / source).read_text(encoding="utf-8")))
        assert used, f"{name}: no extension use found (the test's source list is stale)"
        assert used <= declared, f"{name} reads or writes undeclared extensions: {used - declared}"


def test_build_links_survive_reordered_lists(nlp):
    """Quotes, speakers and claims point at each other by id: shuffling the lists changes no link."""
    text = (CORPUS / "articles" / "01-volt-typhoon-water-utilities.txt").read_text(encoding="utf-8")
    article = CleanArticle(Provenance(path="a.txt"), text)
    doc = nlp(text)
    before = build_record(article, doc, "m")
    doc._.tn_quotes.reverse()
    doc._.tn_speakers.reverse()
    doc._.tn_claims.reverse()
    after = build_record(article, doc, "m")
    links = {q.id: (q.start, q.speaker_id) for q in before.quotes}
    assert links == {q.id: (q.start, q.speaker_id) for q in after.quotes}
    assert any(speaker for _, speaker in links.values())
    quoted = {c.evidence.start: c.quote_id for c in before.claims}
    assert quoted == {c.evidence.start: c.quote_id for c in after.claims}
    assert any(quoted.values())
