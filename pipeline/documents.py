"""The plain values handed from stage to stage: sources → RawDocument → clean → CleanArticle.

They are frozen dataclasses (picklable, cheap) rather than pydantic models: they never leave the
process as output; ``models.ArticleRecord`` is the output contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from models import ErrorRecord
from pipeline.errors import Errors, InputError

DocumentFormat = Literal["html", "text"]


@dataclass(frozen=True)
class Provenance:
    """Where a document came from: a file, a line of a JSONL file, a WARC record or a URL."""

    path: str | None = None
    url: str | None = None
    record: int | None = None

    @property
    def label(self) -> str:
        """How error records and logs name this input."""
        base = self.path or self.url or "<text>"
        return f"{base}#{self.record}" if self.record is not None else base


@dataclass(frozen=True)
class RawDocument:
    """One input document as read: bytes (to be decoded by ``clean``) or already-decoded text.

    ``hints`` carries metadata the source already knows (a JSONL line's title, an HTTP charset).
    """

    provenance: Provenance
    format: DocumentFormat
    content: bytes | str
    hints: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CleanArticle:
    """A cleaned article body with its metadata; ``text`` is never changed after this stage."""

    provenance: Provenance
    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    #: Where each metadata field was read (``json-ld``, ``meta``, ``h1``, ``byline``, ``url``, ``htmldate``, ...;
    #: see ``pipeline.clean.metadata``); None when the field is empty.
    title_source: str | None = None
    authors_source: str | None = None
    published_source: str | None = None
    site_source: str | None = None

    @property
    def metadata_sources(self) -> dict[str, str]:
        """``{"title": "h1", "published": "json-ld", ...}`` for the fields that have a source."""
        found = {
            "title": self.title_source,
            "authors": self.authors_source,
            "published": self.published_source,
            "site": self.site_source,
        }
        return {name: source for name, source in found.items() if source}


@dataclass(frozen=True)
class Failed:
    """An input that a stage could not turn into the next value; the runner writes its error record."""

    provenance: Provenance
    stage: str
    code: str
    error_type: str
    message: str
    duplicate_of: str | None = None

    @classmethod
    def of(cls, provenance: Provenance, code: Errors, detail: str = "", *, stage: str) -> Failed:
        """The failure of an input with a coded error: the one way every stage and engine builds one."""
        return cls(provenance, stage, code.name, code.error_type, code.format(detail))

    @classmethod
    def from_error(cls, provenance: Provenance, exc: InputError) -> Failed:
        """The failure an :class:`InputError` raised by a stage stands for."""
        return cls(provenance, exc.stage, exc.code.name, exc.code.error_type, exc.message)

    def to_record(self) -> ErrorRecord:
        """The output record of this failure (the one way to build an ``ErrorRecord``)."""
        p = self.provenance
        return ErrorRecord(
            source=p.path or p.url or "<text>",
            record=p.record,
            stage=self.stage,
            code=self.code,
            error_type=self.error_type,
            message=self.message,
            duplicate_of=self.duplicate_of,
        )
