"""Tests of the ``tn_actors`` component: actors, agencies, vendors and media recognised on the Doc."""

from __future__ import annotations

import json

import pytest

from pipeline.nlp.annotations import ACTOR_SPANS, AGENCY_SPANS, ORG_SPANS
from tests.conftest import REPO  # noqa: E402

NOCYBER = REPO / "corpus" / "nocyber"
SHARED = REPO.parent / "shared"
SEED_GOLD = SHARED / "seeds" / "blaze-volt-typhoon.gold.json"


def _actors(doc) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for span in doc.spans[ACTOR_SPANS]:
        out.setdefault(span.kb_id_, []).append(span.text)
    return out


def test_components_actors_seed_counts_and_countries(nlp, seed_text):
    doc = nlp(seed_text)
    actors = _actors(doc)
    assert len(actors["volt-typhoon"]) == 7
    assert len(actors["salt-typhoon"]) == 1
    assert doc._.tn_actors["volt-typhoon"].country == "CN"
    assert doc._.tn_actors["salt-typhoon"].country == "CN"
    assert set(actors) == {"volt-typhoon", "salt-typhoon"}


def test_components_actors_seed_agencies_with_country(nlp, seed_text):
    if not SEED_GOLD.exists():
        pytest.skip("../shared/seeds is absent")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    doc = nlp(seed_text)
    mentions = [(s.text.casefold(), doc._.tn_agencies[s.kb_id_].country) for s in doc.spans[AGENCY_SPANS]]
    found = 0
    for agency in gold["agencies"]:
        name = agency["name"].casefold()
        found += any((name in text or text in name) and country == agency["country"] for text, country in mentions)
    assert found >= 6


def test_components_actors_seed_organizations_are_never_actors(nlp, seed_text):
    doc = nlp(seed_text)
    actor_text = " ".join(s.text for s in doc.spans[ACTOR_SPANS])
    for name in ("Microsoft", "SentinelOne", "Wall Street Journal", "New York Times", "Blaze News", "Getty Images"):
        assert name not in actor_text
    org_text = {s.text for s in doc.spans[ORG_SPANS]}
    assert {"Microsoft", "SentinelOne", "Wall Street Journal", "Getty Images"} <= org_text


def test_components_actors_aliases_are_one_actor(nlp):
    doc = nlp(
        "CrowdStrike tracks the hacker group as Vanguard Panda. Microsoft said Volt Typhoon "
        "compromised routers, and Secureworks calls the cyber espionage actor BRONZE SILHOUETTE."
    )
    assert _actors(doc) == {"volt-typhoon": ["Vanguard Panda", "Volt Typhoon", "BRONZE SILHOUETTE"]}
    assert len(doc._.tn_actors) == 1


@pytest.mark.parametrize(
    "text",
    ["Researchers say [Volt Typhoon's] tools are built in.", "Researchers say Volt Typhoon’s hackers hid malware."],
)
def test_components_actors_possessives_and_brackets(nlp, text):
    doc = nlp(text + " The cyber threat is real and the malware persists.")
    assert [s.text for s in doc.spans[ACTOR_SPANS]] == ["Volt Typhoon"]


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Linen Sandstorm", "IR"),
        ("Walnut Typhoon", "CN"),
        ("Quartz Sleet", "KP"),
        ("Glass Blizzard", "RU"),
        ("Lucid Kitten", "IR"),
        ("Fumbling Chollima", "KP"),
        ("Pensive Ursa", "RU"),
        ("GOLD WATERLOO", None),
        ("Earth Quokkafin", None),
    ],
)
def test_components_actors_naming_conventions(nlp, name, country):
    doc = nlp(f"Investigators said the hacker group {name} used phishing and malware to breach the network.")
    (info,) = doc._.tn_actors.values()
    assert info.source == "naming-convention"
    assert info.country == country
    assert [s.text for s in doc.spans[ACTOR_SPANS]] == [name]


@pytest.mark.parametrize("code", ["Storm-2035", "UNC9876", "TA4557", "UAC-0999", "FIN99"])
def test_components_actors_naming_convention_codes(nlp, code):
    doc = nlp(f"The report attributes the intrusion to {code}.")
    assert [s.text for s in doc.spans[ACTOR_SPANS]] == [code]
    assert doc._.tn_actors[doc.spans[ACTOR_SPANS][0].kb_id_].source in ("naming-convention", "gazetteer")


def test_components_actors_ambiguous_words_need_cyber_context(nlp):
    cyber = nlp(
        "Microsoft said the hacker group LEAD exploited a vulnerability. LEAD also ran phishing "
        "campaigns against game studios, and the cyber espionage continued."
    )
    assert len(cyber.spans[ACTOR_SPANS]) == 2
    plain = nlp("Lead investigators said the group would publish the Equation next week.")
    assert len(plain.spans[ACTOR_SPANS]) == 0


def test_components_actors_sentence_start_word_is_not_an_all_caps_alias(nlp):
    doc = nlp("Lead researchers said hackers exploited a vulnerability. The malware spread to servers.")
    assert len(doc.spans[ACTOR_SPANS]) == 0


def test_components_actors_vendor_wins_over_actor_inside_it(nlp):
    doc = nlp("Black Lotus Labs said the hackers built a botnet of routers; the malware is new.")
    assert len(doc.spans[ACTOR_SPANS]) == 0
    assert [s.text for s in doc.spans[ORG_SPANS]] == ["Black Lotus Labs"]


@pytest.mark.parametrize(
    ("text", "agency", "country"),
    [
        ("China's ministry of foreign affairs denied it.", "China's ministry of foreign affairs", "CN"),
        ("The Chinese embassy in Washington said so.", "Chinese embassy in Washington", "CN"),
        ("It was the State Department's envoy.", "State Department", "US"),
        ("The U.S. National Security Agency warned.", "U.S. National Security Agency", "US"),
        ("Russia's foreign ministry called it slander.", "Russia's foreign ministry", "RU"),
        ("Officers of GRU Unit 74455 were charged.", "GRU Unit 74455", "RU"),
        ("Iran's Islamic Revolutionary Guard Corps ran it.", "Iran's Islamic Revolutionary Guard Corps", "IR"),
    ],
)
def test_components_actors_agencies_resolve_with_country(nlp, text, agency, country):
    doc = nlp(text)
    spans = doc.spans[AGENCY_SPANS]
    assert [s.text for s in spans] == [agency]
    assert doc._.tn_agencies[spans[0].kb_id_].country == country


def test_components_actors_entity_labels_are_overridden(nlp):
    doc = nlp("Microsoft said Volt Typhoon hackers breached a utility, the FBI said. Cyber malware.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Volt Typhoon"] == "THREAT_ACTOR"
    assert labels["Microsoft"] == "SECURITY_VENDOR"
    assert labels["FBI"] == "AGENCY"


def test_components_actors_lowercase_phrases_are_not_names(nlp):
    doc = nlp("The lotus blossom opened as hackers deployed malware in a cyber attack.")
    assert len(doc.spans[ACTOR_SPANS]) == 0


def test_components_actors_nocyber_corpus_has_no_actor(nlp):
    paths = sorted(NOCYBER.glob("*.txt"))
    assert len(paths) >= 8
    found = {}
    for path, doc in zip(paths, nlp.pipe(p.read_text(encoding="utf-8") for p in paths), strict=True):
        if doc.spans[ACTOR_SPANS]:
            found[path.name] = [s.text for s in doc.spans[ACTOR_SPANS]]
    assert found == {}
