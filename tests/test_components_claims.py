import pytest


def claims_of(nlp, text, kind=None):
    doc = nlp(text)
    return doc, [c for c in doc._.tn_claims if kind is None or c.kind == kind]


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


def test_claims_reported_speech_gives_claimant_and_reported_stance(nlp):
    _, claims = claims_of(nlp, "Microsoft said that the hacking group Volt Typhoon is linked to Beijing.", "attribution")
    (c,) = claims
    assert (c.stance, c.claimant_name) == ("reported", "Microsoft")


def test_claims_denial_has_the_denier_as_claimant_and_needs_no_actor(nlp):
    _, claims = claims_of(nlp, "The Chinese embassy dismissed the accusations as baseless.", "denial")
    assert claims and claims[0].stance == "denied" and claims[0].attributed_country == "CN"
    assert claims[0].claimant_name and "embassy" in claims[0].claimant_name


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
    doc, claims = claims_of(nlp, "The hacking group Volt Typhoon has hit critical infrastructure in Guam with cyberattacks.", "targeting")
    (c,) = claims
    assert c.attributed_name == "critical infrastructure in Guam"
    assert doc.text[c.actor[0] : c.actor[1]] == "Volt Typhoon"
