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
