import json
from pathlib import Path

import pytest

from models import ArticleRecord, PipelineInfo, Quote, Source, Speaker
from models.gold import GoldArticle
from pipeline.eval.scoring import locate, names_match, score_document

FLOORS = Path(__file__).with_name("eval_floors.json")
TEXT = "Officials said “the hackers were Chinese,” the report said. Nothing else."


def test_evaluate_locate_folds_quotes_case_and_space():
    assert locate("the hackers were Chinese,", TEXT) == (16, 41)
    assert locate('officials  said "the hackers', TEXT) == (0, 27)
    assert locate("absent", TEXT) is None


@pytest.mark.parametrize(
    "pred,gold,ok",
    [
        ("The State Department", ["State Department"], True),
        ("Wray", ["Christopher Wray"], True),
        ("Microsoft", ["Google"], False),
        (None, ["x"], False),
    ],
)
def test_evaluate_names_match(pred, gold, ok):
    assert names_match(pred, gold) is ok


def test_evaluate_scores_a_matching_quote_and_its_speaker():
    quote = Quote(id="q1", kind="direct", start=16, end=41, text=TEXT[16:41], speaker_id="s1", confidence=1)
    record = ArticleRecord(
        doc_id="d",
        source=Source(path="a.txt"),
        text=TEXT,
        pipeline=PipelineInfo(version="0", model="m"),
        quotes=[quote],
        speakers=[Speaker(id="s1", name="the report", kind="document")],
    )
    gold = GoldArticle(
        doc="a.txt",
        quotes=[{"kind": "direct", "text": "the hackers were Chinese,", "speaker": "report", "cue": "said"}],
    )
    report = score_document(gold, record)
    assert report.scores["quotes"].f1 == 1.0
    assert report.accuracies["quote_speakers"].value == 1.0
    wrong = record.model_copy(update={"speakers": [Speaker(id="s1", name="Officials")]})
    assert score_document(gold, wrong).accuracies["quote_speakers"].value == 0.0


def test_evaluate_corpus_scores_stay_above_their_floors():
    from pipeline.eval.runs import evaluate_corpus
    from pipeline.settings import Settings
    from tests.conftest import CORPUS, SEEDS

    floors = json.loads(FLOORS.read_text())
    reports = evaluate_corpus(CORPUS / "gold", CORPUS / "articles", seeds=SEEDS, pred=None, settings=Settings())
    failures = []
    for name, report in reports.items():
        flat = report.flat()
        for key, floor in floors.get(name, {}).items():
            if flat[key] < floor:
                failures.append(f"{name} {key}: {flat[key]:.3f} < floor {floor:.3f}")
    assert reports["corpus"].documents >= 12
    assert not failures, failures
