"""The real-news adapters on tiny hand-made copies: brat reading, alignment, the scoring arithmetic, reserved data."""

from __future__ import annotations

import json
import subprocess

import pytest

from models import ArticleRecord, PipelineInfo, Quote, Source, Span
from pipeline.eval import casie, polnear, wcxb
from pipeline.eval.align import Alignment
from pipeline.eval.matching import characters, match_spans, mutual_overlap
from pipeline.eval.repo import RepoFiles
from tests.conftest import CORPUS, SHARED

TEXT = "Headline here\n\nThe plan was dead, she said. “We will win,” Smith said, “in the end.”\n"


def _at(snippet: str) -> str:
    i = TEXT.index(snippet)
    return f"{i} {i + len(snippet)}"


ANN = (
    f"T1\tSource {_at('she')}\tshe\n"
    f"T2\tCue {_at('said')}\tsaid\n"
    f"T3\tContent {_at('The plan was dead')}\tThe plan was dead\n"
    f"T4\tAttribution {_at('said')}\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    f"T5\tContent {_at('“We will win,”')};{_at('“in the end.”')}\t“We will win,” “in the end.”\n"
    f"T6\tSource {_at('Smith')}\tSmith\n"
    f"T7\tCue {TEXT.index('Smith said') + 6} {TEXT.index('Smith said') + 10}\tsaid\n"
    f"T8\tAttribution {TEXT.index('Smith said') + 6} {TEXT.index('Smith said') + 10}\tsaid\n"
    "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
)


def _polnear_copy(root):
    for split in ("dev", "test"):
        (root / "data" / split / "text").mkdir(parents=True)
        (root / "data" / split / "attributions").mkdir(parents=True)
    (root / "data" / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "data" / "dev" / "attributions" / "a_00aa.ann").write_text(ANN, encoding="utf-8")
    (root / "data" / "dev" / "attributions" / "a_ffff.ann").write_text("", encoding="utf-8")  # a second annotator
    (root / "data" / "test" / "text" / "secret.txt").write_text("never read", encoding="utf-8")
    return root


def test_real_brat_reader_takes_discontinuous_content_and_the_first_annotator(tmp_path):
    articles = polnear.read_split(RepoFiles(_polnear_copy(tmp_path)), "dev")
    assert [a.name for a in articles] == ["a"] and articles[0].annotation.endswith("a_00aa.ann")
    first, second = articles[0].attributions
    assert TEXT[slice(*first.content[0])] == "The plan was dead"
    assert [TEXT[s:e] for s, e in second.content] == ["“We will win,”", "“in the end.”"] and second.cue_text == "said"
    assert TEXT[slice(*second.source[0])] == "Smith"


def test_real_brat_reader_works_on_a_bare_git_copy(tmp_path):
    work = _polnear_copy(tmp_path / "work")
    for cmd in (["init", "-q"], ["add", "."], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(work), *cmd], check=True)
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(tmp_path / "bare")], check=True)
    articles = polnear.read_split(RepoFiles(tmp_path / "bare"), "dev")
    assert len(articles[0].attributions) == 2


def test_real_polnear_test_split_is_refused(tmp_path):
    with pytest.raises(polnear.ReservedSplitError, match="reserved"):
        polnear.read_split(RepoFiles(_polnear_copy(tmp_path)), "test")


def test_real_alignment_carries_offsets_across_cleaning():
    source = "Headline\n\nFirst  para.\n\nRead more here\n\nSecond para."
    target = "First para.\n\nSecond para."
    align = Alignment(source, target)
    start = source.index("Second")
    mapped = align.span(start, start + len("Second para."))
    assert target[mapped[0] : mapped[1]] == "Second para."
    assert align.span(source.index("Read"), source.index("Read") + 4) is None  # removed by cleaning
    assert align.span(0, 8) is None


def test_real_overlap_scoring_arithmetic():
    gold = [characters([(0, 10)]), characters([(20, 30)])]
    predicted = [characters([(0, 4)]), characters([(19, 30)]), characters([(50, 60)])]
    assert mutual_overlap(gold[0], predicted[0]) == pytest.approx(0.4)
    assert match_spans(gold, predicted, 0.3) == [(1, 1), (0, 0)]
    assert match_spans(gold, predicted, 0.8) == [(1, 1)]


def _record(text, quotes):
    return ArticleRecord(
        doc_id="x",
        source=Source(path="a"),
        text=text,
        quotes=quotes,
        pipeline=PipelineInfo(version="t", model="m"),
    )


def test_real_polnear_scores_a_record_with_parts_and_speakers(tmp_path):
    article = polnear.read_split(RepoFiles(_polnear_copy(tmp_path)), "dev")[0]
    body = TEXT.split("\n\n", 1)[1]  # cleaning took the headline out

    def span(snippet: str) -> Span:
        i = body.index(snippet)
        return Span(start=i, end=i + len(snippet), text=snippet)

    first, second, whole = span("We will win,"), span("in the end."), span("We will win,” Smith said, “in the end.")
    quote = Quote(
        id="q1",
        kind="direct",
        start=whole.start,
        end=whole.end,
        text=whole.text,
        parts=[first, second],
        speaker_mention=span("Smith"),
        confidence=0.9,
    )
    report = polnear.PolnearReport()
    polnear.score_article(article, _record(body, [quote]), report)
    lenient = report.score("all", "lenient")
    assert (lenient.tp, lenient.fp, lenient.fn) == (1, 0, 1)  # the interrupted quote found, the indirect one missed
    assert report.speaker("all").correct == 1
    assert report.score("speech", "strict").tp == 1  # parts without the marks still cover 80% of each side
    assert report.score("quotation_marks", "lenient").fn == 0
    assert {e["kind"] for e in report.errors} == {"missed"}


def test_real_wcxb_field_rules():
    assert wcxb.title_right("The Title — Here!", "the title here")
    assert not wcxb.title_right(None, "x") and wcxb.title_right(None, None)
    assert wcxb.author_right(("By Jane Doe",), "Jane Doe") and not wcxb.author_right(("Site Staff",), None)
    assert wcxb.date_right("2024-01-05T10:00:00", "2024-01-05") and wcxb.date_right(None, None)
    precision, recall, f1 = wcxb.body_scores("one two three four five", "one two three four six")
    assert (precision, recall) == (0.5, 0.5) and f1 == 0.5


@pytest.mark.parametrize("folder,least", [("casie-dev", 40), ("casie-fresh", 18)])
def test_real_casie_gold_files_are_well_formed_and_never_reserved(folder, least):
    reserved_file = SHARED / "datasets" / "casie-reserved-ids.txt"
    golds = casie.load_gold(CORPUS / folder)
    assert len(golds) >= least
    if reserved_file.is_file():
        reserved = {line.strip() for line in reserved_file.read_text().splitlines() if line.strip().isdigit()}
        assert not {str(g["casie_id"]) for g in golds} & reserved
    if folder != "casie-dev":  # a held-apart set shares no article with the dev set its rules were written from
        assert not {g["casie_id"] for g in golds} & {g["casie_id"] for g in casie.load_gold(CORPUS / "casie-dev")}
    for gold in golds:
        for actor in gold["actors"]:
            assert actor["kind"] in {"state", "criminal", "hacktivist", "persona", "state_organ", "unknown"}
            assert all(m["end"] - m["start"] == len(m["text"]) for m in actor["mentions"])
        for claim in gold["claims"]:
            assert claim["kind"] in {"sponsorship", "responsibility", "targeting", "association", "denial"}
            assert claim["stance"] in {"asserted", "reported", "hedged", "denied"}
            assert len(claim["evidence"]["head"].split()) <= 5  # no sentences of the article in the repository
    assert json.dumps(golds)  # plain JSON


def test_real_cleaning_stays_above_its_floor_on_pages_no_rule_was_written_from():
    """The cleaning stage on the first 100 WCXB dev pages (real pages from many sites; ../shared)."""
    import os

    folder = SHARED / "datasets" / "wcxb-dev-articles"
    if not (folder / "ground-truth.json").is_file():
        if os.environ.get("CI") and SHARED.is_dir():
            pytest.fail("../shared is present in CI but has no WCXB pages")
        pytest.skip("no WCXB pages: ../shared/datasets/wcxb-dev-articles is absent")
    floors = json.loads((CORPUS.parent / "tests" / "eval" / "eval_floors.json").read_text())["wcxb-dev-100"]
    got = wcxb.evaluate(folder, limit=100, extractors=("threatnews clean",)).as_dict()["threatnews clean"]
    assert got["pages"] == 100
    low = {key: (got[key], floor) for key, floor in floors.items() if got[key] < floor}
    assert not low, low


def test_real_casie_claimant_is_right_by_name_or_by_the_gold_mention_resolved():
    """ "The company says ..." resolved to the speaker F-Secure: the gold's claimant mention is one of that speaker's
    mentions, so the claimant is right; a speaker elsewhere in the text is not."""
    from models import Actor, Claim, Mention, Speaker

    body = "F-Secure is a vendor. The company says the domains were created by APT28."

    def at(snippet: str) -> dict:
        i = body.index(snippet)
        return {"start": i, "end": i + len(snippet), "text": snippet}

    gold = {
        "casie_id": 1,
        "_body": body,
        "actors": [],
        "agencies": [],
        "claims": [
            {
                "kind": "responsibility",
                "actor": at("APT28"),
                "attributed_to": None,
                "claimant": at("The company"),
                "stance": "asserted",
                "evidence": at(body.split(". ", 1)[1]),
            }
        ],
    }

    def score(mention: str) -> tuple[int, int]:
        m = at(mention)
        record = _record(body, []).model_copy(
            update={
                "actors": [Actor(id="apt28", name="APT28", mentions=[Mention(**at("APT28"))])],
                "speakers": [Speaker(id="s1", name="F-Secure", mentions=[Mention(**at("F-Secure")), Mention(**m)])],
                "claims": [
                    Claim(
                        id="c1",
                        kind="responsibility",
                        actor_id="apt28",
                        claimant_id="s1",
                        claimant_name="F-Secure",
                        stance="asserted",
                        evidence=Span(**gold["claims"][0]["evidence"]),
                    )
                ],
            }
        )
        report = casie.CasieReport()
        casie.score_article(gold, record, report)
        right = report.accuracy("claimant_and_stance_named")
        return right.correct, right.total

    assert score("The company") == (1, 1)
    assert score("vendor") == (0, 1)
