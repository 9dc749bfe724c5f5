"""Exports of a run for analysts: flat tables (CSV/JSONL), a STIX 2.1 bundle, an HTML review report, stats."""

from pipeline.export.reading import RecordsFileError, read_errors, read_records
from pipeline.export.report import render_report, write_report
from pipeline.export.stats import RunStats, compute_stats, stats_tables
from pipeline.export.stix import BundleResult, RecordProblem, build_bundle, bundle_json, export_bundle, write_bundle
from pipeline.export.tables import TABLES, TableError, table_for_path, table_rows, write_table

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
