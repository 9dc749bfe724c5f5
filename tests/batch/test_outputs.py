"""Claiming a run's outputs: one run at a time, never through a link, never over an input or a stranger's file."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from pipeline.batch.outputs import OutputLock
from pipeline.cli import app
from tests.batch.test_runner import make_articles

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, ["run", *args, "--quiet"])


@pytest.fixture
def src(tmp_path):
    make_articles(tmp_path / "in", 2)
    return tmp_path / "in"


def test_outputs_second_run_into_a_locked_output_exits_2_naming_the_holder(src, tmp_path):
    out = tmp_path / "out" / "records.jsonl"
    with OutputLock(out):
        result = _run(str(src), "-o", str(out))
    assert result.exit_code == 2
    assert f"pid {os.getpid()}" in result.output and "E025" in result.output
    assert not out.exists()  # nothing was written by the refused run
    assert _run(str(src), "-o", str(out)).exit_code == 0  # the lock went with its holder


def test_outputs_a_link_planted_at_an_output_path_is_refused(src, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.errors.jsonl").symlink_to(victim)
    result = _run(str(src), "-o", f"{out}/")
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_outputs_an_input_is_never_an_output(src, tmp_path):
    article = sorted(src.iterdir())[0]
    before = article.read_bytes()
    result = _run(str(article), "-o", str(article))
    assert result.exit_code == 2 and "is also an input" in result.output
    assert article.read_bytes() == before
    result = _run(str(src), "-o", f"{src}/")
    assert result.exit_code == 2 and "inside the input folder" in result.output
    assert sorted(p.name for p in src.iterdir()) == ["article-000.txt", "article-001.txt"]


def test_outputs_a_file_threatnews_did_not_write_needs_force(src, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    result = _run(str(src), "-o", str(notes))
    assert result.exit_code == 2 and "--force" in result.output
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    assert _run(str(src), "-o", str(notes), "--force").exit_code == 0
    assert json.loads(notes.read_text(encoding="utf-8").splitlines()[0])["doc_id"]
    assert _run(str(src), "-o", str(notes)).exit_code == 0  # now it is a threatnews output: rerunning is fine


def test_outputs_resume_into_a_new_folder_starts_the_run(src, tmp_path):
    out = tmp_path / "new" / "deeper"
    result = _run(str(src), "-o", f"{out}/", "--resume")
    assert result.exit_code == 0, result.output
    assert len((out / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_outputs_a_value_after_a_flag_is_a_usage_error(src, tmp_path):
    result = _run(str(src), "-o", str(tmp_path / "r.jsonl"), "--resume", "true")
    assert result.exit_code == 2 and "take no value" in result.output
