"""process_batch: one nlp.pipe over several inputs, with the same outcomes as one by one."""

import pytest

from pipeline.batch.engines.worker import process_batch, process_item
from pipeline.budget import DocTimeout
from pipeline.documents import Failed, Provenance, RawDocument
from pipeline.process import load_nlp, process_document, process_documents
from pipeline.settings import Settings
from tests.conftest import CORPUS

HOSTILE = b"\x00\x01\x02" * 100


def raws():
    paths = sorted((CORPUS / "articles").glob("*.txt"))[:4]
    items = [RawDocument(Provenance(path=str(p)), "text", p.read_bytes()) for p in paths]
    items.insert(2, RawDocument(Provenance(path="binary.txt"), "text", HOSTILE))
    return items


def test_engines_batch_equals_one_by_one():
    settings = Settings()
    items = raws()
    batched = process_batch(items, settings)
    single = [process_item(item, settings) for item in items]
    assert [o.line for o in batched] == [o.line for o in single]
    assert [o.is_record for o in batched] == [True, True, False, True, True]


def test_engines_batch_that_fails_falls_back_to_one_by_one():
    """When the batched pipe fails, every document is processed alone and still ends as a record."""
    real = load_nlp(Settings())
    calls = []

    class Failing:
        def pipe(self, *args, **kwargs):
            raise DocTimeout

        def make_doc(self, text):
            return real.make_doc(text)

        def __call__(self, doc):
            calls.append(doc)
            return real(doc)

    items = raws()
    results = process_documents(items, Settings(), Failing())
    assert len(calls) == 4  # the fallback ran: each good document went through nlp alone
    assert [isinstance(r, Failed) for r in results] == [False, False, True, False, False]
    single = [process_document(item, Settings(), real) for item in items]
    assert results == single  # records are pydantic models and failures frozen dataclasses: equal by value


@pytest.mark.parametrize("size", [1, 3])
def test_engines_local_engine_batches_keep_input_order(tmp_path, size):
    from pipeline.batch.engines.local import LocalEngine

    settings = Settings(pipe_batch=size)
    items = raws()
    with LocalEngine(settings) as engine:
        outcomes = list(engine.map(items))
    assert [o.provenance.path for o in outcomes] == [i.provenance.path for i in items]


def test_engines_batch_a_single_document_that_times_out_is_not_run_again():
    """A batch of one that runs out of time has spent that document's budget: no second, one-by-one attempt."""
    calls = []

    class Slow:
        def pipe(self, *args, **kwargs):
            raise DocTimeout

        def __call__(self, text):
            calls.append(text)
            raise AssertionError("the timed-out document was processed a second time")

    results = process_documents(raws()[:1], Settings(doc_timeout=5), Slow())
    assert calls == []
    assert isinstance(results[0], Failed) and results[0].code == "E015" and "during nlp" in results[0].message
