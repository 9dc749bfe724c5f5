"""``published`` from inputs (JSONL lines, fetch sidecars) is ISO 8601 or absent with a note: never raw text."""

import gzip
import json

import pytest

from pipeline.clean import clean
from pipeline.documents import RawDocument
from pipeline.sources import iter_documents
from pipeline.sources.dates import normalise_published, published_hints

TEXT = "Officials said the agency had shared indicators with the utilities after the intrusion."


@pytest.mark.parametrize(
    ("given", "iso"),
    [
        ("2024-01-05", "2024-01-05"),
        ("2024-01-05T10:00:00+02:00", "2024-01-05T10:00:00+02:00"),
        ("2024-01-05T10:00:00Z", "2024-01-05T10:00:00+00:00"),
        ("2024-01-05 10:00", "2024-01-05T10:00:00"),
        ("Jan 5, 2024", "2024-01-05"),
        ("January 5, 2024", "2024-01-05"),
        ("5 January 2024", "2024-01-05"),
        ("Sept 5, 2024", "2024-09-05"),
        ("Jan 5, 2024 10:30 PM", "2024-01-05T22:30:00"),
        ("Fri, 05 Jan 2024 10:00:00 GMT", "2024-01-05T10:00:00+00:00"),
        ("2024/01/05", "2024-01-05"),
        ("05.01.2024", "2024-01-05"),
        ("2024-13-45", None),
        ("Jan 45, 2024", None),
        ("01/02/2024", None),  # day or month first: not guessed
        ("yesterday", None),
        ("2024", None),
        ("x" * 500, None),
    ],
)
def test_sources_dates_normalise(given, iso):
    assert normalise_published(given) == iso


@pytest.mark.parametrize(
    ("value", "hints"),
    [
        (None, {}),
        ("  ", {}),
        ("Jan 5, 2024", {"published": "2024-01-05"}),
        ("2024-13-45", {"published_note": "unparseable published date: '2024-13-45'"}),
        (1704448800, {"published_note": "unparseable published date: 1704448800"}),
        ({"y": 2024}, {"published_note": "unparseable published date: {'y': 2024}"}),
    ],
)
def test_sources_dates_hints(value, hints):
    assert published_hints(value) == hints


def test_sources_dates_jsonl_lines_are_normalised_when_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        {"text": TEXT, "published": "2024-01-05T10:00:00+02:00"},
        {"text": TEXT, "published": "Jan 5, 2024"},
        {"text": TEXT, "published": "2024-13-45"},
        {"text": TEXT, "published": 20240105},
        {"text": TEXT, "title": "No date"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    docs = list(iter_documents([path]))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.hints.get("published") for d in docs] == ["2024-01-05T10:00:00+02:00", "2024-01-05", None, None, None]
    assert docs[2].hints["published_note"] == "unparseable published date: '2024-13-45'"
    assert docs[3].hints["published_note"] == "unparseable published date: 20240105"
    assert docs[4].hints == {"title": "No date"}
    # what clean hands on is the normalised value, or none
    assert [clean(d).published for d in docs[1:3]] == ["2024-01-05", None]


def test_sources_dates_fetch_sidecar_published_is_normalised(tmp_path):
    page = b"<html><body><article><p>" + TEXT.encode() + b"</p></article></body></html>"
    for stem, published in (("a", "Jan 5, 2024"), ("b", "2024-13-45")):
        (tmp_path / f"{stem}.html.gz").write_bytes(gzip.compress(page))
        sidecar = {"url": f"http://a.example/{stem}", "content_type": "text/html", "published": published}
        (tmp_path / f"{stem}.fetch.json").write_text(json.dumps(sidecar), encoding="utf-8")
    good, bad = iter_documents([tmp_path])
    assert good.hints == {"published": "2024-01-05"}
    assert bad.hints == {"published_note": "unparseable published date: '2024-13-45'"}
    assert bad.provenance.url == "http://a.example/b"


def test_sources_dates_odd_sidecar_never_crashes(tmp_path):
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "a.fetch.json").write_text('["not", "an", "object"]', encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b.fetch.json").write_text('{"url": 5, "content_type": 7, "published": ["2024"]}', encoding="utf-8")
    a, b = iter_documents([tmp_path])
    assert (a.provenance.url, a.hints) == (None, {})
    assert b.provenance.url is None and b.hints == {"published_note": "unparseable published date: ['2024']"}
