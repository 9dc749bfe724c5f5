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
        description=(
            "Where the country comes from (never the article): 'curated', 'misp', 'naming-convention', or "
            "'agency' (a state organ's own country)."
        ),
    )
    source: str = Field(
        default="gazetteer",
        description=(
            "'gazetteer' for a listed actor, 'naming-convention' for one recognised by its name's shape, "
            "'text-pattern' for a group the article names itself ('a group calling itself X'), 'agency' for a "
            "government agency acting as the attacker in this article."
        ),
    )
    kind: str | None = Field(
        default=None,
        description=(
            "What kind of group, where the article or the agency list says: 'state_organ' (an agency acting as "
            "the attacker), 'criminal', 'hacktivist', 'persona' or 'unknown' (from the words naming a "
            "text-pattern group); None for listed actors."
        ),
    )
    agency_id: str | None = Field(
        default=None, description="For a 'state_organ' actor: the id of the agency in 'organizations'."
    )
    mentions: list[Mention] = Field(default_factory=list)


class Organization(BaseModel):
    """A government agency, security vendor or news outlet named in the article (never an actor)."""

    id: str
    name: str = Field(description="Canonical name.")
    kind: str = Field(description="agency, vendor or media.")
    country: str | None = Field(default=None, description="ISO-3166 alpha-2.")
    roles: list[str] = Field(
        default_factory=list,
        description=(
            "For an agency, what it does in this article, the main role first: 'attacker', 'sponsor', "
            "'investigator', 'victim', 'claimant', 'tool_owner' or 'sanctioned' (read from the parse around its "
            "mentions). Empty for vendors, media and records written before roles existed."
        ),
    )
    mentions: list[Mention] = Field(default_factory=list)
