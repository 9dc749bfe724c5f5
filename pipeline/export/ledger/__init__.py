"""The attribution ledger: per actor and party (state or organisation), every attribution and denial across a
run's records, with claimant, date, stance, kind and evidence; built in one pass in bounded memory.

``read_ledger(path)`` for a records file (broken lines named and skipped), ``build_ledger(records)`` for
records in hand, ``render_ledger(result, fmt)`` for the text of ``threatnews ledger``.
"""

from pipeline.export.ledger.build import DEFAULT_LIMIT, EVIDENCE_CHARS, LedgerBuilder, build_ledger, claimant_key
from pipeline.export.ledger.formats import LEDGER_FORMATS, render_ledger
from pipeline.export.ledger.read import LedgerResult, matches, read_ledger, select

__all__ = [
    "DEFAULT_LIMIT",
    "EVIDENCE_CHARS",
    "LEDGER_FORMATS",
    "LedgerBuilder",
    "LedgerResult",
    "build_ledger",
    "claimant_key",
    "matches",
    "read_ledger",
    "render_ledger",
    "select",
]
