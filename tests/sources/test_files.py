"""Folders and article files: the walk, .gz, and each kind of bad file as a Failed value."""

import gzip
import os

import pytest

from pipeline.documents import Failed, RawDocument
from pipeline.sources import iter_documents, iter_paths
from pipeline.sources.files import file_kind

PAGE = b"<html><head><title>T</title></head><body><article><p>Body text.</p></article></body></html>"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("a.TXT", "text"),
        ("a.html", "html"),
        ("a.htm.gz", "html"),
        ("a.txt.gz", "text"),
        ("a.jsonl", "jsonl"),
        ("a.json.gz", "jsonl"),
        ("a.warc", "warc"),
        ("a.warc.gz", "warc"),
        ("a.pdf", None),
        ("a.gz", None),
        ("0123.fetch.json", None),
    ],
)
def test_sources_files_kind_by_name(tmp_path, name, kind):
    assert file_kind(tmp_path / name) == kind


def test_sources_files_walk_is_recursive_sorted_and_skips_symlinked_folders(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b" / "deep" / "c.html").write_text("x")
    (tmp_path / "b" / "notes.pdf").write_text("x")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "hidden.txt").write_text("x")
    os.symlink(outside, tmp_path / "link", target_is_directory=True)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a.txt", "b/deep/c.html"]


def test_sources_files_reads_gzip_html_as_bytes(tmp_path):
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE))
    [doc] = iter_documents([tmp_path])
    assert isinstance(doc, RawDocument) and doc.format == "html" and doc.content == PAGE


@pytest.mark.parametrize(
    ("name", "data", "error_type"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.html", b"  \n\n ", "empty"),
        ("truncated.html.gz", gzip.compress(PAGE * 50)[:40], "gzip"),
        ("claims.txt.gz", b"this is not gzip at all", "gzip"),
        ("report.pdf", b"%PDF-1.4", "unsupported"),
    ],
)
def test_sources_files_bad_file_becomes_failed(tmp_path, name, data, error_type):
    path = tmp_path / name
    path.write_bytes(data)
    [item] = iter_documents([path])
    assert isinstance(item, Failed)
    assert (item.error_type, item.stage, item.provenance.path) == (error_type, "sources", str(path))


def test_sources_files_fetch_sidecar_gives_the_page_its_url(tmp_path):
    (tmp_path / "abc.html.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "abc.fetch.json").write_text(
        '{"url": "http://a.example/x", "final_url": "http://a.example/y", "content_type": "text/html; charset=latin-1"}'
    )
    [doc] = iter_documents([tmp_path])
    assert doc.provenance.url == "http://a.example/y"
    assert doc.hints == {"charset": "latin-1"}


@pytest.mark.parametrize("name", ["page.html", "page.html.gz"])
def test_sources_files_over_the_limit_is_too_large_without_reading_on(tmp_path, name):
    from pipeline.settings import Settings

    limit = len(PAGE)
    for stem, data in (("at", PAGE), ("over", PAGE + b" ")):
        path = tmp_path / f"{stem}-{name}"
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    at, over = iter_documents([tmp_path], Settings(max_input_bytes=limit))
    assert isinstance(at, RawDocument) and at.content == PAGE
    assert isinstance(over, Failed) and (over.code, over.stage) == ("E016", "sources")
    assert over.message == f"the input has more than {limit} bytes, over the limit"


def test_sources_files_read_file_takes_a_limit(tmp_path):
    from pipeline.errors import InputError
    from pipeline.sources.files import read_file

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 50)
    assert read_file(path).content == b"x" * 50
    with pytest.raises(InputError) as caught:
        read_file(path, limit=49)
    assert caught.value.code.name == "E016"
