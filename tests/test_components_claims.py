def claims_of(nlp, text):
    doc = nlp(text)
    return doc, doc._.tn_claims


def test_claims_state_sponsored_appositive_is_asserted_attribution(nlp):
    doc, claims = claims_of(nlp, "Salt Typhoon, the Chinese state-sponsored hacker group, breached eight carriers.")
    (c,) = claims
    assert (c.kind, c.stance, c.attributed_country) == ("attribution", "asserted", "CN")
    assert doc.text[c.actor[0] : c.actor[1]] == "Salt Typhoon"


def test_claims_hedge_makes_the_stance_hedged(nlp):
    _, claims = claims_of(nlp, "APT28 is likely linked to Russia's military intelligence.")
    assert [c.stance for c in claims] == ["hedged"]


def test_claims_denial_is_denied(nlp):
    _, claims = claims_of(nlp, "Beijing denied that it was behind the cyberattacks on the utilities.")
    assert claims and claims[0].kind == "denial" and claims[0].stance == "denied"


def test_claims_sentence_without_actor_or_operation_is_no_claim(nlp):
    _, claims = claims_of(nlp, "The outage was linked to a faulty update, Chinese engineers said.")
    assert claims == []
