"""One chain per document: extract(), run with one or two workers and the Dask engine give the same records and
the same failures, because they all go through pipeline.process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import distributed
import pytest

from models import ArticleRecord
from pipeline import extract
from pipeline.batch.runner import run
from pipeline.errors import InputError
from pipeline.settings import Settings
from pipeline.sources.files import read_file
from tests.conftest import CORPUS

FRENCH = (
    "Le gouvernement a annoncé mardi que des pirates informatiques avaient pénétré les réseaux de plusieurs "
    "hôpitaux du pays. Selon le ministère, les attaquants ont dérobé des données personnelles de milliers de "
    "patients avant d'être repérés par les équipes techniques, qui travaillent encore à rétablir les services.\n"
)
BINARY = b"\x00\x01\x02\x03\xff" * 200


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    for name in ("01-volt-typhoon-water-utilities.txt", "02-salt-typhoon-canadian-carrier.html"):
        shutil.copy(CORPUS / "articles" / name, folder / name)
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "binary.txt").write_bytes(BINARY)
    return folder


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_process_every_engine_and_extract_give_the_same_records_and_failures(inputs, tmp_path):
    one = run([inputs], tmp_path / "one" / "records.jsonl", Settings(quiet=True))
    two = run([inputs], tmp_path / "two" / "records.jsonl", Settings(workers=2, quiet=True))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        dask = run(
            [inputs], tmp_path / "dask" / "records.jsonl", Settings(engine="dask", scheduler=c.scheduler_address)
        )
    for name in ("records.jsonl", "records.errors.jsonl"):
        reference = (tmp_path / "one" / name).read_bytes()
        assert (tmp_path / "two" / name).read_bytes() == reference
        assert (tmp_path / "dask" / name).read_bytes() == reference
    assert (one.records, dict(one.errors)) == (two.records, dict(two.errors)) == (dask.records, dict(dask.errors))
    assert one.records == 2 and dict(one.errors) == {"language": 1, "binary": 1}

    records = {Path(r["source"]["path"]).name: r for r in _lines(tmp_path / "one" / "records.jsonl")}
    errors = {Path(e["source"]).name: e for e in _lines(tmp_path / "one" / "records.errors.jsonl")}
    settings = Settings()
    for path in sorted(inputs.iterdir()):
        raw = read_file(path)
        if path.name in records:
            record = extract(raw.content, format=raw.format, path=str(path), settings=settings)
            assert record == ArticleRecord.model_validate(records[path.name])
        else:
            with pytest.raises(InputError) as caught:
                extract(raw.content, format=raw.format, path=str(path), settings=settings)
            assert caught.value.code.name == errors[path.name]["code"]
            assert caught.value.message == errors[path.name]["message"]


def test_process_extract_refuses_an_oversized_body_with_a_coded_error():
    with pytest.raises(InputError) as caught:
        extract("Officials said the hackers were linked to Beijing. " * 50, settings=Settings(max_chars=100))
    assert caught.value.code.name == "E007"
