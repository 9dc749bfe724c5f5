import gzip
import json

import jsonlines

from models import ArticleRecord, ErrorRecord, check_spans
from pipeline.runner import run
from pipeline.settings import Settings
from tests.conftest import CORPUS

ARTICLE = "Officials said “the hackers were linked to Beijing and hit water utilities in Texas,” she added.\n"


def test_runner_corpus_gives_one_valid_record_per_article(tmp_path):
    out = tmp_path / "records.jsonl"
    articles = sorted(p for p in (CORPUS / "articles").iterdir() if p.is_file())
    summary = run([CORPUS / "articles"], out, Settings())
    with jsonlines.open(out) as reader:
        records = [ArticleRecord.model_validate(obj) for obj in reader]
    assert summary.records == len(records) == len(articles) >= 12
    assert summary.error_count == 0
    for record in records:
        assert check_spans(record, record.text) > 0
        assert record.text and record.pipeline.model
    assert len({r.doc_id for r in records}) == len(records)


def test_runner_bad_inputs_become_error_records_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "copy.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (src / "broken.html.gz").write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>")[:20])
    out = tmp_path / "out" / "records.jsonl"
    summary = run([src], out, Settings())
    errors = [
        ErrorRecord.model_validate(json.loads(line)) for line in (tmp_path / "out" / "records.errors.jsonl").open()
    ]
    assert summary.records == 1
    assert sorted(e.error_type for e in errors) == ["binary", "duplicate", "empty", "gzip"]
    assert all(e.source.startswith(str(src)) and e.message for e in errors)
    assert summary.records + summary.error_count == 5
