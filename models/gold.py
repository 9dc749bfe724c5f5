"""The gold annotation format used by ``threatnews eval`` (see ``corpus/README.md``).

Gold files give spans as exact snippets of the article text rather than offsets, so that cleaning can
change what surrounds an item without invalidating the annotation; the scorer finds the snippets.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Gold(BaseModel):
    model_config = ConfigDict(extra="allow")


class GoldMetadata(_Gold):
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    site: str | None = None


class GoldActor(_Gold):
    name: str
    country: str | None = None
    aliases_known_elsewhere: list[str] = Field(default_factory=list)
    mentions: int | None = None


class GoldAgency(_Gold):
    name: str
    country: str | None = None


class GoldSpeaker(_Gold):
    name: str
    kind: str = "unknown"
    title: str | None = None
    affiliation: str | None = None


class GoldQuote(_Gold):
    kind: str
    text: str
    speaker: str | None = None
    cue: str | None = None
    speaker_alternatives: list[str] = Field(default_factory=list)
    parts: list[str] = Field(default_factory=list)
    continues: bool = False


class GoldClaim(_Gold):
    kind: str
    actor: str | None = None
    attributed_to: str | None = None
    country: str | None = None
    claimant: str | None = None
    stance: str
    evidence: str


class GoldArticle(_Gold):
    """One article's reference annotation."""

    doc: str = Field(description="File name of the article, relative to the articles folder.")
    metadata: GoldMetadata = Field(default_factory=GoldMetadata)
    must_not_be_in_body: list[str] = Field(default_factory=list)
    actors: list[GoldActor] = Field(default_factory=list)
    agencies: list[GoldAgency] = Field(default_factory=list)
    organizations_not_actors: list[str] = Field(default_factory=list)
    speakers: list[GoldSpeaker] = Field(default_factory=list)
    quotes: list[GoldQuote] = Field(default_factory=list)
    claims: list[GoldClaim] = Field(default_factory=list)
    negatives: list[str] = Field(default_factory=list)
