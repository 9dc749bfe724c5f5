"""The ledger's summary: claimant types, one claimant per organisation, reprints counted once, the consensus rule."""

from __future__ import annotations

from models import Mention, Organization, Speaker
from pipeline.export import read_records
from pipeline.export.ledger import build_ledger
from pipeline.export.ledger.sources import Reprints, consensus
from tests.export.test_ledger import seed_records  # noqa: F401 - the fixture, used by name
from tests.export.test_reading import HAND_TEXT, hand_record


def _entry(entries, actor, country):
    return next(e for e in entries if e.actor_name == actor and e.party.country == country)


def test_ledger_claimant_types_from_what_the_record_knows():
    (entry, *_) = [e for e in build_ledger([hand_record(HAND_TEXT)]) if e.actor_id == "volt-typhoon"]
    types = {s.claimant_name: s.claimant_type for s in entry.attributions_listed}
    assert types == {"Dana Whitfield": "other"}  # a person tied to no listed organisation
    (denial,) = entry.denials_listed
    assert (denial.claimant_name, denial.claimant_type) == ("Chinese embassy", "accused state")
    assert entry.consensus == "contested"  # China's denial in the article that ties it to China
    unnamed = _entry(build_ledger([hand_record(HAND_TEXT)]), "unnamed actor", "CN")
    assert [s.claimant_type for s in unnamed.attributions_listed] == ["media"]  # the article's own voice


def _with_agency(record, speaker_name: str, affiliation: str, org_name: str, kind: str, country: str):
    """The hand record with Dana Whitfield recast as someone from a listed organisation."""
    start = record.text.index("Dana Whitfield")
    speaker = Speaker(
        id="s1",
        name=speaker_name,
        kind="person",
        affiliation=affiliation,
        mentions=[Mention(start=start, end=start + len("Dana Whitfield"), text="Dana Whitfield")],
    )
    org = Organization(id=org_name.lower(), name=org_name, kind=kind, country=country, mentions=[])
    return record.model_copy(update={"speakers": [speaker], "organizations": [org]})


def test_ledger_government_claimants_counted_once_per_agency_and_labelled():
    fbi = _with_agency(hand_record(HAND_TEXT, doc_id="a"), "Dana Whitfield", "FBI", "FBI", "agency", "US")
    nsa = _with_agency(hand_record(HAND_TEXT, doc_id="b"), "Dana Whitfield", "NSA", "NSA", "agency", "US")
    no_denial = [r.model_copy(update={"claims": [c for c in r.claims if c.kind != "denial"]}) for r in (fbi, nsa)]
    entry = _entry(build_ledger(no_denial), "Volt Typhoon", "CN")
    assert {s.claimant_type for s in entry.attributions_listed} == {"government"}
    assert entry.claimant_types == {"government": 1}  # a person keeps their name: one claimant, Dana Whitfield
    vendor = _with_agency(hand_record(HAND_TEXT, doc_id="c"), "Dana Whitfield", "Mandiant", "Mandiant", "vendor", "US")
    vendor = vendor.model_copy(update={"claims": [c for c in vendor.claims if c.kind != "denial"]})
    assert _entry(build_ledger([vendor]), "Volt Typhoon", "CN").consensus == "vendor-only"
    assert _entry(build_ledger(no_denial), "Volt Typhoon", "CN").consensus == "government-attributed"


def test_ledger_a_reprinted_sentence_is_one_independent_source():
    records = [hand_record(HAND_TEXT, doc_id=d) for d in ("a", "b", "c")]
    entry = _entry(build_ledger(records), "Volt Typhoon", "CN")
    assert entry.attributions == 3 and entry.independent_sources == 1
    other = hand_record(HAND_TEXT.replace("hit utilities", "breached a port operator"), doc_id="d")
    assert _entry(build_ledger([*records, other]), "Volt Typhoon", "CN").independent_sources == 2


def test_ledger_reprints_compare_words_not_punctuation_or_case():
    seen = Reprints()
    seen.add("Officials said the group, Volt Typhoon, works for Beijing.")
    seen.add("OFFICIALS SAID THE GROUP VOLT TYPHOON WORKS FOR BEIJING")
    seen.add("Officials said the group Volt Typhoon works for the Chinese state, according to two people.")
    assert seen.independent == 2


def test_ledger_consensus_rules_in_their_order():
    gov = {"government": {"org:fbi", "org:ncsc"}}
    assert consensus(attributions=0, denials=1, types={}) == "denied only"
    assert consensus(attributions=2, denials=1, types=gov) == "contested"
    assert consensus(attributions=2, denials=0, types=gov) == "attributed by >= 2 governments"
    assert consensus(attributions=1, denials=0, types={"media": {"site:x"}}) == "media-only"
    assert consensus(attributions=1, denials=0, types={"anonymous": {"officials"}}) == "reported"


def test_ledger_seed_volt_typhoon_is_contested_with_the_accused_states_voice(seed_records):  # noqa: F811
    entry = _entry(build_ledger(read_records(seed_records)), "Volt Typhoon", "CN")
    assert entry.consensus == "contested"
    assert "accused state" in {d.claimant_type for d in entry.denials_listed}
