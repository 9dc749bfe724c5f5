"""``threatnews ledger``: formats, --actor, -o, broken lines and a missing file."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from models import LedgerEntry
from pipeline.cli import app
from tests.export.test_reading import corpus_records_path

runner = CliRunner()


def test_cli_ledger_prints_a_markdown_table_by_default():
    result = runner.invoke(app, ["ledger", str(corpus_records_path()), "--actor", "Flax Typhoon"])
    assert result.exit_code == 0, result.output
    assert "# Attribution ledger (1 entry from 18 records)" in result.output
    assert "## Flax Typhoon → China (CN)" in result.output
    assert "Gazetteer's view (not evidence, not counted): CN (misp)." in result.output
    assert (
        "| 2025-09-18 | attribution | Federal Bureau of Investigation [government] | asserted | sponsorship |"
        in result.output
    )


def test_cli_ledger_actor_matches_an_alias_and_the_unnamed():
    alias = runner.invoke(app, ["ledger", str(corpus_records_path()), "--actor", "vanguard panda", "-f", "jsonl"])
    assert alias.exit_code == 0, alias.output
    entries = [LedgerEntry.model_validate_json(line) for line in alias.output.splitlines()]
    assert {e.actor_id for e in entries} == {"volt-typhoon"}
    unnamed = runner.invoke(app, ["ledger", str(corpus_records_path()), "--actor", "unnamed", "-f", "jsonl"])
    entries = [LedgerEntry.model_validate_json(line) for line in unnamed.output.splitlines()]
    assert entries and {e.actor_id for e in entries} == {None}
    assert {"CN", "RU", "IR", "KP"} <= {e.party.key for e in entries}


def test_cli_ledger_writes_csv_and_json_named_by_the_file(tmp_path):
    out = tmp_path / "ledger.csv"
    result = runner.invoke(app, ["ledger", str(corpus_records_path()), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "18 records ->" in result.output and "ledger entries in" in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and {r["role"] for r in rows} == {"attribution", "denial"}
    flax = [r for r in rows if r["actor_id"] == "flax-typhoon" and r["role"] == "attribution"]
    assert {r["claimant"] for r in flax} >= {"Federal Bureau of Investigation"}
    assert all(r["party_country"] == "CN" and r["gazetteer_country"] == "CN" for r in flax)
    as_json = tmp_path / "ledger.json"
    assert runner.invoke(app, ["ledger", str(corpus_records_path()), "-o", str(as_json)]).exit_code == 0
    body = json.loads(as_json.read_text(encoding="utf-8"))
    assert (
        body["records"] == 18
        and body["skipped"] == 0
        and len(body["entries"]) == len({(r["actor_id"], r["party"]) for r in rows})
    )


def test_cli_ledger_broken_lines_are_named_and_exit_1(tmp_path):
    lines = corpus_records_path().read_text(encoding="utf-8").splitlines()
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join([lines[0], "garbage", lines[1]]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ledger", str(path), "-o", str(tmp_path / "l.md")])
    assert result.exit_code == 1
    assert f"threatnews ledger: skipped {path}:2: not an article record" in result.output
    assert "2 records ->" in result.output and "(1 broken lines skipped)" in result.output
    assert (tmp_path / "l.md").read_text(encoding="utf-8").startswith("# Attribution ledger")


def test_cli_ledger_missing_records_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["ledger", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "no records file" in result.output
