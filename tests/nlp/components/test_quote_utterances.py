"""Quotes as reporters write them (issue 16): interrupted utterances, continuation paragraphs, mixed typography,
transcripts, titles, mixed quotes over the whole complement clause, and cues the parse hides."""

import pytest

from pipeline.data import read_rows
from pipeline.nlp.components.quotes.cues import is_title
from pipeline.nlp.components.quotes.finder import find_quoted

OPENERS = {row[0]: row[1] for row in read_rows("quote_marks.tsv")}


def quotes_of(nlp, text):
    doc = nlp(text)
    return doc, [(q.kind, doc.text[q.span[0] : q.span[1]], q) for q in doc._.tn_quotes]


def parts_of(doc, quote):
    return [doc.text[s:e] for s, e in quote.parts] or [doc.text[quote.span[0] : quote.span[1]]]


def texts(text):
    return [text[s:e] for (s, e), _closed, _parts in find_quoted(text, OPENERS)]


# -- one utterance in several quoted stretches ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text,parts,cue",
    [
        (  # a question before the attribution
            '"Is it a good plan for the city?" she said. "We will build it next year."',
            ["Is it a good plan for the city?", "We will build it next year."],
            "said",
        ),
        (  # a nested quotation closes the first part
            '"We know, \'they are coming,\'" Mitchell said. "His people said we must act."',
            ["We know, 'they are coming,'", "His people said we must act."],
            "said",
        ),
        (  # "continue" reports
            "“We have to act quickly for the city,” she continued. “The voters have to see results soon.”",
            ["We have to act quickly for the city,", "The voters have to see results soon."],
            "continued",
        ),
        (  # a show title inside the attribution takes no part
            '"We have to act quickly for the city," Flynn said on Fox News\'s "Fox and Friends." '
            '"I mean, there is a lot of frustration in the ranks."',
            ["We have to act quickly for the city,", "I mean, there is a lot of frustration in the ranks."],
            "said",
        ),
        (  # two words that are speech, not a title
            "“I would,” Melanie said to the TV. “I would, Donald.”",
            ["I would,", "I would, Donald."],
            "said",
        ),
    ],
)
def test_utterances_interrupted_by_the_attribution_are_one_quote(nlp, text, parts, cue):
    doc, found = quotes_of(nlp, text)
    (direct,) = [q for kind, _, q in found if kind == "direct"]
    assert parts_of(doc, direct) == parts
    assert doc.text[direct.cue[0] : direct.cue[1]] == cue


def test_utterances_fragment_inside_the_next_sentence_is_not_a_second_part(nlp):
    text = (
        'On the broadcast of "Fox News Sunday," the senator said the plan was only "to mock the voters" in the state.'
    )
    doc, found = quotes_of(nlp, text)
    assert all("Fox News Sunday" not in content for _, content, _ in found)
    assert all(not q.parts for _, _, q in found)
    assert [content for kind, content, _ in found if kind == "mixed"] == [
        'the plan was only "to mock the voters" in the state'
    ]


def test_utterances_title_is_capitalised_words_not_a_pronoun_and_a_small_word(nlp):
    doc = nlp("“I would,” she said on “Fox and Friends.”")
    assert not is_title(doc[1:3])  # I would
    assert is_title(doc[9:13])  # Fox and Friends.


def test_utterances_participle_in_the_attribution_reports_the_second_quote(nlp):
    text = "“Promise you will keep your hands in sight,” Blige sings before asking her, “Where do we go from here?”"
    _, found = quotes_of(nlp, text)
    assert [content for kind, content, _ in found if kind == "direct"] == [
        "Promise you will keep your hands in sight,",
        "Where do we go from here?",
    ]


def test_utterances_short_utterance_before_its_attribution_is_a_quote(nlp):
    doc, found = quotes_of(nlp, "“You winning?” she said, but Kevin was drifting off again.")
    (direct,) = [q for kind, _, q in found if kind == "direct"]
    assert doc.text[direct.span[0] : direct.span[1]] == "You winning?"
    assert doc.text[direct.cue[0] : direct.cue[1]] == "said"
    assert doc.text[direct.speaker[0] : direct.speaker[1]] == "she"


# -- quotation marks ---------------------------------------------------------------------------------------------


def test_utterances_mixed_double_marks_close_each_other():
    assert texts('there was “no evidence" yet of terror. “We see no link,” he said.') == [
        "no evidence",
        "We see no link,",
    ]
    assert texts('sort the "work-related” emails from the “personal messages.”') == [
        "work-related",
        "personal messages.",
    ]


def test_utterances_curly_marks_nested_in_a_straight_quotation_stay_inside():
    text = '"PENCE: Well, look, this is an episode of “Shark Tank.” But this is America.'
    assert texts(text) == ["Well, look, this is an episode of “Shark Tank.” But this is America."]


def test_utterances_transcript_speaker_label_starts_a_new_quote():
    text = (
        'Partial transcript:\n\n"WALLACE: Let us start with the news. Why would he do that?\n\n'
        '"PENCE: Well, look, this is serious business.\n\n"But the truth is that he has a unique way.\n\n'
        '"WALLACE: Thank you, sir.'
    )
    found = find_quoted(text, OPENERS)
    assert [[text[s:e] for s, e in parts] for _span, _closed, parts in found] == [
        ["Let us start with the news. Why would he do that?"],
        ["Well, look, this is serious business.", "But the truth is that he has a unique way."],
        ["Thank you, sir."],
    ]


def test_utterances_closing_curly_mark_before_a_word_opens():
    text = "Getty.\n\n”Mr. Trump embodies the lasting legacy of racism.” ― Sonya Herridge\nHe said “yes” and ” no more"
    assert texts(text) == ["Mr. Trump embodies the lasting legacy of racism.", "yes"]


# -- mixed quotes over the cue's whole complement clause ---------------------------------------------------------


@pytest.mark.parametrize(
    "text,mixed",
    [
        (
            "The governor said Democrats and the media are to blame for focusing on “he said this, he tweeted that.”",
            "Democrats and the media are to blame for focusing on “he said this, he tweeted that.”",
        ),
        (
            "He is claiming that voting fraud is “a big, big problem in this country” but “nobody has the guts to "
            "talk about it.”",
            "voting fraud is “a big, big problem in this country” but “nobody has the guts to talk about it.”",
        ),
    ],
)
def test_utterances_mixed_clause_takes_in_the_quotation_that_ends_its_sentence(nlp, text, mixed):
    _, found = quotes_of(nlp, text)
    assert [content for kind, content, _ in found if kind == "mixed"] == [mixed]


def test_utterances_quotation_after_a_comma_is_a_clause_of_its_own(nlp):
    text = (
        "U.S. officials told the Journal that while the Chinese delegates at the summit did not explicitly state that "
        'Beijing was directly responsible for the group and its actions, "American officials present and others '
        "later briefed on the meeting perceived the comments as confirmation of Beijing's role.\""
    )
    _, found = quotes_of(nlp, text)
    assert all("perceived" not in content for kind, content, _ in found if kind != "direct")


def test_utterances_second_report_is_not_part_of_the_first(nlp):
    text = "China said it was firmly opposed to the test and warned North Korea to refrain from further actions."
    _, found = quotes_of(nlp, text)
    assert ("indirect", "it was firmly opposed to the test") in [(k, c) for k, c, _ in found]


def test_utterances_relative_that_is_not_a_reported_clause(nlp):
    text = (
        "Clinton stressed her support of the raid that killed the plotter and said she has the steadiness for the job."
    )
    _, found = quotes_of(nlp, text)
    assert all("killed" not in content for _, content, _ in found)


# -- cues the parse hides ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,content,cue,speaker",
    [
        (  # a reporting verb after a preposition
            "Dean appeared on MSNBC and began by saying he would never diagnose someone through television.",
            "he would never diagnose someone through television",
            "saying",
            "Dean",
        ),
        (  # a clause head the tagger took for a noun
            "Ryan said the recent spate of shootings and protests demands that all Americans engage in more listening.",
            "the recent spate of shootings and protests demands that all Americans engage in more listening",
            "said",
            "Ryan",
        ),
        (  # the clause after the verb, not a preposed one
            "While he acknowledged funding was a major reason he felt demoralized, Ham also noted several "
            "intangibles left him further disillusioned.",
            "several intangibles left him further disillusioned",
            "noted",
            "Ham",
        ),
    ],
)
def test_utterances_reported_clause_under_a_hidden_cue(nlp, text, content, cue, speaker):
    doc, found = quotes_of(nlp, text)
    matching = [q for _, c, q in found if c == content]
    assert matching, found
    q = matching[0]
    assert doc.text[q.cue[0] : q.cue[1]] == cue and doc.text[q.speaker[0] : q.speaker[1]] == speaker


def test_utterances_fragment_of_a_summary_takes_its_cue(nlp):
    text = (
        '"We are the target of constant attacks," he said. Rezaei called the Microsoft report "a commercial '
        'advertisement dressed up as intelligence."'
    )
    doc, found = quotes_of(nlp, text)
    (fragment,) = [q for kind, c, q in found if kind == "direct" and c.startswith("a commercial")]
    assert doc.text[fragment.cue[0] : fragment.cue[1]] == "called"
