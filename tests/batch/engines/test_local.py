import threading
import time

import pytest

from pipeline import process
from pipeline.batch.engines import local as local_engine
from pipeline.batch.engines.local import LocalEngine
from pipeline.batch.engines.worker import process_item
from pipeline.budget import DocTimeout, time_budget
from pipeline.documents import Failed, Provenance, RawDocument
from pipeline.settings import Settings

TEXT = "Officials said “the hackers were linked to Beijing and hit water utilities in Texas,” she added.\n"


def raw(content: bytes | str = TEXT, name: str = "a.txt", fmt: str = "text") -> RawDocument:
    return RawDocument(Provenance(path=name), fmt, content)


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_engines_time_budget_stops_a_block_in_the_main_thread():
    with pytest.raises(DocTimeout), time_budget(0.05):
        _spin(5)


def test_engines_time_budget_stops_a_block_in_another_thread():
    caught = []

    def body() -> None:
        try:
            with time_budget(0.05):
                _spin(5)
        except DocTimeout:
            caught.append(True)

    thread = threading.Thread(target=body)
    thread.start()
    thread.join()
    assert caught == [True]


def test_engines_time_budget_does_not_fire_after_its_block():
    with time_budget(0.05):
        pass
    _spin(0.1)  # would raise here if the timer were left running


def test_engines_process_item_record_line_and_doc_id():
    outcome = process_item(raw(), Settings())
    assert outcome.is_record and outcome.doc_id and '"quotes"' in outcome.line


@pytest.mark.parametrize(
    ("settings", "content", "code"),
    [
        (Settings(max_input_bytes=10), TEXT, "E016"),
        (Settings(max_chars=10), TEXT, "E007"),
        (Settings(), "", "E001"),
    ],
)
def test_engines_process_item_bounds_become_error_lines(settings, content, code):
    outcome = process_item(raw(content), settings)
    assert not outcome.is_record and f'"code":"{code}"' in outcome.line


def test_engines_process_item_failed_input_is_its_error_line():
    failed = Failed(Provenance(path="x.jsonl", record=3), "sources", "E008", "json", "broken JSON line")
    outcome = process_item(failed, Settings())
    assert outcome.error_type == "json" and '"record":3' in outcome.line


@pytest.mark.parametrize(
    ("target", "code", "stage"),
    [("clean", "E017", "clean"), ("build_record", "E018", "extract")],
)
def test_engines_process_item_crashes_become_error_lines(monkeypatch, target, code, stage):
    def crash(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(process, target, crash)
    outcome = process_item(raw(), Settings())
    assert f'"code":"{code}"' in outcome.line and f'"stage":"{stage}"' in outcome.line
    assert "RecursionError" in outcome.line


def test_engines_process_item_nlp_crash_is_e010(monkeypatch):
    class Broken:
        max_length = 10**7

        def __call__(self, text):
            raise ValueError("bad doc")

    monkeypatch.setattr(process, "build_nlp", lambda model, **kw: Broken())
    outcome = process_item(raw(), Settings())
    assert '"code":"E010"' in outcome.line and '"stage":"nlp"' in outcome.line


def test_engines_local_pool_keeps_input_order():
    items = [raw(TEXT.replace("Texas", state), f"{state}.txt") for state in ("Ohio", "Utah", "Maine", "Idaho", "Iowa")]
    items.insert(2, Failed(Provenance(path="bad.txt"), "sources", "E001", "empty", "empty"))
    with LocalEngine(Settings(workers=2)) as engine:
        outcomes = list(engine.map(items))
    assert [o.provenance.path for o in outcomes] == [i.provenance.path for i in items]
    assert [o.is_record for o in outcomes] == [True, True, False, True, True, True]


def test_engines_local_worker_death_is_retried_alone_then_e019(monkeypatch):
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    class DyingPool:
        """Every document named 'kill' breaks the pool; others finish."""

        def submit(self, fn, work):
            """Takes a batch (a list) or, when retrying one input alone, an input."""
            future: Future = Future()
            items = work if isinstance(work, list) else [work]
            if any(item.provenance.path == "kill.txt" for item in items):
                future.set_exception(BrokenProcessPool("worker died"))
            else:
                outcomes = [process_item(item, Settings()) for item in items]
                future.set_result(outcomes if isinstance(work, list) else outcomes[0])
            return future

        def shutdown(self, **kwargs):
            pass

    engine = LocalEngine(Settings(workers=2))
    monkeypatch.setattr(engine, "_start_pool", lambda: DyingPool())
    monkeypatch.setattr(local_engine, "_work", None)
    outcomes = list(engine.map([raw(name="ok.txt"), raw(name="kill.txt"), raw(TEXT + "More.", name="ok2.txt")]))
    assert [o.provenance.path for o in outcomes] == ["ok.txt", "kill.txt", "ok2.txt"]
    assert outcomes[1].error_type == "worker" and '"code":"E019"' in outcomes[1].line
    assert outcomes[0].is_record and outcomes[2].is_record
