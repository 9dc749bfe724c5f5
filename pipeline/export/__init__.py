"""Exports of a run for analysts: flat tables (CSV/JSONL), a STIX 2.1 bundle, an HTML review report, stats.

The names below are imported from their modules on first use (PEP 562), so that importing one light part
(``pipeline.export.table_names`` for the CLI's help) does not load stix2, jinja2 and the record models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

#: Public name → the module that defines it.
_WHERE = {
    "RecordsFileError": "reading",
    "read_errors": "reading",
    "read_records": "reading",
    "render_report": "report",
    "write_report": "report",
    "RunStats": "stats",
    "compute_stats": "stats",
    "stats_tables": "stats",
    "BundleResult": "stix",
    "RecordProblem": "stix",
    "build_bundle": "stix",
    "bundle_json": "stix",
    "export_bundle": "stix",
    "write_bundle": "stix",
    "TABLES": "tables",
    "TableError": "tables",
    "table_for_path": "tables",
    "table_rows": "tables",
    "write_table": "tables",
}

__all__ = [
    "TABLES",
    "BundleResult",
    "RecordProblem",
    "RecordsFileError",
    "RunStats",
    "TableError",
    "build_bundle",
    "bundle_json",
    "compute_stats",
    "export_bundle",
    "read_errors",
    "read_records",
    "render_report",
    "stats_tables",
    "table_for_path",
    "table_rows",
    "write_bundle",
    "write_report",
    "write_table",
]


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the named module defines
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


if TYPE_CHECKING:
    from pipeline.export.reading import RecordsFileError, read_errors, read_records
    from pipeline.export.report import render_report, write_report
    from pipeline.export.stats import RunStats, compute_stats, stats_tables
    from pipeline.export.stix import (
        BundleResult,
        RecordProblem,
        build_bundle,
        bundle_json,
        export_bundle,
        write_bundle,
    )
    from pipeline.export.tables import TABLES, TableError, table_for_path, table_rows, write_table
