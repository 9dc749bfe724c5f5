"""The record written instead of an article when an input cannot be processed."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorRecord(BaseModel):
    """One input that did not become an article record, and why.

    Written to ``OUT.errors.jsonl`` so that every input ends as a record or an error, never lost.
    """

    source: str = Field(description="Path or URL of the input.")
    record: int | None = Field(default=None, description="Line or record number inside the input, 1-based.")
    stage: str = Field(description="Pipeline stage that failed: sources, clean, nlp, extract, write.")
    code: str = Field(description="Stable error code, e.g. 'E003'.")
    error_type: str = Field(description="Short machine-readable reason, e.g. 'empty', 'binary'.")
    message: str
    duplicate_of: str | None = Field(default=None, description="doc_id of the first copy, for duplicates.")
