"""The ledger as text: JSON (one object), JSONL (one entry a line), CSV (one statement a row) or Markdown.

Article text reaches every format: CSV cells that a spreadsheet would run as a formula are neutralised (as
``threatnews export`` does), and Markdown cells have their pipes, line breaks and angle brackets escaped so a
rendered table neither breaks nor carries markup from an article.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from models import LedgerEntry, LedgerStatement
from pipeline.export.ledger.read import LedgerResult
from pipeline.export.tables import escape_formula

#: What ``threatnews ledger --format`` writes.
LEDGER_FORMATS = ("md", "json", "jsonl", "csv")
#: Columns of the CSV: the entry, then the statement.
CSV_COLUMNS = (
    "actor_id",
    "actor",
    "party",
    "party_country",
    "role",
    "published",
    "claimant",
    "claimant_kind",
    "claimant_type",
    "kind",
    "stance",
    "confidence",
    "doc_id",
    "claim_id",
    "title",
    "site",
    "actor_text",
    "party_text",
    "evidence_start",
    "evidence_end",
    "evidence",
    "denies",
    "direct",
    "gazetteer_country",
    "gazetteer_source",
    "consensus",
    "independent_sources",
)
#: Longest evidence shown in a Markdown cell.
MD_EVIDENCE_CHARS = 160


def csv_rows(entries: list[LedgerEntry]) -> Iterator[dict[str, Any]]:
    for entry in entries:
        base = {
            "actor_id": entry.actor_id or "",
            "actor": entry.actor_name,
            "party": entry.party.name,
            "party_country": entry.party.country or "",
            "gazetteer_country": entry.gazetteer.country if entry.gazetteer else "",
            "gazetteer_source": entry.gazetteer.source if entry.gazetteer else "",
            "consensus": entry.consensus,
            "independent_sources": entry.independent_sources,
        }
        statements: list[tuple[str, LedgerStatement]] = [("attribution", s) for s in entry.attributions_listed]
        statements += [("denial", d) for d in entry.denials_listed]
        for role, s in statements:
            yield base | {
                "role": role,
                "published": s.published or "",
                "claimant": s.claimant_name or "",
                "claimant_kind": s.claimant_kind or "",
                "claimant_type": s.claimant_type or "",
                "kind": s.kind,
                "stance": s.stance,
                "confidence": s.confidence,
                "doc_id": s.doc_id,
                "claim_id": s.claim_id,
                "title": s.title or "",
                "site": s.site or "",
                "actor_text": s.actor_text or "",
                "party_text": s.party_text or "",
                "evidence_start": s.evidence.start,
                "evidence_end": s.evidence.end,
                "evidence": s.evidence.text,
                "denies": " ".join(getattr(s, "denies", [])),
                "direct": getattr(s, "direct", ""),
            }


def to_csv(entries: list[LedgerEntry], *, escape_formulas: bool = True) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in csv_rows(entries):
        writer.writerow({k: escape_formula(v) if escape_formulas else v for k, v in row.items()})
    return out.getvalue()


def to_jsonl(entries: list[LedgerEntry]) -> str:
    return "".join(entry.model_dump_json() + "\n" for entry in entries)


def to_json(result: LedgerResult) -> str:
    body = {
        "records": result.records,
        "skipped": result.skipped,
        "problems": result.problems,
        "entries": [entry.model_dump(mode="json") for entry in result.entries],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def md_cell(value: object, limit: int = 0) -> str:
    """``value`` as a Markdown table cell: one line, pipes and markup escaped, cut at ``limit`` characters."""
    text = " ".join(str(value if value is not None else "").split())
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def plural(count: int, word: str) -> str:
    """``1 entry``, ``2 entries``, ``2 denials``."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def summary_line(entry: LedgerEntry) -> str:
    """The entry's counts in words: attributions by stance, dates, claimants, articles, denials."""
    stances = ", ".join(f"{n} {stance}" for stance, n in entry.by_stance.items() if stance != "denied")
    span = (f"{entry.first} → {entry.last}" if entry.last != entry.first else entry.first) or "no dated article"
    undated = f" (+{entry.undated} undated)" if entry.undated and entry.first else ""
    denied = "no denial"
    if entry.denials:
        dates = f", {entry.first_denial}" if entry.first_denial else ""
        dates += f" → {entry.last_denial}" if entry.last_denial != entry.first_denial else ""
        denied = f"{plural(entry.denials, 'denial')} ({entry.direct_denials} naming it{dates})"
    types = ", ".join(f"{n} {kind}" for kind, n in entry.claimant_types.items())
    return (
        f"**{entry.consensus}**: {plural(entry.attributions, 'attribution')} ({stances or 'none'}; "
        f"{plural(entry.independent_sources, 'independent source')}); {span}{undated}; "
        f"{plural(entry.claimants, 'named claimant')}{f' ({types})' if types else ''}; "
        f"{plural(entry.articles, 'article')} on {plural(entry.sites, 'site')}; {denied}"
    )


def _md_row(role: str, s: LedgerStatement) -> str:
    extra = ""
    if role == "denial":
        link = ", ".join(getattr(s, "denies", [])) or "—"
        extra = f" (answers {link}{'' if getattr(s, 'direct', True) else '; names no actor'})"
    cells = (
        s.published or "undated",
        role + extra,
        f"{s.claimant_name or '(the article)'} [{s.claimant_type or '?'}]",
        s.stance,
        s.kind,
        f"{s.site or '?'} · {s.doc_id}:{s.claim_id}",
        md_cell(s.evidence.text, MD_EVIDENCE_CHARS),
    )
    return "| " + " | ".join(md_cell(c) if i < 6 else c for i, c in enumerate(cells)) + " |"


def to_markdown(result: LedgerResult) -> str:
    lines = [f"# Attribution ledger ({plural(len(result.entries), 'entry')} from {result.records} records)", ""]
    if result.skipped:
        lines += [f"{result.skipped} broken lines skipped.", ""]
    for entry in result.entries:
        party = entry.party.name + (f" ({entry.party.country})" if entry.party.country else "")
        lines += [f"## {md_cell(entry.actor_name)} → {md_cell(party)}", "", md_cell(summary_line(entry)), ""]
        if entry.party.names:
            lines += [f"Named as: {md_cell(', '.join(entry.party.names))}.", ""]
        if entry.gazetteer:
            g = entry.gazetteer
            lines += [f"Gazetteer's view (not evidence, not counted): {g.country or '?'} ({g.source or '?'}).", ""]
        lines += ["| date | statement | claimant | stance | kind | article | evidence |", "|---" * 7 + "|"]
        lines += [_md_row("attribution", s) for s in entry.attributions_listed]
        lines += [_md_row("denial", d) for d in entry.denials_listed]
        if entry.omitted:
            lines += ["", f"({entry.omitted} more statements counted, not listed.)"]
        lines.append("")
    return "\n".join(lines)


def render_ledger(result: LedgerResult, fmt: str, *, escape_formulas: bool = True) -> str:
    """The ledger in ``fmt`` (one of :data:`LEDGER_FORMATS`)."""
    if fmt == "json":
        return to_json(result)
    if fmt == "jsonl":
        return to_jsonl(result.entries)
    if fmt == "csv":
        return to_csv(result.entries, escape_formulas=escape_formulas)
    if fmt == "md":
        return to_markdown(result)
    raise ValueError(f"unknown ledger format {fmt!r}; one of {', '.join(LEDGER_FORMATS)}")
