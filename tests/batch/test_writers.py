import json
from pathlib import Path

from models import ErrorRecord
from pipeline.batch.writers import JsonlWriter, errors_path, output_path, truncate_to


def test_writers_errors_path_sits_beside_the_records():
    assert errors_path(Path("out/records.jsonl")) == Path("out/records.errors.jsonl")
    assert errors_path(Path("out/records")) == Path("out/records.errors.jsonl")


def test_writers_output_path_of_a_folder_holds_records_jsonl(tmp_path):
    assert output_path(f"{tmp_path}/new/") == tmp_path / "new" / "records.jsonl"
    assert output_path(tmp_path) == tmp_path / "records.jsonl"
    assert output_path(tmp_path / "x.jsonl") == tmp_path / "x.jsonl"


def test_writers_batches_are_whole_lines_and_size_is_on_disk(tmp_path):
    path = tmp_path / "sub" / "errors.jsonl"
    error = ErrorRecord(source="a.txt", stage="clean", code="E001", error_type="empty", message="empty")
    with JsonlWriter(path) as writer:
        assert writer.write_batch([error, error]) == 2
        assert writer.write_lines([]) == 0
        assert writer.size == path.stat().st_size
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["code"] for line in lines] == ["E001", "E001"]
    with JsonlWriter(path, append=True) as writer:
        writer.write_lines(['{"more": 1}'])
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3


def test_writers_truncate_to_cuts_a_torn_tail(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"a": 1}\n{"b', encoding="utf-8")
    truncate_to(path, 9)
    assert path.read_text(encoding="utf-8") == '{"a": 1}\n'
    truncate_to(tmp_path / "missing.jsonl", 0)
    assert (tmp_path / "missing.jsonl").read_text(encoding="utf-8") == ""
