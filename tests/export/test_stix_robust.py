"""A STIX export never dies of one record: publication dates are normalised (or the article is exported as
undated, with a note), a record that still fails is skipped and named, and articles with nothing to report
are left out unless asked for (issue 12, findings 2 and 5)."""

from __future__ import annotations

import json

import pytest
import stix2
from stix2validator import ValidationOptions, validate_string
from typer.testing import CliRunner

from models import ArticleRecord, Organization, PipelineInfo, Source
from pipeline.cli import app
from pipeline.export import bundle_json, export_bundle
from pipeline.export.stix import UNDATED, stix_id
from pipeline.export.stix_article import ArticleObjects
from tests.export.test_reading import HAND_TEXT, hand_record

runner = CliRunner()


def dated(published: str, doc_id: str = "dated001") -> ArticleRecord:
    return hand_record(HAND_TEXT, doc_id=doc_id).model_copy(update={"published": published})


def empty_record(doc_id: str = "empty001", **fields) -> ArticleRecord:
    return ArticleRecord(
        doc_id=doc_id,
        source=Source(path="empty.txt"),
        title="Markets close higher",
        text="Shares rose on Friday.",
        pipeline=PipelineInfo(version="test", model="none"),
        **fields,
    )


def strictly_valid(text: str) -> None:
    results = validate_string(text, ValidationOptions(strict=True, version="2.1"))
    assert results.is_valid and not results.warnings, [str(e) for e in results.errors] + [
        str(w) for w in results.warnings
    ]


def objects(bundle: dict, kind: str) -> list[dict]:
    return [o for o in bundle["objects"] if o["type"] == kind]


def write_records(path, records) -> None:
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")


@pytest.mark.parametrize(
    ("published", "timestamp"),
    [
        ("2024-01-05T10:00:00+02:00", "2024-01-05T08:00:00"),  # offset-aware → UTC
        ("2024-01-05T10:00:00Z", "2024-01-05T10:00:00"),
        ("Jan 5, 2024", "2024-01-05T00:00:00"),  # a plain date → midnight UTC
        ("Fri, 05 Jan 2024 23:30:00 -0100", "2024-01-06T00:30:00"),
        ("2024-01-05", "2024-01-05T00:00:00"),
    ],
)
def test_export_stix_normalises_publication_dates(published, timestamp):
    text = bundle_json([dated(published)])
    strictly_valid(text)
    (report,) = objects(json.loads(text), "report")
    assert report["published"].startswith(timestamp) and report["created"][:19] == timestamp
    assert not objects(json.loads(text), "note")


@pytest.mark.parametrize("published", ["2024-13-45", "next Tuesday", "0001-01-01T00:00:00+05:00"])
def test_export_stix_unreadable_date_is_undated_with_a_note(published):
    result = export_bundle([dated(published), hand_record(HAND_TEXT)])
    assert [(p.doc_id, published in p.message) for p in result.undated] == [("dated001", True)]
    assert result.skipped == [] and result.reports == 2
    text = result.bundle.serialize(pretty=True)
    strictly_valid(text)
    bundle = json.loads(text)
    report = next(o for o in objects(bundle, "report") if o["id"] == stix_id("report", "dated001"))
    assert report["published"].startswith(UNDATED[:19])
    (note,) = objects(bundle, "note")
    assert note["object_refs"] == [report["id"]] and published in note["content"]


def test_export_stix_cli_warns_of_an_unreadable_date_and_still_writes(tmp_path):
    records, out = tmp_path / "r.jsonl", tmp_path / "bundle.json"
    write_records(records, [dated("Jan 5 2O24"), hand_record(HAND_TEXT)])
    result = runner.invoke(app, ["export", str(records), "--to", str(out), "--format", "stix"])
    assert result.exit_code == 0, result.output
    assert "warning: dated001: published 'Jan 5 2O24' is not a date; exported as undated" in result.stderr
    assert len(objects(json.loads(out.read_text(encoding="utf-8")), "report")) == 2


@pytest.fixture
def broken_targeting(monkeypatch):
    """Make the record ``broken01`` fail half-way through its objects (after its actors and attributions)."""
    targeting = ArticleObjects.targeting

    def failing(self, claim):
        if self.record.doc_id == "broken01":
            raise stix2.exceptions.InvalidValueError(stix2.Relationship, "target_ref", "made to fail")
        return targeting(self, claim)

    monkeypatch.setattr(ArticleObjects, "targeting", failing)


def test_export_stix_a_failing_record_is_skipped_and_its_objects_taken_back(broken_targeting):
    good = hand_record(HAND_TEXT)
    result = export_bundle([hand_record(HAND_TEXT, doc_id="broken01"), good])
    assert [p.doc_id for p in result.skipped] == ["broken01"] and "made to fail" in result.skipped[0].message
    assert result.reports == 1
    # nothing of the broken record is left: the bundle is the good record's, byte for byte
    assert result.bundle.serialize(pretty=True) + "\n" == bundle_json([good])


def test_export_stix_cli_names_skipped_records_and_exits_1(tmp_path, broken_targeting):
    records, out = tmp_path / "r.jsonl", tmp_path / "bundle.json"
    write_records(records, [hand_record(HAND_TEXT), hand_record(HAND_TEXT, doc_id="broken01"), dated("2024-13-45")])
    result = runner.invoke(app, ["export", str(records), "--to", str(out), "--format", "stix"])
    assert result.exit_code == 1, result.output
    assert "skipped record broken01: InvalidValueError" in result.stderr
    assert "warning: dated001:" in result.stderr
    assert "3 records ->" in result.stdout and "(1 skipped)" in result.stdout
    text = out.read_text(encoding="utf-8")
    strictly_valid(text)
    assert {o["name"] for o in objects(json.loads(text), "report")} == {"Hand-made article"}
    assert len(objects(json.loads(text), "report")) == 2


def test_export_stix_articles_with_nothing_to_report_are_left_out():
    agency = Organization(id="nsa", name="NSA", kind="agency", country="US")
    records = [empty_record(), hand_record(HAND_TEXT), empty_record("agency01", organizations=[agency])]
    result = export_bundle(records)
    assert result.empty == ["empty001"] and result.reports == 2
    reports = {o["id"] for o in objects(json.loads(result.bundle.serialize()), "report")}
    assert reports == {stix_id("report", "hand0001"), stix_id("report", "agency01")}


def test_export_stix_include_empty_keeps_a_report_for_every_article():
    text = bundle_json([empty_record(), hand_record(HAND_TEXT)], include_empty=True)
    strictly_valid(text)
    bundle = json.loads(text)
    empty = next(o for o in objects(bundle, "report") if o["id"] == stix_id("report", "empty001"))
    assert empty["object_refs"] == [stix_id("identity", "threatnews")]
    assert len(objects(bundle, "report")) == 2


def test_export_stix_cli_include_empty(tmp_path):
    records = tmp_path / "r.jsonl"
    write_records(records, [empty_record(), hand_record(HAND_TEXT)])
    default = runner.invoke(app, ["export", str(records), "--to", str(tmp_path / "a.json"), "--format", "stix"])
    assert default.exit_code == 0 and "(1 without actors, agencies or claims left out)" in default.stdout
    assert len(objects(json.loads((tmp_path / "a.json").read_text(encoding="utf-8")), "report")) == 1
    args = ["export", str(records), "--to", str(tmp_path / "b.json"), "--format", "stix", "--include-empty"]
    included = runner.invoke(app, args)
    assert included.exit_code == 0 and "left out" not in included.stdout
    assert len(objects(json.loads((tmp_path / "b.json").read_text(encoding="utf-8")), "report")) == 2
