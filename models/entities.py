"""Named entities and canonical threat actors found in an article."""

from __future__ import annotations

from pydantic import BaseModel, Field

from models.spans import Span


class Mention(Span):
    """One place in the text where an actor or speaker is named."""


class Entity(Span):
    """A named entity: spaCy's labels plus ``THREAT_ACTOR``, ``AGENCY``, ``SECURITY_VENDOR``, ``MEDIA``."""

    label: str
    kb_id: str | None = Field(
        default=None, description="Canonical id (actor or agency) when the gazetteer knows the name."
    )


class Actor(BaseModel):
    """A canonical threat actor, listed once per article with every mention of any of its names."""

    id: str = Field(description="Stable canonical id, e.g. 'volt-typhoon'.")
    name: str = Field(description="Preferred name.")
    aliases: list[str] = Field(default_factory=list, description="Other names of the same actor.")
    country: str | None = Field(default=None, description="ISO-3166 alpha-2 of the suspected sponsor.")
    country_source: str | None = Field(
        default=None,
        description="Where the country comes from (never the article): 'curated', 'misp' or 'naming-convention'.",
    )
    source: str = Field(
        default="gazetteer",
        description="'gazetteer' for a listed actor, 'naming-convention' for one recognised by its name's shape.",
    )
    mentions: list[Mention] = Field(default_factory=list)


class Organization(BaseModel):
    """A government agency, security vendor or news outlet named in the article (never an actor)."""

    id: str
    name: str = Field(description="Canonical name.")
    kind: str = Field(description="agency, vendor or media.")
    country: str | None = Field(default=None, description="ISO-3166 alpha-2.")
    mentions: list[Mention] = Field(default_factory=list)
