"""The runner drives the flow: sources → clean → nlp → records → writers, in streaming batches.

Every input ends as a record or an error record; the summary counts both. Orchestration lives here
and nowhere else: stages are plain functions and spaCy components that know nothing of each other.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from models import ArticleRecord, ErrorRecord
from pipeline.clean import clean
from pipeline.documents import CleanArticle, Failed, RawDocument
from pipeline.errors import Errors, InputError
from pipeline.language import language_accepted
from pipeline.nlp import build_nlp
from pipeline.records import build_record, doc_id
from pipeline.settings import Settings
from pipeline.sources import iter_documents
from pipeline.writers import JsonlWriter, errors_path


@dataclass
class RunSummary:
    """What a run did: counts for the closing summary and the exit code."""

    records: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    seconds: float = 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def docs_per_second(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


def error_record(failed: Failed) -> ErrorRecord:
    p = failed.provenance
    return ErrorRecord(
        source=p.path or p.url or "<text>",
        record=p.record,
        stage=failed.stage,
        code=failed.code,
        error_type=failed.error_type,
        message=failed.message,
        duplicate_of=failed.duplicate_of,
    )


def _failed(raw_provenance, exc: InputError) -> Failed:  # noqa: ANN001
    return Failed(raw_provenance, exc.stage, exc.code.name, exc.code.error_type, exc.message)


def clean_stream(items: Iterable[RawDocument | Failed], settings: Settings) -> Iterator[CleanArticle | Failed]:
    """Clean each raw document; drop bodies seen before (recorded as duplicates) and oversize ones."""
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Failed):
            yield item
            continue
        try:
            article = clean(item)
        except InputError as exc:
            yield _failed(item.provenance, exc)
            continue
        if not language_accepted(article.language, settings.language):
            yield _failed(item.provenance, InputError(Errors.E006, article.language or "", stage="clean"))
            continue
        if len(article.text) > settings.max_chars:
            yield _failed(item.provenance, InputError(Errors.E007, str(len(article.text)), stage="clean"))
            continue
        key = doc_id(article.text)
        if key in seen:
            yield Failed(
                item.provenance,
                "clean",
                Errors.E009.name,
                Errors.E009.error_type,
                f"{Errors.E009.format()} ({seen[key]})",
                duplicate_of=key,
            )
            continue
        seen[key] = article.provenance.label
        yield article


def process(items: Iterable[RawDocument | Failed], settings: Settings) -> Iterator[ArticleRecord | ErrorRecord]:
    """Turn raw documents into records and error records, in input order within each batch."""
    nlp = build_nlp(settings.model)
    stream = clean_stream(items, settings)
    while batch := list(islice(stream, settings.batch_size)):
        articles = [a for a in batch if isinstance(a, CleanArticle)]
        docs = iter(nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=settings.batch_size))
        for item in batch:
            if isinstance(item, Failed):
                yield error_record(item)
                continue
            doc, article = next(docs)
            yield build_record(article, doc, settings.model)


def run(paths: Iterable[str | Path], out: Path, settings: Settings | None = None) -> RunSummary:
    """Process every article under ``paths`` (files, folders, ``http(s)://`` URLs) into ``out`` (records)
    and ``OUT.errors.jsonl``.

    Returns:
        The run's summary; ``summary.error_count`` says whether every input became a record.
    """
    settings = settings or Settings()
    summary = RunSummary()
    started = time.perf_counter()
    with JsonlWriter(out) as records, JsonlWriter(errors_path(out)) as errors:
        for item in process(iter_documents(paths, settings), settings):
            if isinstance(item, ArticleRecord):
                records.write_batch([item])
                summary.records += 1
            else:
                errors.write_batch([item])
                summary.errors[item.error_type] += 1
                if item.duplicate_of:
                    summary.duplicates += 1
    summary.seconds = time.perf_counter() - started
    return summary
