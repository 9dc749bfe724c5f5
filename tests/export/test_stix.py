import json

import pytest
from stix2validator import ValidationOptions, validate_string
from typer.testing import CliRunner

from models import LINK_KINDS
from pipeline.cli import app
from pipeline.export import bundle_json, read_records
from pipeline.export.stix import STANCE_CONFIDENCE, stix_id
from tests.export.test_reading import HAND_TEXT, corpus_records_path, hand_record

runner = CliRunner()


@pytest.fixture(scope="module")
def records():
    return read_records(corpus_records_path())


@pytest.fixture(scope="module")
def bundle(records):
    return json.loads(bundle_json(records))


def objects(bundle, kind):
    return [o for o in bundle["objects"] if o["type"] == kind]


def test_export_stix_bundle_is_valid_in_strict_mode(records):
    results = validate_string(bundle_json(records), ValidationOptions(strict=True, version="2.1"))
    problems = [str(e) for e in results.errors] + [str(w) for w in results.warnings]
    assert results.is_valid and not problems, problems


def test_export_stix_hand_record_is_valid_in_strict_mode():
    results = validate_string(bundle_json([hand_record(HAND_TEXT)]), ValidationOptions(strict=True, version="2.1"))
    assert results.is_valid, [str(e) for e in results.errors]


def test_export_stix_same_input_gives_the_same_bytes(tmp_path, records):
    paths = [tmp_path / "a.json", tmp_path / "b.json"]
    for path in paths:
        result = runner.invoke(app, ["export", str(corpus_records_path()), "--to", str(path), "--format", "stix"])
        assert result.exit_code == 0, result.output
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_export_stix_object_ids_do_not_depend_on_record_order(records, bundle):
    reversed_bundle = json.loads(bundle_json(list(reversed(records))))
    assert {o["id"] for o in reversed_bundle["objects"]} == {o["id"] for o in bundle["objects"]}


def test_export_stix_a_report_per_article_referring_to_its_objects(records, bundle):
    reports = {o["id"]: o for o in objects(bundle, "report")}
    assert len(reports) == len(records)
    ids = {o["id"] for o in bundle["objects"]}
    for record in records:
        report = reports[stix_id("report", record.doc_id)]
        assert report["name"] == record.title
        assert set(report["object_refs"]) <= ids
        for actor in record.actors:
            assert stix_id("intrusion-set", actor.id) in report["object_refs"]


def test_export_stix_intrusion_sets_carry_aliases_and_locations_iso_codes(records, bundle):
    sets = {o["name"]: o for o in objects(bundle, "intrusion-set")}
    for actor in (a for r in records for a in r.actors):
        assert set(actor.aliases) <= set(sets[actor.name].get("aliases", []))
    assert {o["country"] for o in objects(bundle, "location")} >= {"CN", "RU", "IR", "KP"}
    assert all(len(o["country"]) == 2 and o["country"].isupper() for o in objects(bundle, "location"))


def test_export_stix_every_state_link_claim_of_the_corpus_is_an_attributed_to(records, bundle):
    """Sponsorship and responsibility claims whose text names a state: each one an ``attributed-to``."""
    links = {
        (o["description"], o["created_by_ref"] if "created_by_ref" in o else None)
        for o in objects(bundle, "relationship")
        if o["relationship_type"] == "attributed-to" and "confidence" in o
    }
    expected = [
        c
        for r in records
        for c in r.claims
        if c.kind in LINK_KINDS and c.stance != "denied" and c.attributed_to and c.attributed_to.country
    ]
    assert len(expected) >= 10
    assert {c.evidence.text for c in expected} <= {description for description, _ in links}


def test_export_stix_gazetteer_country_says_where_it_comes_from(bundle):
    located = [o for o in objects(bundle, "relationship") if o["relationship_type"] == "originates-from"]
    assert located
    assert all("gazetteer" in o["description"] and "not from an article" in o["description"] for o in located)


def test_export_stix_claims_become_attributed_to_with_claimant_and_stance_confidence():
    record = hand_record(HAND_TEXT)
    bundle = json.loads(bundle_json([record]))
    by_id = {o["id"]: o for o in bundle["objects"]}
    claims = [
        o for o in objects(bundle, "relationship") if o["relationship_type"] == "attributed-to" and "confidence" in o
    ]
    assert len(claims) == 2
    named = next(o for o in claims if o["source_ref"].startswith("intrusion-set--"))
    assert named["confidence"] == STANCE_CONFIDENCE["hedged"] == 35
    assert by_id[named["created_by_ref"]]["name"] == "Dana Whitfield"
    assert by_id[named["created_by_ref"]]["identity_class"] == "individual"
    state = by_id[named["target_ref"]]
    assert state["type"] == "threat-actor" and state["threat_actor_types"] == ["nation-state"]
    # an unnamed actor ("the hackers") is the article's campaign, not an invented intrusion set
    unnamed = next(o for o in claims if o["source_ref"].startswith("campaign--"))
    assert unnamed["confidence"] == 85 and unnamed["target_ref"] == named["target_ref"]
    assert named["description"] == record.claims[0].evidence.text


def test_export_stix_denial_is_an_opinion_on_the_attributions():
    bundle = json.loads(bundle_json([hand_record(HAND_TEXT)]))
    by_id = {o["id"]: o for o in bundle["objects"]}
    (opinion,) = objects(bundle, "opinion")
    assert opinion["opinion"] == "strongly-disagree"
    assert by_id[opinion["created_by_ref"]]["name"] == "Chinese embassy"
    assert {by_id[ref]["relationship_type"] for ref in opinion["object_refs"]} == {"attributed-to"}
    assert not any(
        o["relationship_type"] == "attributed-to" and "denied" in o.get("description", "")
        for o in objects(bundle, "relationship")
    )


def test_export_stix_targeting_claim_targets_the_target_country():
    bundle = json.loads(bundle_json([hand_record(HAND_TEXT)]))
    by_id = {o["id"]: o for o in bundle["objects"]}
    (targets,) = [o for o in objects(bundle, "relationship") if o["relationship_type"] == "targets"]
    assert by_id[targets["source_ref"]]["name"] == "Volt Typhoon"
    assert by_id[targets["target_ref"]]["country"] == "US"
    assert targets["confidence"] == STANCE_CONFIDENCE["reported"]
