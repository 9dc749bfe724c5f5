"""Decompression bombs and giant lines: memory stays bounded by ``max_input_bytes``, not by the file.

Each case writes its bomb into ``tmp_path`` in a few streaming writes (a gzip member of 2 GB of zeros is
~2 MB on disk), then reads the folder in a child Python process whose peak RSS (``VmHWM``) is measured
at its end (``VmHWM``, not ``ru_maxrss``, which Linux inherits from the forking parent): it must stay under 500 MB, the bomb must end as its coded error and the good article beside
it must still come out as a RawDocument. The child's limit is 1 MB, so the limit trips early.
"""

import json
import os
from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from benchmarks.input_memory import BLOCK, GB, gzip_member, read_in_child

pytestmark = pytest.mark.bombs

LIMIT = 1_000_000
MAX_RSS_MB = 500
ARTICLE = (
    "Officials said “the hackers were linked to Beijing and hit water utilities in Texas,” she added, "
    "and the agency said it had shared indicators with the utilities."
)
PAGE = f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode()


def _read_in_child(*paths):
    items, peak_mb = read_in_child(LIMIT, *paths)
    print(f"peak RSS {peak_mb:.0f} MB")  # shown with -s; the figure for the report
    return items, peak_mb


def test_bombs_html_gz_ends_as_too_large_with_bounded_memory(tmp_path):
    with (tmp_path / "bomb.html.gz").open("wb") as out:
        gzip_member(out, b"<html><body><p>", 2 * GB)
    (tmp_path / "good.html").write_bytes(PAGE)
    assert (tmp_path / "bomb.html.gz").stat().st_size < 5_000_000
    items, peak_mb = _read_in_child(tmp_path)
    bomb, good = items
    assert (bomb["kind"], bomb["code"], bomb["name"]) == ("Failed", "E016", "bomb.html.gz")
    assert f"more than {LIMIT}" in bomb["message"]
    assert (good["kind"], good["name"], good["size"]) == ("RawDocument", "good.html", len(PAGE))
    assert peak_mb < MAX_RSS_MB


def _warc_head(url: str, http: bytes, body_size: int) -> bytes:
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
        b"WARC-Date: 2024-01-05T10:00:00Z\r\n"
        b"WARC-Target-URI: " + url.encode() + b"\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http) + body_size).encode() + b"\r\n\r\n" + http
    )


def test_bombs_warc_gz_record_ends_as_too_large_and_the_archive_goes_on(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    size = 2 * GB
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + str(size).encode() + b"\r\n\r\n"
    with path.open("wb") as out:
        gzip_member(out, _warc_head("http://a.example/bomb", http, size), size, b"\r\n\r\n")
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "http://a.example/story", "response", payload=BytesIO(PAGE), http_headers=headers
        )
        writer.write_record(record)
    assert path.stat().st_size < 5_000_000
    items, peak_mb = _read_in_child(path)
    bomb, good = items
    assert (bomb["kind"], bomb["code"], bomb["record"]) == ("Failed", "E016", 1)
    assert (good["kind"], good["record"], good["size"]) == ("RawDocument", 2, len(PAGE))
    assert peak_mb < MAX_RSS_MB


def test_bombs_warc_http_gzip_content_encoding_is_bounded_too(tmp_path):
    """A small plain record whose HTTP body is gzip (``Content-Encoding``) of 512 MB: warcio inflates it."""
    path = tmp_path / "crawl.warc"
    packed = BytesIO()
    gzip_member(packed, b"<html><body><p>", GB // 2)
    body = packed.getvalue()
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
    )
    with path.open("wb") as out:
        out.write(_warc_head("http://a.example/bomb", http, len(body)) + body + b"\r\n\r\n")
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record("http://a.example/story", "response", payload=BytesIO(PAGE), http_headers=headers)
        )
    items, peak_mb = _read_in_child(path)
    assert [(i["kind"], i["code"], i["record"]) for i in items] == [("Failed", "E016", 1), ("RawDocument", None, 2)]
    assert peak_mb < MAX_RSS_MB


def test_bombs_jsonl_giant_line_is_its_own_error_and_the_next_lines_go_on(tmp_path):
    """The 1 GB line is a hole in a sparse file: as big to read, but no time spent writing it."""
    path = tmp_path / "feed.jsonl"
    with path.open("wb") as out:
        out.write(json.dumps({"text": ARTICLE}).encode() + b"\n")
        out.write(b'{"text": "')
        out.seek(GB, os.SEEK_CUR)
        out.write(b'"}\n')
        out.write(json.dumps({"text": ARTICLE + " Again."}).encode() + b"\n")
    assert path.stat().st_size > GB
    items, peak_mb = _read_in_child(path)
    assert [(i["kind"], i["code"], i["record"]) for i in items] == [
        ("RawDocument", None, 1),
        ("Failed", "E016", 2),
        ("RawDocument", None, 3),
    ]
    assert peak_mb < MAX_RSS_MB


def test_bombs_jsonl_gz_bomb_line_is_bounded(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    with path.open("wb") as out:
        gzip_member(out, json.dumps({"text": ARTICLE}).encode() + b'\n{"text": "', GB // 2, b'"}\n{"text": "Last."}\n')
    items, peak_mb = _read_in_child(path)
    assert [(i["kind"], i["code"], i["record"]) for i in items] == [
        ("RawDocument", None, 1),
        ("Failed", "E016", 2),
        ("RawDocument", None, 3),
    ]
    assert peak_mb < MAX_RSS_MB


def test_bombs_helper_writes_valid_gzip(tmp_path):
    import gzip

    packed = BytesIO()
    gzip_member(packed, b"head", 2 * BLOCK, b"tail")
    data = gzip.decompress(packed.getvalue())
    assert data[:4] == b"head" and data[-4:] == b"tail" and len(data) == 8 + 2 * BLOCK and not data[4:-4].strip(b"\0")
