import json

import pytest
from pydantic import ValidationError

from models import ArticleRecord, PipelineInfo, Quote, Source, Span, check_spans
from models.spans import SpanMismatch

TEXT = 'Officials said "the group is behind it," she added.'


def make_record(**fields) -> ArticleRecord:
    base = dict(doc_id="x", source=Source(path="a.txt"), text=TEXT, pipeline=PipelineInfo(version="0", model="m"))
    return ArticleRecord(**{**base, **fields})


def test_models_record_accepts_spans_that_match_text():
    quote = Quote(id="q1", kind="direct", start=16, end=38, text=TEXT[16:38], confidence=0.9)
    record = make_record(quotes=[quote])
    assert check_spans(record, record.text) == 1


def test_models_record_rejects_span_text_that_is_not_at_its_offsets():
    quote = Quote(id="q1", kind="direct", start=0, end=9, text="the group", confidence=0.9)
    with pytest.raises(ValidationError, match="covers 'Officials'"):
        make_record(quotes=[quote])


def test_models_nested_spans_are_checked():
    cue = Span(start=0, end=4, text="said")
    quote = Quote(id="q1", kind="direct", start=16, end=38, text=TEXT[16:38], confidence=0.9, cue=cue)
    with pytest.raises(SpanMismatch):
        check_spans(quote, TEXT)


def test_models_span_end_before_start_is_rejected():
    with pytest.raises(ValidationError):
        Span(start=5, end=2, text="")


def test_models_schema_names_every_top_level_field():
    schema = ArticleRecord.model_json_schema()
    for name in (
        "doc_id",
        "source",
        "title",
        "authors",
        "published",
        "site",
        "language",
        "text",
        "entities",
        "actors",
        "speakers",
        "quotes",
        "claims",
        "pipeline",
    ):
        assert name in schema["properties"], name
    json.dumps(schema)


def test_models_do_not_import_spacy_or_pipeline():
    import subprocess
    import sys

    code = "import sys, models; print(any(m.split('.')[0] in ('spacy', 'pipeline') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
