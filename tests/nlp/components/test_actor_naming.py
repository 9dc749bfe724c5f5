"""Tests of the issue-15 rules in ``tn_actors``: self-named groups, name variants, guarded names, look-alikes,
agency roles and agencies acting as attackers. Every sentence is invented."""

from __future__ import annotations

import pytest

from pipeline.documents import CleanArticle, Provenance
from pipeline.nlp.annotations import ACTOR_SPANS, AGENCY_SPANS, ORG_SPANS
from pipeline.nlp.components.actors import ACTOR_KINDS, AGENCY_ROLES
from pipeline.nlp.records import build_record
from tests.conftest import REPO

NOCYBER = REPO / "corpus" / "nocyber"


def _actors(doc) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for span in doc.spans[ACTOR_SPANS]:
        out.setdefault(span.kb_id_, []).append(span.text)
    return out


def _record(nlp, text: str):
    return build_record(CleanArticle(Provenance(path="t.txt"), text), nlp(text), "m")


# -- groups the text names -------------------------------------------------------------------------
def test_actor_naming_group_calling_itself_and_its_later_mentions(nlp):
    doc = nlp(
        "A hacking group calling itself the Crimson Lattice Collective claimed the cyberattack on the bank. "
        "Crimson Lattice Collective later leaked the stolen data, and Crimson Lattice Collective's demands grew."
    )
    assert _actors(doc) == {"crimson-lattice-collective": ["Crimson Lattice Collective"] * 3}
    assert doc._.tn_actors["crimson-lattice-collective"].source == "text-pattern"


def test_actor_naming_group_noun_before_and_after_the_name(nlp):
    doc = nlp(
        "The hacktivist group Orchid Resistance claimed the cyberattack on the ministry. "
        "Separately, the Granite Moth hacking collective breached a retailer's servers."
    )
    actors = _actors(doc)
    assert actors == {"orchid-resistance": ["Orchid Resistance"], "granite-moth": ["Granite Moth"]}
    assert doc.user_data[ACTOR_KINDS]["orchid-resistance"] == "hacktivist"


def test_actor_naming_apposition_and_lists(nlp):
    doc = nlp(
        "Velvet Saffron, a loosely organised hacking group, breached the servers with phishing emails. "
        "Hacking groups such as Amber Quill and Tin Heron exploited the same vulnerability."
    )
    assert set(_actors(doc)) == {"velvet-saffron", "amber-quill", "tin-heron"}


def test_actor_naming_bracketed_abbreviation_counts_for_the_rest(nlp):
    doc = nlp(
        "The hacker group known as The Night Parliament (TNP) leaked the episodes after the breach. "
        "TNP demanded a ransom from the studio."
    )
    assert _actors(doc) == {"night-parliament": ["The Night Parliament", "TNP", "TNP"]}


@pytest.mark.parametrize(
    "text",
    [
        "A hacker known as Quilltide breached the servers and leaked the data in a cyberattack.",  # one person
        "The hackers used malware dubbed BlueHarrow to breach the servers in a cyberattack.",  # a tool
        "The Chinese hacking group breached the servers in a cyberattack.",  # a demonym, no name
        "Analysts said the attacks came from cyber-espionage groups (APTs) that exploited the flaw.",
    ],
)
def test_actor_naming_people_tools_and_descriptions_stay_out(nlp, text):
    assert _actors(nlp(text)) == {}


# -- listed names: variants, guarded names, look-alikes ---------------------------------------------
def test_actor_naming_joined_and_plural_variants(nlp):
    doc = nlp(
        "The hackers TheShadowBrokers leaked exploits written by EQUATIONGROUP. "
        "Security firms say the Fancy Bears hacked the servers in the cyberattack."
    )
    assert set(_actors(doc)) == {"the-shadow-brokers", "equation-group", "apt28"}


def test_actor_naming_stoplisted_alias_counts_once_the_actor_is_confirmed(nlp):
    confirmed = nlp("The Shadow Brokers leaked hacking tools after the breach. TSB said the exploits were stolen.")
    assert _actors(confirmed) == {"the-shadow-brokers": ["The Shadow Brokers", "TSB"]}
    bank = nlp("TSB said hackers breached its systems and stole customer credentials in a phishing attack.")
    assert _actors(bank) == {}  # a bank named like an alias


def test_actor_naming_subject_of_an_action_verb(nlp):
    assert _actors(nlp("Anonymous leaked the data of the firm.")) == {"anonymous": ["Anonymous"]}
    assert _actors(nlp("Anonymous sources said hackers breached the servers in a cyberattack.")) == {}


def test_actor_naming_tools_vendors_operations_and_places_stay_out(nlp):
    turla = nlp("Turla hackers deployed the Snake implant against the ministry's servers in a cyberattack.")
    assert [s.text for s in turla.spans[ACTOR_SPANS]] == ["Turla"]
    vendor = nlp("Hackers breached Hacking Team and leaked its spyware in a cyberattack.")
    assert _actors(vendor) == {}
    assert [s.text for s in vendor.spans[ORG_SPANS]] == ["Hacking Team"]
    report = nlp("Grizzly Steppe is the name the US government gave to the hacking of election servers.")
    assert _actors(report) == {}
    lodge = nlp("Guests met at the Cozy Bear Lodge in Andover after hackers breached the servers.")
    assert _actors(lodge) == {}


def test_actor_naming_generic_head_in_lower_case(nlp):
    doc = nlp("Researchers said the Callisto group sent phishing emails to hack the ministry's staff.")
    assert _actors(doc) == {"star-blizzard": ["Callisto group"]}


# -- agencies and their roles ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "agency", "role"),
    [
        ("NSA operators infiltrated the bank's network in the cyberattack.", "us-nsa", "attacker"),
        ("The FBI warned hospitals about the ransomware in the cyberattack.", "us-fbi", "investigator"),
        ("The Foreign Office was targeted by hackers in the cyberattack.", "gb-fcdo", "victim"),
        ("Hacking tools developed by the NSA were leaked after the breach.", "us-nsa", "tool_owner"),
        ("Researchers say the hackers are spies working for the GRU in the cyberattack.", "ru-gru", "sponsor"),
        ("The Kremlin denied the accusations of hacking.", "ru-kremlin", "claimant"),
    ],
)
def test_actor_naming_agency_roles(nlp, text, agency, role):
    doc = nlp(text)
    assert agency in {s.kb_id_ for s in doc.spans[AGENCY_SPANS]}
    assert doc.user_data[AGENCY_ROLES][agency][0] == role


def test_actor_naming_agency_acting_as_attacker_is_a_state_organ_actor(nlp):
    record = _record(nlp, "NSA operators infiltrated the bank's network. The NSA penetrated its servers too.")
    nsa = next(o for o in record.organizations if o.id == "us-nsa")
    assert nsa.roles[0] == "attacker"
    actor = next(a for a in record.actors if a.id == "us-nsa")
    assert (actor.kind, actor.agency_id, actor.country, len(actor.mentions)) == ("state_organ", "us-nsa", "US", 2)


def test_actor_naming_agency_named_with_its_actor_is_no_state_organ(nlp):
    record = _record(nlp, "The intrusion was carried out by Russia's GRU unit 26165, known as APT28, in a cyberattack.")
    assert [a.id for a in record.actors] == ["apt28"]
    unit = next(o for o in record.organizations if o.id == "ru-gru-26165")
    assert unit.roles == ["sponsor"]


def test_actor_naming_nocyber_records_have_no_actor(nlp):
    paths = sorted(NOCYBER.glob("*.txt"))
    assert len(paths) >= 8
    found = {p.name: [a.name for a in rec.actors] for p in paths if (rec := _record(nlp, p.read_text())).actors}
    assert found == {}
