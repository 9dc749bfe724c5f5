"""``threatnews run`` flags over the runner: exit codes, usage errors, resume and the summary."""

from typer.testing import CliRunner

from pipeline.cli import app
from tests.batch.test_runner import make_articles

runner = CliRunner()


def test_runner_cli_exit_0_summary_and_resume(tmp_path):
    src = tmp_path / "in"
    make_articles(src, 2)
    out = tmp_path / "out" / "records.jsonl"
    first = runner.invoke(app, ["run", str(src), "-o", str(out), "--quiet", "--workers", "1"])
    assert first.exit_code == 0, first.output
    assert "2 records" in first.output and "docs/s" in first.output and "0 duplicates" in first.output
    again = runner.invoke(app, ["run", str(src), "-o", str(out), "--resume"])
    assert again.exit_code == 0 and "2 finished before, skipped" in again.output


def test_runner_cli_exit_1_when_some_inputs_are_errors_and_fail_fast(tmp_path):
    src = tmp_path / "in"
    make_articles(src, 3)
    (src / "article-000.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["run", str(src), "-o", f"{tmp_path}/out/", "--fail-fast"])
    assert result.exit_code == 1
    assert "0 records" in result.output and "1 empty" in result.output and "--fail-fast" in result.output
    assert "some inputs ended as errors" in result.output


def test_runner_cli_usage_errors_exit_2(tmp_path):
    src = tmp_path / "in"
    make_articles(src, 1)
    out = tmp_path / "records.jsonl"
    assert runner.invoke(app, ["run", str(src), "-o", str(out), "--workers", "0"]).exit_code == 2
    assert runner.invoke(app, ["run", str(src), "-o", str(out), "--engine", "spark"]).exit_code == 2
    assert runner.invoke(app, ["run", str(src), "-o", str(out), "--scheduler", "tcp://127.0.0.1:1"]).exit_code == 2
    assert runner.invoke(app, ["run", str(src), "-o", str(out), "--no-such-flag"]).exit_code == 2
    assert runner.invoke(app, ["run", str(src), "-o", str(out)]).exit_code == 0
    out.write_text("", encoding="utf-8")  # shorter than its manifest says
    resumed = runner.invoke(app, ["run", str(src), "-o", str(out), "--resume"])
    assert resumed.exit_code == 2 and "E020" in resumed.output


def test_runner_cli_unreachable_scheduler_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("THREATNEWS_SCHEDULER_TIMEOUT", "1")
    src = tmp_path / "in"
    make_articles(src, 1)
    args = ["run", str(src), "-o", str(tmp_path / "r.jsonl"), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "E021" in result.output
