from collections import Counter

from rich.console import Console
from typer.testing import CliRunner

from models import ArticleRecord, ErrorRecord, PipelineInfo, Source
from pipeline.cli import app
from pipeline.export import compute_stats, read_records, stats_tables
from tests.export.test_reading import HAND_TEXT, corpus_records_path, hand_record

runner = CliRunner()


def render(tables) -> str:
    console = Console(width=120, record=True)
    for table in tables:
        console.print(table)
    return console.export_text()


def test_stats_counts_match_the_records():
    records = read_records(corpus_records_path())
    stats = compute_stats(records)
    assert stats.articles == len(records)
    assert sum(stats.actor_mentions.values()) == sum(len(a.mentions) for r in records for a in r.actors)
    assert sum(stats.quotes_by_kind.values()) == sum(len(r.quotes) for r in records)
    assert sum(stats.claims_by_stance.values()) == sum(len(r.claims) for r in records)
    assert stats.errors_by_type is None


def test_stats_speakers_are_counted_by_name_across_articles():
    records = [hand_record(HAND_TEXT, doc_id="a"), hand_record(HAND_TEXT, doc_id="b")]
    stats = compute_stats(records)
    assert stats.speaker_quotes == Counter({"Dana Whitfield": 2})
    assert stats.speaker_articles["Dana Whitfield"] == 2
    assert stats.actor_mentions == Counter({"Volt Typhoon": 2}) and stats.actors_by_country == Counter({"CN": 1})
    assert stats.claims_by_stance[("sponsorship", "hedged")] == 2


def test_stats_tables_show_each_section():
    errors = [
        ErrorRecord(source="a.txt", stage="sources", code="E001", error_type="empty", message="empty"),
        ErrorRecord(source="b.txt", stage="sources", code="E001", error_type="empty", message="empty"),
        ErrorRecord(source="c.bin", stage="sources", code="E002", error_type="binary", message="binary"),
    ]
    text = render(stats_tables(compute_stats([hand_record(HAND_TEXT)], errors)))
    for title in (
        "Actors by mentions",
        "Actors by country",
        "speakers by quotes",
        "Claims by stance",
        "Quotes by kind",
    ):
        assert title in text
    assert "Errors by type: 3" in text
    assert text.index("empty") < text.index("binary")


def test_stats_cli_reads_the_errors_file_beside_the_records(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(hand_record(HAND_TEXT).model_dump_json() + "\n", encoding="utf-8")
    (tmp_path / "r.errors.jsonl").write_text(
        ErrorRecord(source="x", stage="sources", code="E009", error_type="duplicate", message="dup").model_dump_json()
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["stats", str(records)])
    assert result.exit_code == 0, result.output
    assert "Volt Typhoon" in result.output and "Dana Whitfield" in result.output
    assert "duplicate" in result.output and "E009" in result.output


def test_stats_cli_without_errors_file_says_so(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(hand_record(HAND_TEXT).model_dump_json() + "\n", encoding="utf-8")
    result = runner.invoke(app, ["stats", str(records)])
    assert result.exit_code == 0 and "no errors file beside the records" in result.output
    assert runner.invoke(app, ["stats", str(tmp_path / "absent.jsonl")]).exit_code == 2


SECTIONS = (
    "Actors by mentions (1 articles)",
    "Actors by country",
    "Top 10 speakers by quotes",
    "Claims by stance",
    "Top 10 ledger entries by attributions",
    "Quotes by kind",
)


def bare_record():
    return ArticleRecord(
        doc_id="bare0001",
        source=Source(path="b.txt"),
        text="Shares rose.",
        pipeline=PipelineInfo(version="t", model="n"),
    )


def test_stats_sections_without_rows_say_none():
    text = render(stats_tables(compute_stats([bare_record()], [])))
    lines = text.splitlines()
    for title in SECTIONS:
        assert lines[lines.index(title) + 1] == "(none)", title
    assert lines[lines.index("Errors by type: 0") + 1] == "(none: every input became a record)"
    assert "┏" not in text and "┃" not in text  # no table at all, not even a header


def test_stats_cli_says_none_for_empty_sections(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(bare_record().model_dump_json() + "\n", encoding="utf-8")
    result = runner.invoke(app, ["stats", str(records)])
    assert result.exit_code == 0, result.output
    assert result.output.count("(none)") == len(SECTIONS) and "(no errors file beside the records)" in result.output
    assert "┃ actor" not in result.output
    # a section with rows is still a table
    records.write_text(hand_record(HAND_TEXT).model_dump_json() + "\n", encoding="utf-8")
    full = runner.invoke(app, ["stats", str(records)])
    assert "(none)" not in full.output and "┃ actor" in full.output


def test_stats_ledger_section_ranks_entries_with_their_consensus():
    stats = compute_stats([hand_record(HAND_TEXT, doc_id="a"), hand_record(HAND_TEXT, doc_id="b")])
    top = {(e.actor_name, e.party.country): (e.attributions, e.consensus) for e in stats.ledger}
    assert top[("Volt Typhoon", "CN")] == (2, "contested")
    tables = stats_tables(stats)
    ledger = next(t for t in tables if "ledger" in str(getattr(t, "title", t)))
    assert ledger.row_count == len(stats.ledger)
