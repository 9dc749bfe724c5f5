"""Flat tables of a run's items (quotes, claims, speakers, actors) as CSV or JSONL.

One row per item, each carrying its article's id, title, url and date and the evidence text, so a row
can be read, filtered and checked on its own in pandas, jq or a spreadsheet. Offsets (``start``/``end``)
point into the article's ``text`` in the records file. Article text is untrusted: CSV cells a spreadsheet
would run as a formula are neutralised (:func:`write_table`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from models import ArticleRecord, Span
from pipeline.data import read_lines
from pipeline.export.files import replacing
from pipeline.export.table_names import TABLE_NAMES

#: Columns every row starts with: where the item comes from.
ARTICLE_COLUMNS = ("doc_id", "title", "url", "path", "published", "site")

QUOTE_COLUMNS = ARTICLE_COLUMNS + (
    "quote_id",
    "kind",
    "text",
    "speaker_id",
    "speaker_name",
    "speaker_kind",
    "speaker_title",
    "speaker_affiliation",
    "cue",
    "confidence",
    "start",
    "end",
    "evidence",
)
CLAIM_COLUMNS = ARTICLE_COLUMNS + (
    "claim_id",
    "kind",
    "actor_id",
    "actor_text",
    "attributed_to",
    "country",
    "target",
    "target_country",
    "inferred_country",
    "inferred_source",
    "claimant_id",
    "claimant_name",
    "stance",
    "cue",
    "quote_id",
    "confidence",
    "start",
    "end",
    "evidence",
)
SPEAKER_COLUMNS = ARTICLE_COLUMNS + (
    "speaker_id",
    "name",
    "kind",
    "speaker_title",
    "affiliation",
    "mentions",
    "quotes",
    "start",
    "end",
    "evidence",
)
ACTOR_COLUMNS = ARTICLE_COLUMNS + (
    "actor_id",
    "name",
    "aliases",
    "country",
    "source",
    "mentions",
    "names_used",
    "start",
    "end",
    "evidence",
)

#: Formats a table can be written in, by file suffix.
TABLE_FORMATS = ("csv", "jsonl")


class TableError(ValueError):
    """An unknown table name or file format asked of :func:`write_table`."""


def article_columns(record: ArticleRecord) -> dict[str, Any]:
    """The :data:`ARTICLE_COLUMNS` of a record (item columns never reuse these names)."""
    return {
        "doc_id": record.doc_id,
        "title": record.title,
        "url": record.source.url,
        "path": record.source.path,
        "published": record.published,
        "site": record.site,
    }


def paragraph_around(text: str, span: Span) -> str:
    """The paragraph (text between blank lines) holding ``span``: the evidence a reader checks it against."""
    start = text.rfind("\n\n", 0, span.start)
    end = text.find("\n\n", span.end)
    return text[0 if start < 0 else start + 2 : len(text) if end < 0 else end].strip()


def quote_rows(record: ArticleRecord) -> Iterator[dict[str, Any]]:
    speakers = {s.id: s for s in record.speakers}
    for quote in record.quotes:
        speaker = speakers.get(quote.speaker_id) if quote.speaker_id else None
        yield article_columns(record) | {
            "quote_id": quote.id,
            "kind": quote.kind.value,
            "text": quote.text,
            "speaker_id": quote.speaker_id,
            "speaker_name": speaker.name if speaker else None,
            "speaker_kind": speaker.kind.value if speaker else None,
            "speaker_title": speaker.title if speaker else None,
            "speaker_affiliation": speaker.affiliation if speaker else None,
            "cue": quote.cue.text if quote.cue else None,
            "confidence": quote.confidence,
            "start": quote.start,
            "end": quote.end,
            "evidence": paragraph_around(record.text, quote),
        }


def claim_rows(record: ArticleRecord) -> Iterator[dict[str, Any]]:
    for claim in record.claims:
        sponsor = claim.attributed_to
        yield article_columns(record) | {
            "claim_id": claim.id,
            "kind": claim.kind.value,
            "actor_id": claim.actor_id,
            "actor_text": claim.actor_text,
            "attributed_to": sponsor.name if sponsor else None,
            "country": sponsor.country if sponsor else None,
            "target": claim.target.name if claim.target else None,
            "target_country": claim.target.country if claim.target else None,
            "inferred_country": claim.inferred_sponsor.country if claim.inferred_sponsor else None,
            "inferred_source": claim.inferred_sponsor.source if claim.inferred_sponsor else None,
            "claimant_id": claim.claimant_id,
            "claimant_name": claim.claimant_name,
            "stance": claim.stance.value,
            "cue": claim.cue.text if claim.cue else None,
            "quote_id": claim.quote_id,
            "confidence": claim.confidence,
            "start": claim.evidence.start,
            "end": claim.evidence.end,
            "evidence": claim.evidence.text,
        }


def speaker_rows(record: ArticleRecord) -> Iterator[dict[str, Any]]:
    quotes_by_speaker: dict[str, int] = {}
    for quote in record.quotes:
        if quote.speaker_id:
            quotes_by_speaker[quote.speaker_id] = quotes_by_speaker.get(quote.speaker_id, 0) + 1
    for speaker in record.speakers:
        first = min(speaker.mentions, key=lambda m: m.start, default=None)
        yield article_columns(record) | {
            "speaker_id": speaker.id,
            "name": speaker.name,
            "kind": speaker.kind.value,
            "speaker_title": speaker.title,
            "affiliation": speaker.affiliation,
            "mentions": len(speaker.mentions),
            "quotes": quotes_by_speaker.get(speaker.id, 0),
            "start": first.start if first else None,
            "end": first.end if first else None,
            "evidence": paragraph_around(record.text, first) if first else None,
        }


def actor_rows(record: ArticleRecord) -> Iterator[dict[str, Any]]:
    for actor in record.actors:
        first = min(actor.mentions, key=lambda m: m.start, default=None)
        yield article_columns(record) | {
            "actor_id": actor.id,
            "name": actor.name,
            "aliases": list(actor.aliases),
            "country": actor.country,
            "source": actor.source,
            "mentions": len(actor.mentions),
            "names_used": sorted({m.text for m in actor.mentions}),
            "start": first.start if first else None,
            "end": first.end if first else None,
            "evidence": paragraph_around(record.text, first) if first else None,
        }


#: Each table: its columns and the function yielding one row per item of a record.
TABLES: dict[str, tuple[tuple[str, ...], Callable[[ArticleRecord], Iterator[dict[str, Any]]]]] = {
    "quotes": (QUOTE_COLUMNS, quote_rows),
    "claims": (CLAIM_COLUMNS, claim_rows),
    "speakers": (SPEAKER_COLUMNS, speaker_rows),
    "actors": (ACTOR_COLUMNS, actor_rows),
}
if tuple(TABLES) != TABLE_NAMES:  # pragma: no cover - a programming error, caught on import by every test
    raise RuntimeError(f"TABLES {tuple(TABLES)} and TABLE_NAMES {TABLE_NAMES} disagree")


def table_rows(records: Iterable[ArticleRecord], table: str) -> list[dict[str, Any]]:
    """All rows of ``table`` (one of :data:`TABLES`) over ``records``, in record order.

    Raises:
        TableError: for a table name not in :data:`TABLES`.
    """
    if table not in TABLES:
        raise TableError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
    _, rows = TABLES[table]
    return [row for record in records for row in rows(record)]


def table_for_path(path: Path) -> tuple[str, str]:
    """``quotes.csv`` → ``("quotes", "csv")``: the table is named by the file's stem, the format by its suffix.

    Raises:
        TableError: when the stem names no table or the suffix no format.
    """
    table, fmt = path.stem, path.suffix.lstrip(".").lower()
    if table not in TABLES:
        raise TableError(f"{path.name}: name the file after a table ({', '.join(TABLES)}) or pass the table")
    if fmt not in TABLE_FORMATS:
        raise TableError(f"{path.name}: a table is written as .csv or .jsonl")
    return table, fmt


@cache
def formula_prefixes() -> tuple[str, ...]:
    """First characters that make a spreadsheet read a cell as a formula (``data/csv_formula_prefixes.txt``)."""
    return tuple(line.replace("\\t", "\t").replace("\\r", "\r") for line in read_lines("csv_formula_prefixes.txt"))


def escape_formula(value: Any) -> Any:
    """``value`` with a single quote before it when it is text a spreadsheet would read as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(formula_prefixes()) else value


def _csv_cell(value: Any, escape_formulas: bool) -> Any:
    value = "; ".join(value) if isinstance(value, list) else value
    return escape_formula(value) if escape_formulas else value


def write_table(
    records: Iterable[ArticleRecord], path: Path, *, table: str, fmt: str, escape_formulas: bool = True
) -> int:
    """Write ``table`` over ``records`` to ``path`` as CSV (lists joined with ``"; "``) or JSONL.

    CSV injection: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    (``pipeline/data/csv_formula_prefixes.txt``) would run as a formula when the file is opened in Excel,
    LibreOffice or Google Sheets, and titles, quotes and sites come from untrusted articles. As OWASP
    recommends, such a cell is written with a single quote before it (``'=HYPERLINK(...)``), which a
    spreadsheet shows as text. Other readers (pandas, csvkit) see the quote as part of the value: pass
    ``escape_formulas=False`` (``threatnews export --no-escape-formulas``) for a CSV no spreadsheet will
    open. Numbers are never changed, and JSONL is always written as is.

    Returns:
        The number of rows written.

    Raises:
        TableError: for an unknown table or format.
    """
    if fmt not in TABLE_FORMATS:
        raise TableError(f"unknown table format {fmt!r}: choose one of {', '.join(TABLE_FORMATS)}")
    rows = table_rows(records, table)
    columns, _ = TABLES[table]
    with replacing(path, newline="") as out:
        if fmt == "csv":
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            writer.writerows({key: _csv_cell(value, escape_formulas) for key, value in row.items()} for row in rows)
        else:
            out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return len(rows)
