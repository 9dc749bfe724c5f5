import pytest

from models import LINK_KINDS


def claims_of(nlp, text, kind=None):
    """The document's claims of ``kind`` ("attribution": sponsorship or responsibility)."""
    doc = nlp(text)
    kinds = LINK_KINDS if kind == "attribution" else {kind}
    return doc, [c for c in doc._.tn_claims if kind is None or c.kind in kinds]


def test_claims_state_sponsored_appositive_is_asserted_attribution(nlp):
    doc, claims = claims_of(
        nlp, "Salt Typhoon, the Chinese state-sponsored hacker group, breached eight carriers.", "attribution"
    )
    (c,) = claims
    assert (c.stance, c.attributed_country, c.claimant_name) == ("asserted", "CN", None)
    assert doc.text[c.actor[0] : c.actor[1]] == "Salt Typhoon"
    assert doc.text[c.cue[0] : c.cue[1]] == "state-sponsored"


@pytest.mark.parametrize(
    "text,country",
    [
        ("Investigators said APT28 is linked to Russia's GRU.", "RU"),
        ("The hacking group Volt Typhoon operates on behalf of Beijing, the advisory on the cyberattacks says.", "CN"),
        ("Officials believe Pyongyang is behind the cyberattacks on the exchange.", "KP"),
    ],
)
def test_claims_predicates_attribute_to_the_state_named(nlp, text, country):
    _, claims = claims_of(nlp, text, "attribution")
    assert [c.attributed_country for c in claims] == [country]


def test_claims_hedge_in_the_claim_makes_it_hedged(nlp):
    _, claims = claims_of(nlp, "APT28 is likely linked to Russia's military intelligence.", "attribution")
    assert claims and {c.stance for c in claims} == {"hedged"}


def test_claims_speech_of_the_claimant_is_asserted_by_it(nlp):
    _, claims = claims_of(
        nlp, "Microsoft said that the hacking group Volt Typhoon is linked to Beijing.", "attribution"
    )
    (c,) = claims
    assert (c.stance, c.claimant_name) == ("asserted", "Microsoft")


@pytest.mark.parametrize(
    "text,claimant",
    [
        ("U.S. officials said Wang Lei acknowledged the cyberattacks on American utilities.", "Wang Lei"),
        (
            "The Chinese delegation apparently acknowledged the hacks on the utilities, the sources said.",
            "Chinese delegation",
        ),
    ],
)
def test_claims_second_hand_claims_are_reported_with_the_original_claimant(nlp, text, claimant):
    _, claims = claims_of(nlp, text, "attribution")
    assert claims and claims[0].stance == "reported"
    assert claimant in claims[0].claimant_name


def test_claims_passive_agent_of_an_accusation_is_the_claimant(nlp):
    text = "The hacking group Mint Sandstorm has been linked to the IRGC by U.S. officials and private researchers."
    _, claims = claims_of(nlp, text, "attribution")
    assert [(c.attributed_country, c.claimant_name) for c in claims] == [
        ("IR", "U.S. officials and private researchers")
    ]


def test_claims_accusation_names_the_accuser_and_the_accused(nlp):
    text = "Germany formally accused Russia's military intelligence service of the cyberattacks on its ministries."
    _, claims = claims_of(nlp, text, "attribution")
    assert [(c.attributed_country, c.claimant_name, c.stance) for c in claims] == [("RU", "Germany", "asserted")]


def test_claims_demonym_on_a_group_noun_is_attribution(nlp):
    _, claims = claims_of(
        nlp, "Russian military hackers broke into the control systems of three utilities.", "attribution"
    )
    assert [c.attributed_country for c in claims] == ["RU"]


def test_claims_denial_about_no_responsibility_is_not_a_denial(nlp):
    _, claims = claims_of(
        nlp, "Whitfield said the agencies had found no evidence that the intruders changed pump settings.", "denial"
    )
    assert claims == []


def test_claims_denial_has_the_denier_as_claimant_and_needs_no_actor(nlp):
    text = (
        "U.S. officials said Chinese state-sponsored hackers breached the networks of two utilities. "
        "The Chinese embassy dismissed the accusations as baseless."
    )
    _, claims = claims_of(nlp, text, "denial")
    assert claims and claims[0].stance == "denied" and claims[0].attributed_country == "CN"
    assert claims[0].claimant_name and "embassy" in claims[0].claimant_name


def test_claims_denial_needs_an_accusation_of_that_state(nlp):
    _, claims = claims_of(nlp, "The Chinese embassy dismissed the report on tariffs as baseless.", "denial")
    assert claims == []


@pytest.mark.parametrize(
    "text",
    [
        "The outage was linked to a faulty update, Chinese engineers said.",
        "Officials did not state that Beijing was responsible for the hacks.",
        "Chinese-language phishing lures were sent to staff.",
        "The conference in Moscow discussed cyberattacks on banks.",
    ],
)
def test_claims_lookalikes_are_not_attribution(nlp, text):
    _, claims = claims_of(nlp, text, "attribution")
    assert claims == []


def test_claims_victim_state_is_not_the_sponsor(nlp):
    _, claims = claims_of(
        nlp, "Fancy Bear carried out cyberattacks on the United States, officials said.", "attribution"
    )
    assert all(c.attributed_country != "US" for c in claims)


def test_claims_targeting_names_the_target(nlp):
    doc, claims = claims_of(
        nlp, "The hacking group Volt Typhoon has hit critical infrastructure in Guam with cyberattacks.", "targeting"
    )
    (c,) = claims
    assert (c.target_name, c.attributed_country) == ("critical infrastructure in Guam", None)  # targeting: no party
    assert (c.inferred_country, c.inferred_source) == ("CN", "curated")  # the gazetteer's view, kept apart
    assert doc.text[c.actor[0] : c.actor[1]] == "Volt Typhoon"


def test_claims_party_is_only_what_the_text_names(nlp):
    """ "Carried out by" a named actor with no state in the sentence: responsibility with no party; the
    gazetteer's country is the inferred sponsor, never the attributed party."""
    text = "The cyberattack on the water utility was carried out by the hacking group Sandworm, officials said."
    doc, claims = claims_of(nlp, text, None)
    (c,) = [c for c in claims if c.kind == "responsibility"]
    assert c.attributed_country is None and c.attributed is None
    assert c.inferred_country == "RU"


def test_claims_party_carries_its_mention(nlp):
    doc, claims = claims_of(nlp, "APT28 is a unit of Russia's GRU, the agency said.", "attribution")
    (c,) = claims
    assert c.kind == "sponsorship" and c.attributed_country == "RU"
    assert doc.text[c.attributed[0] : c.attributed[1]] in {"Russia's GRU", "GRU", "Russia"}


def test_claims_unnamed_hackers_are_responsibility_with_the_state_from_the_text(nlp):
    doc, claims = claims_of(nlp, "Russian military hackers broke into the control systems of three utilities.", None)
    (c,) = [c for c in claims if c.kind in LINK_KINDS]
    assert (c.kind, c.actor_id, c.attributed_country) == ("responsibility", None, "RU")
    assert doc.text[c.attributed[0] : c.attributed[1]] == "Russian"


def test_claims_a_condition_is_no_claim(nlp):
    text = "The leak could be retaliation if the hackers are indeed tied to Russia, analysts said."
    assert claims_of(nlp, text, "attribution")[1] == []


def test_claims_one_actor_tied_to_another_is_an_association(nlp):
    _, claims = claims_of(nlp, "Researchers said APT33 overlaps with APT35 in its tools.", "association")
    (c,) = claims
    assert c.attributed_name == "APT35" and c.attributed_country is None


def test_claims_link_to_an_operation_is_responsibility_with_no_party(nlp):
    _, claims = claims_of(nlp, "APT28 has been linked to last summer's attacks on the election.", "attribution")
    (c,) = claims
    assert (c.kind, c.actor_id, c.attributed) == ("responsibility", "apt28", None)


def test_claims_victim_state_leaves_the_actor_responsible_with_no_party(nlp):
    _, claims = claims_of(nlp, "APT28 was behind the cyberattacks on the United States.", "attribution")
    (c,) = claims
    assert (c.kind, c.actor_id, c.attributed_country) == ("responsibility", "apt28", None)


def test_claims_named_actor_conducting_an_operation_is_responsible(nlp):
    text = "Researchers said APT10 conducted the espionage campaign against managed service providers."
    (c,) = claims_of(nlp, text, "attribution")[1]
    assert (c.kind, c.actor_id, c.attributed, c.claimant_name) == (
        "responsibility",
        "purple-typhoon",
        None,
        "Researchers",
    )
    text = "Researchers said APT10 conducts its operations from offices in several cities."
    assert claims_of(nlp, text, "attribution")[1] == []  # its own activity, no one operation


def test_claims_actor_owning_a_role_is_responsible(nlp):
    _, claims = claims_of(nlp, "APT28 is notorious for its suspected role in hacking the committee.", "attribution")
    (c,) = claims
    assert (c.kind, c.actor_id, c.attributed, c.stance) == ("responsibility", "apt28", None, "hedged")


def test_claims_label_in_the_accused_appositive_is_not_the_accusation_party(nlp):
    text = "The report named APT28, a suspected Russian hacking group, as being linked to numerous cyberattacks."
    _, claims = claims_of(nlp, text, "attribution")
    assert {(c.kind, c.attributed_country) for c in claims} == {("sponsorship", "RU"), ("responsibility", None)}
    (label,) = [c for c in claims if c.kind == "sponsorship"]
    assert (label.claimant_name, label.stance) == (None, "hedged")


def test_claims_state_in_a_clause_of_its_own_is_not_the_cue_party(nlp):
    text = (
        "Researchers found code used by APT38, which was behind the hack of the studio that was blamed on North Korea."
    )
    behind = [c for c in claims_of(nlp, text, "attribution")[1] if c.cue_type == "predicate"]
    assert [(c.actor_id, c.attributed_country) for c in behind] == [("apt38", None)]


def test_claims_actor_inside_a_clause_after_the_cue_is_not_tied(nlp):
    assert claims_of(nlp, "Disney continues to work with the FBI in tracking down APT28.", "attribution")[1] == []


def test_claims_may_hedges_a_link(nlp):
    _, claims = claims_of(nlp, "Investigators concluded that APT10 may be based in China.", "attribution")
    (c,) = claims
    assert (c.attributed_country, c.stance, c.claimant_name) == ("CN", "hedged", "Investigators")


def test_claims_predicate_on_what_the_actor_is_ties_the_actor(nlp):
    _, claims = claims_of(nlp, "Analysts believe APT28 are spies working for the Russian government.", "attribution")
    (c,) = claims
    assert (c.actor_id, c.attributed_country) == ("apt28", "RU")


def test_claims_group_known_as_a_name_is_that_actor_and_a_label_in_indirect_speech(nlp):
    text = "Trend Micro said a Russian hacking group known as APT28 was using the method."
    (c,) = claims_of(nlp, text, "attribution")[1]
    assert (c.kind, c.actor_id, c.attributed_country, c.claimant_name) == ("sponsorship", "apt28", "RU", None)


def test_claims_operations_in_support_of_a_state_tie_the_actor(nlp):
    text = "Mandiant believes APT28 conducts its operations in support of Russian strategic interests."
    (c,) = claims_of(nlp, text, "attribution")[1]
    assert (c.kind, c.actor_id, c.attributed_country) == ("sponsorship", "apt28", "RU")
