def speakers_of(nlp, text):
    doc = nlp(text)
    return doc, {s.id: s for s in doc._.tn_speakers}


def test_speakers_title_and_affiliation_from_premodifiers(nlp):
    doc, speakers = speakers_of(
        nlp, "Former FBI Director Christopher Wray noted, “The malware let them hide for years.”"
    )
    (s,) = speakers.values()
    assert (s.name, s.kind, s.title, s.affiliation) == ("Christopher Wray", "person", "Former FBI Director", "FBI")


def test_speakers_appositive_gives_title_and_affiliation(nlp):
    text = "Dakota Cary, a China expert at the cybersecurity firm SentinelOne, said the hack was a warning."
    _, speakers = speakers_of(nlp, text)
    (s,) = speakers.values()
    assert s.name == "Dakota Cary" and s.title == "China expert" and s.affiliation == "SentinelOne"


def test_speakers_surname_and_pronoun_resolve_to_the_full_name(nlp):
    text = (
        "Jane Marlow, the agency's chief analyst, said the group had returned.\n"
        "Marlow added that the malware was new.\n"
        "She said the agency would publish its findings."
    )
    doc, speakers = speakers_of(nlp, text)
    assert [s.name for s in speakers.values()] == ["Jane Marlow"]
    assert {doc._.tn_quote_speakers[q.id] for q in doc._.tn_quotes} == {"s1"}


def test_speakers_anonymous_sources_are_anonymous(nlp):
    _, speakers = speakers_of(nlp, "Two people familiar with the investigation said the intruders used stolen keys.")
    (s,) = speakers.values()
    assert s.kind == "anonymous"


def test_speakers_documents_are_documents(nlp):
    _, speakers = speakers_of(nlp, "The advisory said that the attackers exploited an unpatched router.")
    (s,) = speakers.values()
    assert s.kind == "document"


def test_speakers_continuation_paragraph_inherits_speaker_and_mention(nlp):
    text = "Jane Marlow said: “We saw the intrusion in March.”\n\n“By then the data was gone. Nothing could be done.”"
    doc, speakers = speakers_of(nlp, text)
    first, second = doc._.tn_quotes
    assert second.cue is None and second.speaker == first.speaker
    assert doc._.tn_quote_speakers[second.id] == doc._.tn_quote_speakers[first.id]


def test_speakers_continuation_after_the_attribution_is_part_of_the_quote(nlp):
    # “A,” X said. ¶ “B.”: the paragraph that opens with a quotation mark continues X's utterance (issue 16).
    text = "“We saw the intrusion in March,” Jane Marlow said.\n\n“By then the data was gone. Nothing could be done.”"
    doc, speakers = speakers_of(nlp, text)
    (quote,) = doc._.tn_quotes
    assert [doc.text[s:e] for s, e in quote.parts] == [
        "We saw the intrusion in March,",
        "By then the data was gone. Nothing could be done.",
    ]
    assert doc.text[quote.speaker[0] : quote.speaker[1]] == "Jane Marlow"
    assert speakers[doc._.tn_quote_speakers[quote.id]].name == "Jane Marlow"


def test_speakers_new_paragraph_with_narration_does_not_inherit(nlp):
    text = "“We saw the intrusion in March,” Jane Marlow said.\n\nThe company later wrote: “Nothing was lost at all.”"
    doc, _ = speakers_of(nlp, text)
    last = doc._.tn_quotes[-1]
    assert last.speaker is None or doc.text[last.speaker[0] : last.speaker[1]] != "Jane Marlow"


def test_speakers_one_word_name_takes_the_title_of_the_full_name(nlp):
    text = (
        "Foreign ministry spokesperson Ma Xiaoling dismissed the report at a briefing in Beijing.\n"
        "“The accusations are groundless and politically motivated,” Ma said."
    )
    doc, speakers = speakers_of(nlp, text)
    (quote,) = doc._.tn_quotes
    speaker = speakers[doc._.tn_quote_speakers[quote.id]]
    assert speaker.name == "Ma Xiaoling" and speaker.title == "Foreign ministry spokesperson"


def test_speakers_relative_pronoun_is_the_mention_and_resolves_to_its_antecedent(nlp):
    doc, speakers = speakers_of(nlp, "Jane Marlow, who said the servers were never breached, left the company.")
    (quote,) = doc._.tn_quotes
    assert doc.text[quote.speaker[0] : quote.speaker[1]] == "who"
    assert speakers[doc._.tn_quote_speakers[quote.id]].name == "Jane Marlow"
