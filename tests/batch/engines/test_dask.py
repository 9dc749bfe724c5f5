"""The Dask engine on a LocalCluster of two worker processes (127.0.0.1): the same output as the local engine."""

import distributed  # a declared dependency: its absence is a failure, not a skip
import pytest

from pipeline.batch.runner import run
from pipeline.settings import Settings
from tests.batch.test_runner import make_articles


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local


def test_engines_dask_records_equal_the_local_engines(tmp_path, cluster):
    src = tmp_path / "in"
    make_articles(src, 5)
    (src / "copy.txt").write_text((src / "article-001.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    local = run([src], tmp_path / "local" / "records.jsonl", Settings())
    dask = run(
        [src], f"{tmp_path / 'dask'}/", Settings(engine="dask", scheduler=cluster.scheduler_address, pipe_batch=2)
    )
    assert dask.out == tmp_path / "dask" / "records.jsonl"
    assert dask.out.read_bytes() == local.out.read_bytes()
    errors = "records.errors.jsonl"
    assert (tmp_path / "dask" / errors).read_bytes() == (tmp_path / "local" / errors).read_bytes()
    assert (dask.records, dask.errors) == (local.records, local.errors) == (5, {"duplicate": 1, "empty": 1})
    assert not (tmp_path / "dask" / "records.parts").exists()  # every part merged and removed


def test_engines_dask_worker_thread_has_a_time_budget(tmp_path, cluster):
    src = tmp_path / "in"
    src.mkdir()
    (src / "quotes.txt").write_text('"a" said Bob. ' * 3000, encoding="utf-8")
    summary = run(
        [src], tmp_path / "records.jsonl", Settings(engine="dask", scheduler=cluster.scheduler_address, doc_timeout=0.5)
    )
    assert summary.errors == {"timeout": 1}
