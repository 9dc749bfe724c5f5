"""Reading a run back for exports; also the shared corpus run the export tests use."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest

from models import (
    Actor,
    ArticleRecord,
    AttributedTo,
    Claim,
    ErrorRecord,
    Mention,
    PipelineInfo,
    Quote,
    Source,
    Span,
    Speaker,
)
from pipeline import run
from pipeline.export import RecordsFileError, read_errors, read_records
from tests.conftest import CORPUS


@cache
def corpus_records_path() -> Path:
    """The corpus articles run once per test session (records and errors file in a temporary folder)."""
    out = Path(tempfile.mkdtemp(prefix="threatnews-export-")) / "records.jsonl"
    run([CORPUS / "articles"], out)
    return out


def span(text: str, part: str, after: int = 0) -> dict:
    start = text.index(part, after)
    return {"start": start, "end": start + len(part), "text": part}


def hand_record(text: str, *, title: str = "Hand-made article", doc_id: str = "hand0001") -> ArticleRecord:
    """A small record built by hand around ``text``: one actor, one speaker, one quote, four claims.

    ``text`` must contain "Volt Typhoon", "Dana Whitfield", "they are patient" and "denied".
    """
    actor = Actor(
        id="volt-typhoon",
        name="Volt Typhoon",
        aliases=["Vanguard Panda"],
        country="CN",
        mentions=[Mention(**span(text, "Volt Typhoon"))],
    )
    speaker = Speaker(id="s1", name="Dana Whitfield", kind="person", mentions=[Mention(**span(text, "Dana Whitfield"))])
    quote = Quote(**span(text, "they are patient"), id="q1", kind="direct", speaker_id="s1", confidence=0.9)
    evidence = Span(**span(text, text.split("\n\n")[0]))
    denial = Span(**span(text, next(p for p in text.split("\n\n") if "denied" in p)))
    claims = [
        Claim(
            id="c1",
            kind="sponsorship",
            actor_id="volt-typhoon",
            actor_text="Volt Typhoon",
            attributed_to=AttributedTo(name="China", country="CN"),
            claimant_id="s1",
            claimant_name="Dana Whitfield",
            stance="hedged",
            evidence=evidence,
        ),
        Claim(
            id="c2",
            kind="responsibility",
            actor_text="the hackers",
            attributed_to=AttributedTo(name="Beijing", country="CN"),
            stance="asserted",
            evidence=evidence,
        ),
        Claim(
            id="c4",
            kind="targeting",
            actor_id="volt-typhoon",
            actor_text="Volt Typhoon",
            attributed_to=AttributedTo(name="China", country="CN"),
            target=AttributedTo(name="utilities", country="US"),
            stance="reported",
            evidence=evidence,
        ),
        Claim(
            id="c3",
            kind="denial",
            attributed_to=AttributedTo(name="Chinese embassy", country="CN"),
            claimant_name="Chinese embassy",
            stance="denied",
            evidence=denial,
        ),
    ]
    return ArticleRecord(
        doc_id=doc_id,
        source=Source(path="hand.txt", url="https://news.example/hand"),
        title=title,
        published="2025-01-02",
        site="Example News",
        text=text,
        actors=[actor],
        speakers=[speaker],
        quotes=[quote],
        claims=claims,
        pipeline=PipelineInfo(version="test", model="none"),
    )


HAND_TEXT = (
    'Volt Typhoon, a Chinese group, hit utilities, Dana Whitfield said: "they are patient".\n\n'
    "The Chinese embassy denied any involvement."
)


def test_export_reading_reads_every_record_and_the_errors_beside_them():
    path = corpus_records_path()
    records = read_records(path)
    assert len(records) == len(list((CORPUS / "articles").iterdir()))
    assert read_errors(path) == []


def test_export_reading_no_errors_file_is_none(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(hand_record(HAND_TEXT).model_dump_json() + "\n", encoding="utf-8")
    assert read_errors(path) is None
    error = ErrorRecord(source="x.txt", stage="sources", code="E001", error_type="empty", message="empty")
    (tmp_path / "r.errors.jsonl").write_text(error.model_dump_json() + "\n", encoding="utf-8")
    assert read_errors(path) == [error]


def test_export_reading_bad_line_names_the_line(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(hand_record(HAND_TEXT).model_dump_json() + "\n{}\n", encoding="utf-8")
    with pytest.raises(RecordsFileError, match=r"r\.jsonl:2"):
        read_records(path)


def test_export_reading_missing_file_raises(tmp_path):
    with pytest.raises(RecordsFileError, match="no records file"):
        read_records(tmp_path / "absent.jsonl")
