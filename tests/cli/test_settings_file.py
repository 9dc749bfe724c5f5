"""A threatnews.toml in the working directory is announced, and a security-relevant key it sets is called out."""

from __future__ import annotations

from typer.testing import CliRunner

from pipeline.cli import app
from tests.batch.test_runner import make_articles

runner = CliRunner()


def test_settings_file_is_named_and_allow_private_from_it_is_announced(tmp_path, monkeypatch):
    make_articles(tmp_path / "in", 1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "threatnews.toml").write_text("allow_private = true\nworkers = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "in", "-o", "out/records.jsonl", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "settings: reading" in result.stderr and "threatnews.toml" in result.stderr
    assert "note: allow_private is on" in result.stderr


def test_settings_no_file_no_notice_and_the_flag_itself_needs_none(tmp_path, monkeypatch):
    make_articles(tmp_path / "in", 1)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run", "in", "-o", "out/records.jsonl", "--quiet", "--allow-private"])
    assert result.exit_code == 0, result.output
    assert "settings: reading" not in result.stderr and "note: allow_private" not in result.stderr
