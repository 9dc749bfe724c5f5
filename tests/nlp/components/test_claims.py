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


def _claim_rows(doc, claims):
    return [(c.kind, c.actor_id, c.attributed_country, c.claimant_name, c.stance) for c in claims]


@pytest.mark.parametrize(
    "text,rows",
    [
        (  # the passive agent of an operation verb: the operation attributed to the actor, no party
            "The stolen files were leaked by APT28 last spring.",
            [("responsibility", "apt28", None, None, "asserted")],
        ),
        (  # a verb of making material public counts with a named actor ...
            "Microsoft has patched the exploits that were made publicly available by APT41.",
            [("responsibility", "brass-typhoon", None, None, "asserted")],
        ),
        (  # ... and a state named as the agent of an operation verb is the party
            "The documents were stolen by Russia in 2016.",
            [("responsibility", None, "RU", None, "asserted")],
        ),
        (  # a noun attributed by "by" or "of"
            "New espionage activity by APT28 was disclosed by Fidelis this week.",
            [("responsibility", "apt28", None, None, "asserted")],
        ),
        (
            "The data mirrors previous attacks of APT28, the analyst said.",
            [("responsibility", "apt28", None, None, "asserted")],
        ),
        (  # the agent named by a relative clause of naming ("hackers that it calls X")
            "Microsoft says the domains were created by hackers that it calls APT28.",
            [("responsibility", "apt28", None, "Microsoft", "asserted")],
        ),
    ],
)
def test_claims_operation_attributed_to_its_author_by_a_preposition_is_responsibility(nlp, text, rows):
    doc, claims = claims_of(nlp, text, "attribution")
    assert _claim_rows(doc, claims) == rows


@pytest.mark.parametrize(
    "text",
    [
        "APT28 leaked the stolen files last spring.",  # the active plain action names no attribution
        "APT28's activity was detected in May.",  # nor does a possessive
        "A statement released by the Kremlin called the report false.",  # releasing is an operation only for actors
    ],
)
def test_claims_active_actions_possessives_and_state_releases_attribute_nothing(nlp, text):
    assert claims_of(nlp, text, "responsibility")[1] == []


def test_claims_negation_of_a_clause_above_an_adverbial_clause_does_not_reach_it(nlp):
    text = (
        "The agency has not commented on the leak, though previous leaks by APT41 were confirmed by affected vendors."
    )
    doc, claims = claims_of(nlp, text, "attribution")
    assert _claim_rows(doc, claims) == [("responsibility", "brass-typhoon", None, None, "asserted")]


def test_claims_pronoun_subject_stands_for_the_actor_named_before_and_said_to_is_reported(nlp):
    text = "APT28 hit the agency last year. They were also said to be behind the hack of the party's computers."
    doc, claims = claims_of(nlp, text, "attribution")
    assert _claim_rows(doc, claims) == [("responsibility", "apt28", None, None, "reported")]


def test_claims_pointer_held_by_the_cue_wins_over_a_nearer_actor_it_does_not_hold(nlp):
    text = (
        "APT10 hit the suppliers in May. "
        "Investigators concluded that the group may be based in China, though it shares tools with APT28."
    )
    doc, claims = claims_of(nlp, text, "attribution")
    assert _claim_rows(doc, claims) == [("sponsorship", "purple-typhoon", "CN", "Investigators", "hedged")]


def test_claims_they_in_the_actors_own_claim_is_the_actor(nlp):
    doc, claims = claims_of(nlp, "APT41 claimed that they were responsible for the data leak.", "attribution")
    assert _claim_rows(doc, claims) == [("responsibility", "brass-typhoon", None, "APT41", "asserted")]


def test_claims_of_two_duplicates_the_main_clause_reading_is_kept_and_an_aside_hedge_stays_aside(nlp):
    text = "APT41, a group believed to be behind a dump of NSA tools, was responsible for releasing the exploits."
    doc, claims = claims_of(nlp, text, "attribution")
    assert _claim_rows(doc, claims) == [("responsibility", "brass-typhoon", None, None, "asserted")]
    assert doc.text[claims[0].cue[0] : claims[0].cue[1]] == "responsible for"


def test_claims_believer_inside_a_label_is_the_claimant_and_hedges(nlp):
    text = "The attack came from APT28, a group that many experts suspect is linked to the Russian government."
    doc, claims = claims_of(nlp, text, "attribution")
    assert _claim_rows(doc, claims) == [("sponsorship", "apt28", "RU", "many experts", "hedged")]


def test_claims_a_leaders_state_names_the_state_and_a_plural_description_is_not_one_speaker(nlp):
    text = "Mandiant and CrowdStrike published reports. The firms continue to link APT28 with Putin's state."
    doc, claims = claims_of(nlp, text, "attribution")
    assert _claim_rows(doc, claims) == [("sponsorship", "apt28", "RU", "firms", "asserted")]


def test_claims_state_misread_as_a_second_subject_leaves_the_actor_the_subject(nlp):
    text = "The report's authors state APT10 is highly likely to be based in China."
    doc, claims = claims_of(nlp, text, "attribution")
    assert _claim_rows(doc, claims) == [("sponsorship", "purple-typhoon", "CN", None, "hedged")]


def test_claims_discloser_of_an_operation_is_its_claimant_through_one_of(nlp):
    text = (
        "Fidelis was one of the organizations that this week disclosed new cyber espionage activity by APT10, "
        "a well-known threat group."
    )
    doc, claims = claims_of(nlp, text, "responsibility")
    assert _claim_rows(doc, claims) == [("responsibility", "purple-typhoon", None, "Fidelis", "asserted")]


def test_claims_state_in_a_clause_inside_the_accused_object_is_no_party(nlp):
    text = "The domains used by APT28 were once linked to an address mentioned in a US government report."
    assert [c for c in claims_of(nlp, text, "attribution")[1] if c.attributed_country == "US"] == []


def test_claims_passive_admission_admits_for_no_state(nlp):
    text = "Previous leaks by APT41 were confirmed by affected vendors and the NSA."
    doc, claims = claims_of(nlp, text, "attribution")
    assert _claim_rows(doc, claims) == [("responsibility", "brass-typhoon", None, None, "asserted")]


def test_claims_participle_set_aside_is_passive_and_names_no_accuser(nlp):
    text = "Might an obscure hacker called APT41, previously connected to health sector data extortion, have struck?"
    doc, claims = claims_of(nlp, text, "attribution")
    assert _claim_rows(doc, claims) == [("responsibility", "brass-typhoon", None, None, "asserted")]


def test_claims_a_far_pointer_in_a_clause_the_cue_does_not_hold_names_no_actor(nlp):
    filler = " ".join(f"The utility published its {n} quarterly report on time." for n in ("first", "second", "third"))
    text = (
        f"Researchers said APT41 breached the utility. {filler} Officials said that while the delegates did not "
        "state that Beijing controlled the group, they saw the remarks as confirmation of Beijing's role."
    )
    doc, claims = claims_of(nlp, text)
    role = [c for c in claims if doc.text[c.cue[0] : c.cue[1]] == "role"]
    assert role and all(c.actor_id is None for c in role)


CONTEXT = "Hackers breached the networks of several energy firms last year. "


@pytest.mark.parametrize(
    "text,rows",
    [
        (  # an actor claiming an operation for itself is the claimant of its responsibility
            "The Syrian Electronic Army claimed responsibility for the breach.",
            [("responsibility", "syrian-electronic-army", None, "Syrian Electronic Army", "asserted")],
        ),
        (
            "Anonymous took credit for the attacks on the utilities.",
            [("responsibility", "anonymous", None, "Anonymous", "asserted")],
        ),
        (
            "The attack was claimed by a group calling itself the Cyber Caliphate.",
            [("responsibility", "cyber-caliphate", None, "Cyber Caliphate", "asserted")],
        ),
        (  # the object of an accusation verb is what it ties to the accused actor
            "Kaspersky linked the attacks to the Equation Group.",
            [("responsibility", "equation-group", None, "Kaspersky", "asserted")],
        ),
        (  # an operation traced to a state; a tool's author by the passive agent of "developed"
            "The ransomware attack was traced to North Korea.",
            [("responsibility", None, "KP", None, "asserted")],
        ),
        (
            "Researchers said the malware was developed by the Lazarus Group.",
            [("responsibility", "lazarus-group", None, "Researchers", "asserted")],
        ),
    ],
)
def test_claims_self_claims_accusations_of_operations_and_traces(nlp, text, rows):
    doc, claims = claims_of(nlp, CONTEXT + text, "attribution")
    assert _claim_rows(doc, claims) == rows


def test_claims_a_denial_of_the_main_clause_does_not_deny_a_relative_clause_under_it(nlp):
    text = CONTEXT + "Fancy Bear, which is tied to the Russian government, denied the hack."
    doc, claims = claims_of(nlp, text, "attribution")
    assert _claim_rows(doc, claims) == [("sponsorship", "apt28", "RU", None, "asserted")]


def test_claims_each_coordinated_state_is_a_party(nlp):
    text = CONTEXT + "The Justice Department has indicted hackers linked to the Chinese and Iranian governments."
    _, claims = claims_of(nlp, text, "attribution")
    assert sorted(c.attributed_country for c in claims) == ["CN", "IR"]


def test_claims_demonym_on_attackers_and_operatives_ties_them_to_the_state(nlp):
    text = CONTEXT + "Russian cyberoperatives hacked into British telecoms companies in 2017."
    _, claims = claims_of(nlp, text, "attribution")
    assert [(c.kind, c.actor_id, c.attributed_country) for c in claims] == [("responsibility", None, "RU")]


@pytest.mark.parametrize(
    "text,rows",
    [
        (  # the doers of an unnamed operation named by an accusation verb
            "Microsoft identified the attackers as Hafnium.",
            [("responsibility", "hafnium", None, "Microsoft", "asserted")],
        ),
        (
            "The hack was the handiwork of the Lazarus Group, investigators said.",
            [("responsibility", "lazarus-group", None, "investigators", "asserted")],
        ),
        (  # "responsible" with what it is responsible for left understood
            "CrowdStrike said it had high confidence that Fancy Bear was responsible.",
            [("responsibility", "apt28", None, "CrowdStrike", "asserted")],
        ),
    ],
)
def test_claims_doers_handiwork_and_a_bare_responsible(nlp, text, rows):
    doc, claims = claims_of(nlp, CONTEXT + text, "attribution")
    assert _claim_rows(doc, claims) == rows


def test_claims_operating_from_a_place_targets_nothing(nlp):
    doc, claims = claims_of(nlp, CONTEXT + "Hafnium is a group that operates from China.", "targeting")
    assert [c for c in claims if "Hafnium" in doc.text[c.evidence[0] : c.evidence[1]]] == []


def test_claims_a_demonym_predicated_of_an_actor_is_sponsorship_but_not_of_its_victim(nlp):
    doc, claims = claims_of(nlp, CONTEXT + "APT10 is Chinese, the report said.", "attribution")
    assert _claim_rows(doc, claims) == [("sponsorship", "purple-typhoon", "CN", "the report", "asserted")]
    doc, claims = claims_of(nlp, CONTEXT + "The attack on APT28 was Russian.", "attribution")
    assert claims == []
