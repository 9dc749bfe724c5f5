"""Every data table has a header saying what it holds, and loads."""

from importlib.resources import files

import pytest

from pipeline.data import read_json, read_lines, read_rows

DATA = files("pipeline.data")
TABLES = sorted(p.name for p in DATA.iterdir() if p.name.endswith((".txt", ".tsv", ".json")))


@pytest.mark.parametrize("name", TABLES)
def test_data_table_has_header_and_entries(name):
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        table = read_json(name)
        assert isinstance(table, dict) and table.get("about"), f"{name} needs an 'about' field"
        assert len(table) >= 2
    else:
        assert text.startswith("#"), f"{name} needs a header comment"
        rows = read_rows(name) if name.endswith(".tsv") else read_lines(name)
        assert rows, name


def test_data_tsv_rows_have_a_constant_width():
    for name in (n for n in TABLES if n.endswith(".tsv")):
        widths = {len(row) for row in read_rows(name)}
        assert len(widths) == 1, f"{name}: rows of widths {widths}"
