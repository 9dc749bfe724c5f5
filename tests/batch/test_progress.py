import gzip

from pipeline.batch.progress import NoProgress, estimate_total, make_progress
from pipeline.settings import Settings


def test_runner_progress_estimate_counts_files_and_jsonl_lines(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}\n', encoding="utf-8")
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(b'{"text": "a"}\n{"text": "b"}\n'))
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert estimate_total([tmp_path, "https://example.org/a"]) == 1 + 3 + 2 + 1


def test_runner_progress_no_bar_when_quiet_or_not_a_terminal(tmp_path):
    assert isinstance(make_progress([tmp_path], Settings(quiet=True)), NoProgress)
    assert isinstance(make_progress([tmp_path], Settings()), NoProgress)  # pytest's stdout is not a TTY
