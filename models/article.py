"""The article record: one JSON object per input document."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from models.claims import Claim
from models.entities import Actor, Entity, Organization
from models.quotes import Quote, Speaker
from models.spans import check_spans


class Source(BaseModel):
    """Where the article came from."""

    path: str | None = None
    url: str | None = None
    record: int | None = Field(default=None, description="Line or record number inside an archive or JSONL file.")


class PipelineInfo(BaseModel):
    """What produced the record, so results can be compared across versions and models."""

    version: str
    model: str


class ArticleRecord(BaseModel):
    """Everything threatnews extracted from one article. All offsets point into ``text``."""

    doc_id: str = Field(description="Stable id: hash of the cleaned text.")
    source: Source
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(default=None, description="ISO date, YYYY-MM-DD.")
    site: str | None = None
    language: str | None = None
    metadata_sources: dict[str, str] = Field(
        default_factory=dict,
        description="Where each metadata field (title, authors, published, site) was read: json-ld, meta, h1, "
        "title-tag, byline, time, url, markup, text, htmldate, domain or hints.",
    )
    text: str = Field(description="The cleaned article body.")
    entities: list[Entity] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    organizations: list[Organization] = Field(
        default_factory=list, description="Agencies, security vendors and media named in the text."
    )
    speakers: list[Speaker] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    pipeline: PipelineInfo

    @model_validator(mode="after")
    def _spans_point_into_text(self) -> ArticleRecord:
        check_spans(self, self.text)
        return self
