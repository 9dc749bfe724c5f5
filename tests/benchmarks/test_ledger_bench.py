"""The ledger bench's generated records (the measurement itself is ``make bench``, never a test)."""

from benchmarks.ledger_bench import ACTORS, STATES, synthetic_record, write_records
from models import ArticleRecord
from pipeline.export.ledger import read_ledger


def test_ledger_bench_records_are_valid_and_counted_as_designed(tmp_path):
    count = 2 * len(ACTORS) * len(STATES)
    for n in (0, 1, 7, count - 1):
        ArticleRecord.model_validate(synthetic_record(n))  # every span matches its text
    result = read_ledger(write_records(tmp_path / "r.jsonl", count), limit=3)
    assert (result.records, result.skipped) == (count, 0)
    named = [e for e in result.entries if e.actor_id]
    assert len(named) == len(ACTORS) * len(STATES)
    assert all(e.attributions == 2 and len(e.attributions_listed) <= 3 for e in named)
    # the targeting claims carry the gazetteer's view: never counted
    assert sum(e.attributions for e in result.entries) == count
    assert {e.party.key for e in result.entries if e.actor_id is None} == {code for _, code in STATES}
