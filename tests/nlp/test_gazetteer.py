"""Tests of pipeline.nlp.gazetteer.store: merging galaxy entries into canonical actors, tiers, data tables, cache."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.data import read_json, read_lines, read_rows
from pipeline.nlp.gazetteer import TIER_CODE, TIER_GUARDED, TIER_PHRASE, TIER_SUBJECT, TIER_WORD, fold, load_gazetteer
from pipeline.nlp.gazetteer.merge import Entry, merge_actors, to_iso
from pipeline.nlp.gazetteer.model import classify
from pipeline.nlp.gazetteer.store import DATA_FILES, load_conventions, load_countries


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _actor_of(gazetteer, name):
    return gazetteer.actors[gazetteer.actor_names()[name]]


def test_gazetteer_merges_vendor_names_into_one_actor(gazetteer):
    volt = _actor_of(gazetteer, "Volt Typhoon")
    assert volt.id == "volt-typhoon" and volt.country == "CN"
    for alias in ("Vanguard Panda", "BRONZE SILHOUETTE", "Insidious Taurus", "UNC3236"):
        assert gazetteer.actor_names()[alias] == "volt-typhoon"


def test_gazetteer_salt_typhoon_is_its_own_actor(gazetteer):
    salt = _actor_of(gazetteer, "Salt Typhoon")
    assert salt.id == "salt-typhoon" and salt.country == "CN"
    assert gazetteer.actor_names()["GhostEmperor"] == "salt-typhoon"
    assert salt.id != _actor_of(gazetteer, "Volt Typhoon").id


def test_gazetteer_keeps_distinct_misp_actors_apart(gazetteer):
    assert _actor_of(gazetteer, "APT28").id != _actor_of(gazetteer, "APT29").id


def test_gazetteer_every_name_points_to_one_actor(gazetteer):
    seen: dict[str, str] = {}
    for n in gazetteer.names:
        assert seen.setdefault(fold(n.text), n.actor_id) == n.actor_id


def test_gazetteer_countries_are_iso_alpha2(gazetteer):
    assert all(a.country is None or re.fullmatch(r"[A-Z]{2}", a.country) for a in gazetteer.actors.values())
    assert sum(1 for a in gazetteer.actors.values() if a.country) > 300


def test_gazetteer_prefers_microsoft_names():
    conventions = load_conventions()
    entries = [
        Entry("misp", 0, "APT99", ["APT99", "Example Panda"], "China"),
        Entry("ms", 1, "Pebble Typhoon", ["Pebble Typhoon", "APT99"], None),
    ]
    (actor,) = merge_actors(entries, conventions)
    assert actor.name == "Pebble Typhoon" and actor.id == "pebble-typhoon"
    assert set(actor.aliases) == {"APT99", "Example Panda"}


def test_gazetteer_merge_never_joins_two_entries_of_one_cluster():
    conventions = load_conventions()
    entries = [
        Entry("misp", 0, "Alpha", ["Alpha", "Shared"], "RU"),
        Entry("misp", 0, "Beta", ["Beta", "Shared"], "RU"),
    ]
    actors = merge_actors(entries, conventions)
    assert len(actors) == 2
    owners = [a for a in actors if "Shared" in (a.name, *a.aliases)]
    assert len(owners) == 1  # the tie-break gives the shared name to one of them


def test_gazetteer_merge_is_deterministic():
    conventions = load_conventions()
    entries = [
        Entry("a", 0, "One", ["One", "X1"], None),
        Entry("b", 1, "Two", ["Two", "X1"], "IR"),
        Entry("b", 1, "Three", ["Three", "X1"], None),
    ]
    first = merge_actors(list(entries), conventions)
    second = merge_actors(list(reversed(entries)), conventions)
    assert first == second


def test_gazetteer_country_from_naming_convention():
    (actor,) = merge_actors([Entry("ms", 1, "Pebble Sandstorm", ["Pebble Sandstorm"], None)], load_conventions())
    assert actor.country == "IR"


@pytest.mark.parametrize(
    ("name", "tier"),
    [
        ("APT28", TIER_CODE),
        ("GhostEmperor", TIER_CODE),
        ("Storm-0558", TIER_CODE),
        ("Volt Typhoon", TIER_PHRASE),
        ("Lotus Blossom", TIER_PHRASE),
        ("LEAD", TIER_WORD),
        ("Sandworm", TIER_WORD),
    ],
)
def test_gazetteer_classify_tiers(name, tier):
    assert classify(name, load_conventions()) == tier


def test_gazetteer_stoplisted_aliases_are_only_matched_guarded(gazetteer):
    """Stoplisted names are looked for only under guard (the article must confirm the actor otherwise)."""
    tiers = {fold(n.text): n.tier for n in gazetteer.names}
    for alias in read_lines("actor_alias_stoplist.txt"):
        assert tiers.get(fold(alias)) in (None, TIER_GUARDED, TIER_SUBJECT), alias
    assert tiers["tsb"] == TIER_GUARDED and tiers["anonymous"] == TIER_SUBJECT


def test_gazetteer_never_names_are_not_matched(gazetteer):
    matched = {fold(n.text) for n in gazetteer.names}
    assert not {fold(n) for n in read_lines("actor_never_names.txt")} & matched


def test_gazetteer_variants_of_several_word_names(gazetteer):
    tiers = {n.text: (n.actor_id, n.tier) for n in gazetteer.names}
    assert tiers["TheShadowBrokers"] == ("the-shadow-brokers", TIER_PHRASE)
    assert tiers["Fancy Bears"] == ("apt28", TIER_PHRASE)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("CN", "CN"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Korea (Democratic People's Republic of)", "KP"),
        ("Russian Federation", "RU"),
        ("Unknown", None),
        (None, None),
    ],
)
def test_gazetteer_to_iso(value, iso):
    assert to_iso(value, load_countries()) == iso


def test_gazetteer_seed_agencies_are_listed(gazetteer):
    ids = set(gazetteer.organizations)
    assert {"us-nsa", "us-cisa", "us-fbi", "us-doj", "us-state", "us-treasury", "us-cybercom", "us-odni"} <= ids
    assert {"gb-ncsc", "gb-gchq", "eu-enisa", "cn-mss", "cn-mfa", "cn-mps", "ru-gru-26165", "ru-gru-74455"} <= ids
    assert {"ru-fsb", "ru-svr", "ir-irgc", "ir-mois", "kp-rgb"} <= ids
    assert gazetteer.organizations["microsoft"].kind == "vendor"
    assert gazetteer.organizations["getty"].kind == "media"


@pytest.mark.parametrize("name", [n for n in DATA_FILES if n.endswith(".json")])
def test_gazetteer_json_tables_have_about(name):
    assert read_json(name)["about"]


@pytest.mark.parametrize("name", [n for n in DATA_FILES if not n.endswith(".json")])
def test_gazetteer_text_tables_have_header(name):
    from pipeline.data import DATA

    assert DATA.joinpath(name).read_text(encoding="utf-8").startswith("#")
    assert read_rows(name) if name.endswith(".tsv") else read_lines(name)


def test_gazetteer_organization_tables_are_well_formed():
    ids = set()
    for name in ("agencies.json", "vendors.json", "media.json"):
        for org in read_json(name)["organizations"]:
            assert org["id"] not in ids
            ids.add(org["id"])
            assert org["kind"] in ("agency", "vendor", "media", "international") and org["names"]
            assert org["country"] is None or re.fullmatch(r"[A-Z]{2}", org["country"])


def test_gazetteer_cache_round_trip(tmp_path):
    built = load_gazetteer(tmp_path)
    files = list(tmp_path.glob("gazetteer-*.json"))
    assert len(files) == 1
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert "pymispgalaxies" in data["versions"]
    from pipeline.nlp.gazetteer.store import _from_json

    assert _from_json(data).actors == built.actors
    assert _from_json(data).names == built.names


def test_gazetteer_damaged_cache_is_rebuilt(tmp_path):
    from pipeline.nlp.gazetteer.store import _load_cached, cache_key

    path = tmp_path / f"gazetteer-{cache_key()}.json"
    path.write_text("{broken", encoding="utf-8")
    _load_cached.cache_clear()
    assert "volt-typhoon" in load_gazetteer(tmp_path).actors
    rewritten = json.loads(path.read_text(encoding="utf-8"))  # the damaged file was replaced by a good one
    assert any(a["id"] == "volt-typhoon" for a in rewritten["actors"])


def test_gazetteer_cache_dir_comes_from_settings(monkeypatch, tmp_path):
    from pipeline.settings import Settings

    monkeypatch.setenv("THREATNEWS_CACHE_DIR", str(tmp_path))
    assert Settings().cache_dir == tmp_path
    monkeypatch.delenv("THREATNEWS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert Settings().cache_dir == tmp_path / "xdg" / "threatnews"
