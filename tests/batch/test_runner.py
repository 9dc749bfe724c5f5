import gzip
import json
import re
from pathlib import Path

import jsonlines
import pytest

from models import ArticleRecord, ErrorRecord, check_spans
from pipeline.batch.manifest import manifest_path
from pipeline.batch.runner import run
from pipeline.errors import ConfigError
from pipeline.settings import Settings
from tests.conftest import CORPUS

ARTICLE = "Officials said “the hackers were linked to Beijing and hit water utilities in Texas,” she added.\n"
#: Sentences the generated articles are made of (short, so tests stay quick).
SENTENCES = (
    "Hackers linked to {country} broke into {n} water utilities in {state}, officials said on Tuesday.",
    "“We have seen the group return again and again,” said Dana Reyes, a director at the agency.",
    "The company declined to comment on the intrusion, which began in {year}.",
    "Investigators said the attackers used stolen passwords and a flaw in edge devices.",
)
COUNTRIES = ("China", "Russia", "Iran", "North Korea")
STATES = ("Texas", "Ohio", "Utah", "Maine", "Idaho")


def make_articles(folder: Path, count: int) -> list[Path]:
    """``count`` short, different plain-text articles in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        values = {"country": COUNTRIES[i % 4], "state": STATES[i % 5], "n": i + 2, "year": 2000 + i}
        text = " ".join(s.format(**values) for s in SENTENCES) + "\n"
        path = folder / f"article-{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sources(out: Path) -> list[tuple[str, int | None]]:
    """(source, record) of every record and error line of a run, sorted."""
    errors = out.with_name(out.name.replace(".jsonl", ".errors.jsonl"))
    found = [(r["source"]["path"] or r["source"]["url"], r["source"]["record"]) for r in read_lines(out)]
    found += [(e["source"], e["record"]) for e in read_lines(errors)]
    return sorted(found, key=str)


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
    assert summary.duplicates == 1


def make_hostile_folder(src: Path) -> list[tuple[str, int | None]]:
    """A folder of inputs that try to break the runner; returns the (source, record) each must end as."""
    src.mkdir()
    text = ARTICLE * 5
    expected: list[tuple[str, int | None]] = []

    def add(name: str, data: bytes) -> None:
        (src / name).write_bytes(data)
        expected.append((str(src / name), None))

    add("empty.txt", b"")
    add("binary.txt", bytes(range(256)) * 40)
    add("nul.txt", text.encode()[:100] + b"\x00" * 500 + text.encode()[100:])
    add("cp1252.txt", text.replace("Officials", "Offïcials").encode("cp1252"))
    add("utf16.txt", text.replace("Officials", "Officers").encode("utf-16"))
    add("truncated.html.gz", gzip.compress(f"<html><body><p>{text}</p></body></html>".encode())[:60])
    add("huge.txt", b"word " * 4_000_000)  # 20 MB
    add("nospace.txt", b"a" * 2_000_000)
    deep = "<html><body>" + "<div>" * 20_000 + f"<p>{text}</p>" + "</div>" * 20_000 + "</body></html>"
    add("deep.html", deep.encode())
    (src / "loop.txt").symlink_to("loop.txt")
    expected.append((str(src / "loop.txt"), None))
    (src / "sub").mkdir()
    (src / "sub" / "up").symlink_to("..")  # a folder loop: not followed
    lines = [json.dumps({"text": text}), "{broken", "[1, 2]", ""]
    (src / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected += [(str(src / "lines.jsonl"), n) for n in (1, 2, 3)]
    return sorted(expected, key=str)


def test_runner_hostile_inputs_each_end_as_one_record_or_error(tmp_path):
    src = tmp_path / "in"
    expected = make_hostile_folder(src)
    out = tmp_path / "out" / "records.jsonl"
    summary = run([src], out, Settings())
    assert sources(out) == expected
    assert summary.records + summary.error_count == len(expected)
    errors = {Path(e["source"]).name: e for e in read_lines(out.with_name("records.errors.jsonl"))}
    assert errors["huge.txt"]["error_type"] == "too-large"
    assert errors["loop.txt"]["error_type"] == "read"
    assert errors["binary.txt"]["error_type"] == "binary"
    assert {"empty.txt", "truncated.html.gz", "nospace.txt", "deep.html"} <= set(errors)
    assert all(e["message"] and e["code"].startswith("E") for e in errors.values())
    assert {Path(r["source"]["path"]).name for r in read_lines(out)} >= {"cp1252.txt", "utf16.txt"}


def test_runner_thousands_of_quote_marks_end_within_the_time_budget(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "quotes.txt").write_text('"a" said Bob. ' * 3000, encoding="utf-8")
    out = tmp_path / "records.jsonl"
    summary = run([src], out, Settings(doc_timeout=0.5))
    (error,) = read_lines(tmp_path / "records.errors.jsonl")
    assert summary.errors == {"timeout": 1}
    assert error["code"] == "E015" and "0.5 s" in error["message"]


def test_runner_oversize_bodies_end_as_too_large(tmp_path):
    src = tmp_path / "in"
    make_articles(src, 1)
    out = tmp_path / "records.jsonl"
    summary = run([src], out, Settings(max_chars=100))
    (error,) = read_lines(tmp_path / "records.errors.jsonl")
    assert summary.errors == {"too-large": 1} and error["code"] == "E007" and error["stage"] == "clean"


def test_runner_output_is_the_same_with_one_or_two_workers(tmp_path):
    src = tmp_path / "in"
    make_articles(src, 6)
    (src / "article-999.txt").write_text((src / "article-002.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    one, two = tmp_path / "one" / "records.jsonl", tmp_path / "two" / "records.jsonl"
    first = run([src], one, Settings(workers=1, commit_every=3))
    second = run([src], two, Settings(workers=2, commit_every=3))
    assert one.read_bytes() == two.read_bytes()
    assert one.with_name("records.errors.jsonl").read_bytes() == two.with_name("records.errors.jsonl").read_bytes()
    assert (first.records, first.errors, first.duplicates) == (second.records, second.errors, second.duplicates)
    assert first.records == 6 and first.errors == {"duplicate": 1, "empty": 1}


def test_runner_out_folder_holds_records_jsonl(tmp_path):
    src = tmp_path / "in"
    make_articles(src, 1)
    summary = run([src], f"{tmp_path / 'outdir'}/", Settings())
    assert summary.out == tmp_path / "outdir" / "records.jsonl"
    assert len(read_lines(summary.out)) == 1
    assert manifest_path(summary.out).exists()


def test_runner_fail_fast_stops_at_the_first_error(tmp_path):
    src = tmp_path / "in"
    make_articles(src, 4)
    (src / "article-001.txt").write_text("", encoding="utf-8")
    out = tmp_path / "records.jsonl"
    summary = run([src], out, Settings(fail_fast=True))
    assert summary.stopped_early
    assert summary.records == 1 and summary.errors == {"empty": 1}
    assert len(read_lines(out)) == 1


def _full_and_crashed(tmp_path: Path, count: int = 4) -> tuple[Path, Path, Path]:
    """A complete run, and a copy of it as a kill after the second of four batches might leave it."""
    src = tmp_path / "in"
    make_articles(src, count)
    full = tmp_path / "full" / "records.jsonl"
    run([src], full, Settings(commit_every=1))
    crashed = tmp_path / "crashed" / "records.jsonl"
    crashed.parent.mkdir()
    manifest = manifest_path(full).read_text(encoding="utf-8").splitlines(keepends=True)
    committed = json.loads(manifest[1])
    records = full.read_bytes()
    # records of batch 3 written but not committed, then a torn line; a torn manifest line too
    crashed.write_bytes(records[: committed["records_bytes"]] + records[committed["records_bytes"] :][:-40])
    crashed.with_name("records.errors.jsonl").write_bytes(b'{"source": "x", "sta')
    manifest_path(crashed).write_text("".join(manifest[:2]) + manifest[2][:30], encoding="utf-8")
    return src, full, crashed


def test_runner_resume_cuts_uncommitted_and_torn_lines_and_finishes_once(tmp_path):
    src, full, crashed = _full_and_crashed(tmp_path)
    summary = run([src], crashed, Settings(resume=True, commit_every=1))
    assert crashed.read_bytes() == full.read_bytes()
    assert crashed.with_name("records.errors.jsonl").read_bytes() == b""
    assert summary.resumed == 2 and summary.processed == 2 and summary.records == 4
    again = run([src], crashed, Settings(resume=True))
    assert again.processed == 0 and again.records == 4
    assert crashed.read_bytes() == full.read_bytes()


def test_runner_resume_still_finds_duplicates_of_committed_records(tmp_path):
    src = tmp_path / "in"
    make_articles(src, 2)
    out = tmp_path / "records.jsonl"
    run([src], out, Settings())
    (src / "zz-copy.txt").write_text((src / "article-000.txt").read_text(encoding="utf-8"), encoding="utf-8")
    summary = run([src], out, Settings(resume=True))
    assert summary.processed == 1 and summary.duplicates == 1 and summary.records == 2
    (error,) = read_lines(tmp_path / "records.errors.jsonl")
    assert error["error_type"] == "duplicate" and error["source"].endswith("zz-copy.txt")


def test_runner_resume_refuses_output_shorter_than_its_manifest(tmp_path):
    src = tmp_path / "in"
    make_articles(src, 2)
    out = tmp_path / "records.jsonl"
    run([src], out, Settings())
    out.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="E020"):
        run([src], out, Settings(resume=True))


def test_runner_without_resume_starts_over(tmp_path):
    src = tmp_path / "in"
    make_articles(src, 2)
    out = tmp_path / "records.jsonl"
    run([src], out, Settings())
    summary = run([src], out, Settings())
    assert summary.resumed == 0 and summary.records == 2 and len(read_lines(out)) == 2
    assert len(manifest_path(out).read_text(encoding="utf-8").splitlines()) == 1


def test_runner_generated_articles_differ(tmp_path):
    texts = {p.read_text(encoding="utf-8") for p in make_articles(tmp_path, 10)}
    assert len(texts) == 10 and all(re.search(r"\d", t) for t in texts)
