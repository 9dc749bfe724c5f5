import json

import pytest

from pipeline.batch.manifest import (
    Finished,
    ManifestWriter,
    content_hash,
    input_key,
    load_resume_state,
    manifest_path,
)
from pipeline.documents import Failed, Provenance, RawDocument
from pipeline.errors import ConfigError


def test_manifest_path_sits_beside_the_records(tmp_path):
    assert manifest_path(tmp_path / "records.jsonl") == tmp_path / "records.manifest.jsonl"


def test_manifest_input_key_is_source_and_content_hash():
    a = RawDocument(Provenance(path="a.txt"), "text", b"same")
    b = RawDocument(Provenance(path="a.txt"), "text", "same")
    c = RawDocument(Provenance(path="a.jsonl", record=2), "text", "other")
    assert input_key(a) == input_key(b) == ("a.txt", content_hash(b"same"))
    assert input_key(c)[0] == "a.jsonl#2" and input_key(c)[1] != input_key(a)[1]
    failed = Failed(Provenance(path="x.gz"), "sources", "E004", "gzip", "truncated")
    assert input_key(failed) == ("x.gz", "failed:E004")


def _write(out, batches):
    out.write_text("", encoding="utf-8")
    out.with_name("records.errors.jsonl").write_text("", encoding="utf-8")
    with ManifestWriter(out, append=False) as manifest:
        size = 0
        for items in batches:
            with out.open("a", encoding="utf-8") as handle:
                handle.write("{}\n" * sum(i.error_type is None for i in items))
            size = out.stat().st_size
            manifest.commit(items, size, 0)
        manifest.commit([], size, 0)  # an empty batch writes nothing


def test_manifest_resume_state_counts_done_inputs_and_seen_bodies(tmp_path):
    out = tmp_path / "records.jsonl"
    first = [Finished(("a.txt", "h1"), doc_id="d1"), Finished(("b.txt", "h2"), error_type="empty")]
    second = [Finished(("a.txt", "h1"), error_type="duplicate", duplicate=True)]
    _write(out, [first, second])
    assert len(manifest_path(out).read_text(encoding="utf-8").splitlines()) == 2
    state = load_resume_state(out)
    assert state.seen == {"d1": "a.txt"} and len(state.finished) == 3
    assert state.take(("a.txt", "h1")) and state.take(("a.txt", "h1")) and not state.take(("a.txt", "h1"))
    assert state.take(("b.txt", "h2")) and not state.take(("c.txt", "h3"))


def test_manifest_torn_last_line_is_cut_and_uncommitted_records_dropped(tmp_path):
    out = tmp_path / "records.jsonl"
    _write(out, [[Finished(("a.txt", "h1"), doc_id="d1")]])
    committed = manifest_path(out).read_bytes()
    with manifest_path(out).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"manifest": 1, "items": []})[:20])
    with out.open("a", encoding="utf-8") as handle:
        handle.write('{"uncommitted": 1}\n{"torn')
    state = load_resume_state(out)
    assert manifest_path(out).read_bytes() == committed
    assert out.read_text(encoding="utf-8") == "{}\n"
    assert state.records_size == 3 and len(state.finished) == 1


def test_manifest_missing_means_nothing_done_and_empty_outputs(tmp_path):
    out = tmp_path / "records.jsonl"
    out.write_text('{"stray": 1}\n', encoding="utf-8")
    state = load_resume_state(out)
    assert not state.finished and out.read_text(encoding="utf-8") == ""


def test_manifest_output_shorter_than_committed_is_a_config_error(tmp_path):
    out = tmp_path / "records.jsonl"
    _write(out, [[Finished(("a.txt", "h1"), doc_id="d1")]])
    out.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_resume_state(out)
    assert info.value.code.name == "E020"
