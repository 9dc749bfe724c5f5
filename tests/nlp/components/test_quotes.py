import pytest

from pipeline.data import read_rows
from pipeline.nlp.components.quotes.finder import find_quoted

OPENERS = {row[0]: row[1] for row in read_rows("quote_marks.tsv")}


def quotes_of(nlp, text):
    doc = nlp(text)
    return doc, [(q.kind, doc.text[q.span[0] : q.span[1]], q) for q in doc._.tn_quotes]


@pytest.mark.parametrize(
    "text,content",
    [
        ('She said, "We saw the intrusion in March."', "We saw the intrusion in March."),
        ("She said, “We saw the intrusion in March.”", "We saw the intrusion in March."),
        ("“We saw the intrusion in March,” the analyst told reporters.", "We saw the intrusion in March,"),
    ],
)
def test_quotes_direct_quote_content_and_cue(nlp, text, content):
    doc, found = quotes_of(nlp, text)
    direct = [f for f in found if f[0] == "direct"]
    assert [d[1] for d in direct] == [content]
    q = direct[0][2]
    assert doc.text[q.cue[0] : q.cue[1]] in {"said", "told"}


def test_quotes_speaker_is_subject_of_cue(nlp):
    doc, found = quotes_of(nlp, "Former FBI Director Christopher Wray noted, “The malware let them hide for years.”")
    q = found[0][2]
    assert doc.text[q.speaker[0] : q.speaker[1]] == "Former FBI Director Christopher Wray"


def test_quotes_multi_paragraph_quote_reopens_each_paragraph():
    text = "He said: “First part of it.\n“Second part of it.\n“Last part.”\nAfterwards nothing."
    found = find_quoted(text, OPENERS)
    assert len(found) == 1
    span, closed, parts = found[0]
    assert closed and len(parts) == 3
    assert text[span[0] : span[1]].startswith("First") and text[span[0] : span[1]].endswith("Last part.")


def test_quotes_unclosed_quote_ends_at_paragraph_end():
    text = "He said: “This never closes\nNext paragraph is narration."
    ((span, closed, _parts),) = find_quoted(text, OPENERS)
    assert not closed and text[span[0] : span[1]] == "This never closes"


def test_quotes_scare_quotes_without_cue_are_not_quotes(nlp):
    _, found = quotes_of(nlp, "The ministry spread so-called “disinformation” about the hack.")
    assert found == []


def test_quotes_interrupted_quote_is_one_quote_with_two_parts(nlp):
    doc, found = quotes_of(nlp, "“We found the implant,” she said, “and we removed it within a day.”")
    direct = [f[2] for f in found if f[0] == "direct"]
    assert len(direct) == 1 and len(direct[0].parts) == 2
    assert [doc.text[s:e] for s, e in direct[0].parts] == ["We found the implant,", "and we removed it within a day."]


def test_quotes_indirect_speech_from_reporting_verb(nlp):
    doc, found = quotes_of(nlp, "The agency said that the hackers had stolen data from three utilities.")
    indirect = [f for f in found if f[0] == "indirect"]
    assert indirect and indirect[0][1] == "the hackers had stolen data from three utilities"


def test_quotes_mixed_quote_contains_a_quoted_fragment(nlp):
    text = 'The Justice Department announced that it had disrupted efforts by the group to "target critical infrastructure."'
    doc, found = quotes_of(nlp, text)
    kinds = {f[0] for f in found}
    assert kinds == {"direct", "mixed"}


def test_quotes_thousands_of_unbalanced_marks_take_linear_time(monkeypatch):
    """Counted, not timed: the scanner's checks of quotation marks grow linearly with the marks in the input."""
    from pipeline.nlp.components.quotes import marks

    checks = {"n": 0}
    for name in ("is_opening_straight", "single_opens", "is_apostrophe", "strip_span"):
        original = getattr(marks, name)

        def counting(*args, _original=original, **kwargs):
            checks["n"] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(marks, name, counting)

    def work(text: str) -> int:
        checks["n"] = 0
        assert len(marks.find_quoted(text, OPENERS)) == 1  # one unclosed quote
        return checks["n"]

    small, big = work("“a " * 500 + "\"b ' c " * 500), work("“a " * 2_000 + "\"b ' c " * 2_000)
    assert small > 0, "the scanner checked no mark: the test no longer measures anything"
    assert big <= 4.4 * small, f"1,000 marks: {small} checks; 4,000 marks: {big}"


def test_quotes_work_per_quote_stays_bounded_with_thousands_of_quotes(nlp, monkeypatch):
    """Thousands of short quotes in one run-on sentence: cue checks grow linearly, not quadratically."""
    from pipeline.nlp.components.quotes.finder import QuoteFinder

    calls = {"n": 0}
    original = QuoteFinder.is_cue_verb

    def counting(self, token):
        calls["n"] += 1
        return original(self, token)

    monkeypatch.setattr(QuoteFinder, "is_cue_verb", counting)
    counts = []
    for n in (500, 2_000):
        calls["n"] = 0
        doc = nlp('He said "a" ' + '"a" ' * n)
        counts.append(calls["n"])
        assert len(doc._.tn_quotes) <= 1
    assert counts[1] <= 4.5 * counts[0]


def test_quotes_two_apostrophes_are_a_double_quotation_mark():
    text = "''We moved fast,'' the engineer said. ''Nobody lost data.''"
    found = find_quoted(text, OPENERS)
    assert [text[s:e] for (s, e), _closed, _parts in found] == ["We moved fast,", "Nobody lost data."]


def test_quotes_negation_inside_the_quotation_does_not_negate_the_cue(nlp):
    doc, found = quotes_of(nlp, '"Are we ready? Probably not," Ms. Lane said. "Will we be ready? Absolutely."')
    (direct,) = [f[2] for f in found if f[0] == "direct"]
    assert doc.text[direct.cue[0] : direct.cue[1]] == "said"
    assert [doc.text[s:e] for s, e in direct.parts] == ["Are we ready? Probably not,", "Will we be ready? Absolutely."]


def test_quotes_second_quote_with_its_own_cue_is_not_merged(nlp):
    text = "“The patch is late,” Ortiz said. “The vendor knew for months” about the flaw, she said."
    doc, found = quotes_of(nlp, text)
    direct = [doc.text[f[2].span[0] : f[2].span[1]] for f in found if f[0] == "direct"]
    assert direct == ["The patch is late,", "The vendor knew for months"]


def test_quotes_participial_second_cue_splits_the_quotes(nlp):
    text = "“We will rebuild the network,” Ortiz said, adding later, “The attackers are gone for good now.”"
    doc, found = quotes_of(nlp, text)
    direct = [doc.text[f[2].span[0] : f[2].span[1]] for f in found if f[0] == "direct"]
    assert direct == ["We will rebuild the network,", "The attackers are gone for good now."]


def test_quotes_mixed_clause_headed_by_an_adjective_keeps_its_closing_mark(nlp):
    doc, found = quotes_of(nlp, "Lane says the company's handling of the breach was “reckless, even for them.”")
    mixed = [f[1] for f in found if f[0] == "mixed"]
    assert mixed == ["the company's handling of the breach was “reckless, even for them.”"]


def test_quotes_mixed_clause_that_opens_with_a_quotation_starts_at_its_mark(nlp):
    doc, found = quotes_of(nlp, "Lane told reporters that “exactly who did it” remains under investigation.")
    mixed = [f[1] for f in found if f[0] == "mixed"]
    assert mixed == ["“exactly who did it” remains under investigation"]


def test_quotes_quoted_show_title_is_not_a_quote(nlp):
    _, found = quotes_of(nlp, "Lane told CBS’s “Evening Report” that the hackers were still inside the network.")
    assert [f[1] for f in found if f[0] == "direct"] == []


def test_quotes_mid_sentence_attribution_gives_two_parts(nlp):
    doc, found = quotes_of(nlp, "The breach, she said, was never contained by the vendor.")
    (quote,) = [f[2] for f in found]
    assert [doc.text[s:e] for s, e in quote.parts] == ["The breach", "was never contained by the vendor"]
    assert doc.text[quote.speaker[0] : quote.speaker[1]] == "she"


def test_quotes_participial_tail_after_the_attribution_is_not_content(nlp):
    doc, found = quotes_of(nlp, "The hackers stole the files, Mwangi said, citing the server logs.")
    assert [f[1] for f in found] == ["The hackers stole the files"]


def test_quotes_speaker_is_never_a_word_of_the_quotation():
    """A parse that makes a word inside the quotation the cue's subject (as long quotes get): the name outside wins."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from pipeline.nlp.components.quotes.cues import speaker_of

    words = ['"', "It", "will", "fail", ",", '"', "said", "Tom", "Acker", "."]
    heads = [6, 6, 3, 6, 6, 6, 6, 8, 6, 6]  # the misparse: "It" is the subject of "said"
    deps = ["punct", "nsubj", "aux", "ccomp", "punct", "punct", "ROOT", "compound", "nsubj", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "PUNCT"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)
    quoted = [(doc[1].idx, doc[4].idx + 1)]
    assert speaker_of(doc[6]).text == "It"  # without the quotation's extent, the misparse wins
    assert speaker_of(doc[6], quoted).text == "Tom Acker"


@pytest.mark.parametrize(
    "text,content,cue,speaker",
    [
        (
            "The ministry denied the allegations about its staff.",
            "the allegations about its staff",
            "denied",
            "The ministry",
        ),
        (
            "The minister vowed to retaliate against the hackers.",
            "to retaliate against the hackers",
            "vowed",
            "The minister",
        ),
        ("The senator called for an inquiry into the leak.", "an inquiry into the leak", "called", "The senator"),
        ("Trump called the mayor a liar on Tuesday.", "the mayor a liar", "called", "Trump"),
        (
            "The analyst described the malware as sophisticated.",
            "the malware as sophisticated",
            "described",
            "The analyst",
        ),
    ],
)
def test_quotes_summary_content_is_object_or_infinitive(nlp, text, content, cue, speaker):
    doc, found = quotes_of(nlp, text)
    assert [(k, c) for k, c, _ in found] == [("summary", content)]
    q = found[0][2]
    assert doc.text[q.cue[0] : q.cue[1]] == cue and doc.text[q.speaker[0] : q.speaker[1]] == speaker


def test_quotes_summary_object_stops_before_a_relative_clause(nlp):
    _, found = quotes_of(nlp, "She questioned the wisdom of committing to Scott, who has never run.")
    assert [(k, c) for k, c, _ in found] == [("summary", "the wisdom of committing to Scott")]


def test_quotes_summary_needs_more_than_a_bare_noun(nlp):
    _, found = quotes_of(nlp, "The company announced plans on Friday.")
    assert found == []


@pytest.mark.parametrize(
    "text,content",
    [
        ("The mayor called on Congress to fund the repairs.", "Congress to fund the repairs"),
        ("She spoke about her deep ties to the unions.", "her deep ties to the unions"),
        ("Strada accused the government of hiding the logs.", "the government of hiding the logs"),
        ('He called her "weak" and left.', 'her "weak"'),
    ],
)
def test_quotes_summary_after_a_preposition_or_with_a_quoted_label(nlp, text, content):
    _, found = quotes_of(nlp, text)
    assert ("summary", content) in [(k, c) for k, c, _ in found]
