"""Reading a records file into the ledger line by line: a broken line is named and skipped, the rest counted.

Unlike the other exports (:func:`pipeline.export.read_records`, which stops at the first broken line), the
ledger is an aggregate over a possibly huge run: one bad line should cost its article, not the answer. The
problems are reported (the first :data:`MAX_PROBLEMS` by line, all of them counted) and the CLI exits 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from models import UNNAMED_ACTOR, ArticleRecord, LedgerEntry
from pipeline.export.ledger.build import DEFAULT_LIMIT, LedgerBuilder, claimant_key
from pipeline.export.reading import RecordsFileError

#: Problems quoted by line; more are only counted.
MAX_PROBLEMS = 20


@dataclass
class LedgerResult:
    """The ledger of a records file and what reading it met."""

    entries: list[LedgerEntry]
    records: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


def _records(path: Path, result: LedgerResult) -> Iterator[ArticleRecord]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = ArticleRecord.model_validate_json(line)
            except ValidationError as error:
                result.skipped += 1
                if len(result.problems) < MAX_PROBLEMS:
                    first = error.errors()[0]
                    where = ".".join(map(str, first.get("loc", ())))
                    more = error.error_count() - 1
                    result.problems.append(
                        f"{path}:{number}: not an article record: {where + ': ' if where else ''}{first['msg']}"
                        + (f" (and {more} more problems)" if more else "")
                    )
                continue
            yield record


def matches(entry: LedgerEntry, actor: str) -> bool:
    """Whether ``actor`` names the entry's actor: its id, name, an alias or how a claim named it (any case);
    ``unnamed`` picks the unnamed actors."""
    wanted = claimant_key(actor)
    if entry.actor_id is None and wanted in ("unnamed", UNNAMED_ACTOR):
        return True
    names = [entry.actor_id or "", entry.actor_name, *entry.aliases, *entry.actor_texts]
    return wanted in {claimant_key(name) for name in names if name}


def select(entries: list[LedgerEntry], actor: str | None) -> list[LedgerEntry]:
    return entries if not actor else [entry for entry in entries if matches(entry, actor)]


def read_ledger(path: Path, *, limit: int = DEFAULT_LIMIT, actor: str | None = None) -> LedgerResult:
    """The ledger of the records file at ``path``, built in one pass (see :mod:`pipeline.export.ledger.build`).

    Args:
        limit: statements listed per entry (attributions, and denials), the earliest; 0 lists every one.
        actor: keep the entries of this actor only (:func:`matches`).

    Raises:
        RecordsFileError: when there is no file at ``path``.
    """
    if not path.is_file():
        raise RecordsFileError(f"no records file: {path}")
    result = LedgerResult(entries=[])
    builder = LedgerBuilder(limit=limit).add_all(_records(path, result))
    result.records = builder.records
    result.entries = select(builder.entries(), actor)
    return result
