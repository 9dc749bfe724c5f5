"""What a worker sends back: the finished JSON line of each input's result.

The whole chain (:mod:`pipeline.process`) runs in the worker (a Doc with dataclasses in ``Doc._`` does not
survive spaCy's ``n_process`` serialisation), and only the finished line of an ``ArticleRecord`` or
``ErrorRecord`` travels back, with what the runner needs to count and deduplicate it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from models import ArticleRecord
from pipeline.documents import Failed, Provenance, RawDocument
from pipeline.errors import Errors
from pipeline.process import Result, process_document, process_documents
from pipeline.settings import Settings


@dataclass(frozen=True)
class Outcome:
    """One input's result: the JSON line to write, and what the runner needs to count and dedupe it."""

    provenance: Provenance
    line: str
    doc_id: str | None = None
    error_type: str | None = None

    @property
    def is_record(self) -> bool:
        return self.error_type is None


def outcome_of(item: RawDocument | Failed, result: Result) -> Outcome:
    """The line to write for ``item``'s result."""
    if isinstance(result, Failed):
        line = result.to_record().model_dump_json(exclude_none=False)
        return Outcome(result.provenance, line, None, result.error_type)
    assert isinstance(result, ArticleRecord)
    return Outcome(item.provenance, result.model_dump_json(exclude_none=False), result.doc_id, None)


def process_item(item: RawDocument | Failed, settings: Settings) -> Outcome:
    """One input through the chain, as its line."""
    return outcome_of(item, process_document(item, settings))


def process_batch(items: list[RawDocument | Failed], settings: Settings) -> list[Outcome]:
    """Several inputs through the chain with one ``nlp.pipe`` call, as their lines, in order."""
    return [outcome_of(item, result) for item, result in zip(items, process_documents(items, settings), strict=True)]


def failure_outcome(provenance: Provenance, code: Errors, detail: str, *, stage: str) -> Outcome:
    """The line of an input the engine itself gave up on (a worker that died on it twice)."""
    failed = Failed.of(provenance, code, detail, stage=stage)
    return outcome_of(RawDocument(provenance, "text", ""), failed)


def duplicate_outcome(outcome: Outcome, first: str) -> Outcome:
    """A record whose body was already recorded (from ``first``) becomes a duplicate error line."""
    failed = Failed.of(outcome.provenance, Errors.E009, stage="clean")
    failed = replace(failed, message=f"{failed.message} ({first})", duplicate_of=outcome.doc_id)
    return outcome_of(RawDocument(outcome.provenance, "text", ""), failed)


__all__ = ["Outcome", "duplicate_outcome", "failure_outcome", "outcome_of", "process_batch", "process_item"]
