"""Every kind of bad input ends as one line in OUT.errors.jsonl (source, record, stage, type) and the run goes on."""

import gzip
import json

from pipeline.batch.runner import run
from pipeline.settings import Settings
from tests.sources.test_warc import _archive

ARTICLE = (
    "Officials said “the hackers were linked to Beijing and hit water utilities in Texas,” she added, "
    "and the agency said it had shared indicators with the utilities.\n"
)
GERMAN = (
    "Die Bundesregierung hat Russland für den Cyberangriff auf das Beschaffungsamt verantwortlich gemacht, "
    "sagte ein Sprecher des Auswärtigen Amtes am Donnerstag in Berlin.\n"
)


def _errors(out):
    return [json.loads(line) for line in out.with_name("records.errors.jsonl").open(encoding="utf-8")]


def test_sources_errors_each_bad_input_is_an_error_line(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "copy.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "binary.html").write_bytes(bytes(range(256)) * 8)
    (src / "truncated.html.gz").write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>" * 40)[:30])
    (src / "fake.txt.gz").write_bytes(b"plain bytes that only claim to be gzip")
    (src / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (src / "feed.jsonl").write_text('{"text": "bro\n', encoding="utf-8")
    (src / "german.txt").write_text(GERMAN, encoding="utf-8")
    _archive(src / "crawl.warc", gz=False)
    out = tmp_path / "out" / "records.jsonl"
    summary = run([src], out, Settings())
    errors = {(e["source"].rsplit("/", 1)[-1], e["record"]): e for e in _errors(out)}
    expected = {
        ("good.txt", None): ("clean", "duplicate"),  # copy.txt comes first
        ("empty.txt", None): ("sources", "empty"),
        ("binary.html", None): ("clean", "binary"),
        ("truncated.html.gz", None): ("sources", "gzip"),
        ("fake.txt.gz", None): ("sources", "gzip"),
        ("menu.html", None): ("clean", "no-article"),
        ("feed.jsonl", 1): ("sources", "json"),
        ("german.txt", None): ("clean", "language"),
        ("crawl.warc", 3): ("sources", "warc"),
        ("crawl.warc", 4): ("sources", "warc"),
    }
    assert {k: (e["stage"], e["error_type"]) for k, e in errors.items()} == expected
    assert errors[("german.txt", None)]["message"] == "unsupported language: de"
    assert all(e["message"] and e["code"].startswith("E") for e in errors.values())
    # copy.txt and the WARC's article became records.
    assert summary.records == 2 and summary.error_count == len(expected)


def test_sources_errors_language_any_accepts_german(tmp_path):
    (tmp_path / "german.txt").write_text(GERMAN, encoding="utf-8")
    out = tmp_path / "records.jsonl"
    summary = run([tmp_path / "german.txt"], out, Settings(language="any"))
    assert summary.records == 1 and summary.error_count == 0
