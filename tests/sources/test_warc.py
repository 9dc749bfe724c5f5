"""WARC input through warcio: HTML responses in, everything else skipped or recorded."""

import gzip
from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.documents import Failed, RawDocument
from pipeline.sources import iter_documents

HTML = (
    b"<html><body><article><p>The archived article says that officials blamed a state-backed group for the "
    b"intrusion at the utility, and that the investigation is still going on.</p></article></body></html>"
)


def _response(writer, url, status, content_type, body):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))


def _archive(path, *, gz):
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        _response(writer, "http://a.example/story", "200 OK", "text/html; charset=utf-8", HTML)
        _response(writer, "http://a.example/logo.png", "200 OK", "image/png", b"\x89PNG....")
        _response(writer, "http://a.example/gone", "404 Not Found", "text/html", b"<p>gone</p>")
        req = StatusAndHeaders("GET /story HTTP/1.1", [("Host", "a.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("http://a.example/story", "request", http_headers=req))


def test_sources_warc_html_responses_become_documents_others_errors(tmp_path):
    for gz, name in ((False, "crawl.warc"), (True, "crawl.warc.gz")):
        path = tmp_path / name
        _archive(path, gz=gz)
        page, image, missing = iter_documents([path])
        assert isinstance(page, RawDocument) and page.format == "html" and page.content == HTML
        assert page.provenance.url == "http://a.example/story" and page.provenance.record == 2
        assert page.hints == {"charset": "utf-8"}
        assert isinstance(image, Failed) and image.error_type == "warc" and image.provenance.record == 3
        assert "image/png" in image.message
        assert isinstance(missing, Failed) and "404" in missing.message


def test_sources_warc_truncated_archive_ends_with_an_error(tmp_path):
    whole = tmp_path / "whole.warc"
    _archive(whole, gz=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(gzip.compress(data)[: len(data) // 3])
    items = list(iter_documents([cut]))
    assert items and isinstance(items[-1], Failed)
    assert items[-1].error_type in {"warc", "gzip"}


def test_sources_warc_record_over_the_limit_is_too_large_and_the_archive_goes_on(tmp_path):
    from pipeline.settings import Settings

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        _response(writer, "http://a.example/big", "200 OK", "text/html", HTML + b" " * 100)
        _response(writer, "http://a.example/story", "200 OK", "text/html", HTML)
    big, story = iter_documents([path], Settings(max_input_bytes=len(HTML)))
    assert isinstance(big, Failed) and big.code == "E016" and big.provenance.record == 1
    assert isinstance(story, RawDocument) and story.content == HTML and story.provenance.record == 2
