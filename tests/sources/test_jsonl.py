"""JSON Lines input: one article per line, line numbers on every document and error."""

import gzip
import json

from pipeline.documents import Failed, RawDocument
from pipeline.sources import iter_documents


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_sources_jsonl_lines_become_documents_with_line_numbers(tmp_path):
    path = tmp_path / "feed.jsonl"
    _write(
        path,
        [
            json.dumps({"url": "http://a.example/1", "html": "<p>One</p>", "title": "One", "published": "2025-01-02"}),
            "",
            json.dumps({"text": "Two.", "title": "Two"}),
        ],
    )
    first, second = iter_documents([path])
    assert isinstance(first, RawDocument) and first.format == "html"
    assert first.provenance.url == "http://a.example/1" and first.provenance.record == 1
    assert first.hints == {"title": "One", "published": "2025-01-02"}
    assert second.format == "text" and second.content == "Two." and second.provenance.record == 3


def test_sources_jsonl_broken_line_is_an_error_and_the_file_goes_on(tmp_path):
    path = tmp_path / "feed.jsonl"
    _write(
        path,
        [
            json.dumps({"text": "One."}),
            '{"text": "bro',
            "[1, 2]",
            json.dumps({"title": "no body"}),
            '{"text": "Four."}',
        ],
    )
    items = list(iter_documents([path]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Failed", "Failed", "Failed", "RawDocument"]
    broken, not_object, no_body = items[1:4]
    assert (broken.error_type, broken.provenance.record) == ("json", 2)
    assert (not_object.error_type, not_object.provenance.record) == ("json", 3)
    assert (no_body.error_type, no_body.provenance.record) == ("empty", 4)
    assert items[-1].provenance.record == 5


def test_sources_jsonl_gzip_and_whole_json_array(tmp_path):
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b'{"text": "Gz."}\n'))
    (tmp_path / "b.json").write_text(json.dumps([{"text": "A."}, {"text": "B."}], indent=2), encoding="utf-8")
    items = list(iter_documents([tmp_path]))
    assert [i.content for i in items] == ["Gz.", "A.", "B."]
    assert [i.provenance.record for i in items] == [1, 1, 2]


def test_sources_jsonl_truncated_gzip_ends_with_one_error_where_reading_stopped(tmp_path):
    """Read as a stream, the lines before the cut are documents; the cut line is one gzip error."""
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "x"}\n' * 200)[:30])
    *docs, last = iter_documents([path])
    assert all(isinstance(d, RawDocument) for d in docs) and len(docs) < 200
    assert isinstance(last, Failed) and last.error_type == "gzip" and last.provenance.record == len(docs) + 1


def test_sources_jsonl_gzip_broken_from_the_start_is_one_file_error(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(b"plain bytes that only claim to be gzip")
    [item] = iter_documents([path])
    assert isinstance(item, Failed) and item.error_type == "gzip" and item.provenance.record is None


def test_sources_jsonl_line_over_the_limit_is_its_own_error(tmp_path):
    from pipeline.settings import Settings

    limit = 100
    exactly = json.dumps({"text": "y" * (limit - 12)}).encode()
    assert len(exactly) == limit
    over = json.dumps({"text": "z" * (limit - 11)}).encode()
    path = tmp_path / "feed.jsonl"
    path.write_bytes(exactly + b"\n" + over + b"\n" + b'{"text": "After."}\n' + over)
    items = list(iter_documents([path], Settings(max_input_bytes=limit)))
    assert [(type(i).__name__, i.provenance.record) for i in items] == [
        ("RawDocument", 1),
        ("Failed", 2),
        ("RawDocument", 3),
        ("Failed", 4),
    ]
    assert items[1].code == items[3].code == "E016" and f"more than {limit} bytes" in items[1].message
    assert items[2].content == "After."


def test_sources_jsonl_blank_file_is_one_empty_error(tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_text("\n  \n\n", encoding="utf-8")
    [item] = iter_documents([path])
    assert isinstance(item, Failed) and item.error_type == "empty" and item.provenance.record is None
