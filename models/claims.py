"""Claims: who ties which actor or operation to which state or organisation, who says so, and how firmly.

Every party of a claim is read from the text and carries its span; what the project knows but the sentence does
not say (the gazetteer's view of an actor's sponsor) lives apart, in ``inferred_sponsor``, labelled with its source.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from models.spans import Span


class ClaimKind(StrEnum):
    """What a claim ties together.

    ``sponsorship``: a named actor or state organ tied to a state or organisation ("backed by", "a unit of");
    ``responsibility``: an operation attributed to an actor or a state ("carried out by", "behind", "blamed X for";
    with an unnamed actor, "Russian hackers breached ..."); ``targeting``: an actor hit a victim (``target``, no
    ``attributed_to``); ``association``: an actor tied to another actor; ``denial``: the accused side denies.
    ``attribution`` is read in records written before 2026-11-30 (it covered sponsorship and responsibility) and is
    never written any more.
    """

    sponsorship = "sponsorship"
    responsibility = "responsibility"
    targeting = "targeting"
    association = "association"
    denial = "denial"
    attribution = "attribution"


#: The kinds that tie an actor or an operation to a party (and the legacy kind that did both).
LINK_KINDS = frozenset({ClaimKind.sponsorship, ClaimKind.responsibility, ClaimKind.attribution})


class Stance(StrEnum):
    """How firmly the claim is made: stated, passed on from a source, qualified, or denied."""

    asserted = "asserted"
    reported = "reported"
    hedged = "hedged"
    denied = "denied"


class AttributedTo(BaseModel):
    """A party of a claim as the text names it: a state, an organisation, a victim or another actor."""

    name: str = Field(description="The party's name: the country's name for a state word, else as written.")
    country: str | None = Field(default=None, description="ISO-3166 alpha-2 (from the country table).")
    mention: Span | None = Field(default=None, description="Where the text names it (absent in older records).")


class InferredSponsor(BaseModel):
    """The gazetteer's view of an actor's sponsor: knowledge from outside the article, never its evidence."""

    country: str = Field(description="ISO-3166 alpha-2.")
    source: str = Field(description="Where it comes from: 'misp', 'curated' or 'naming-convention'.")


class Claim(BaseModel):
    id: str
    kind: ClaimKind
    actor_id: str | None = Field(default=None, description="Id in the record's actors, when the actor is named.")
    actor_text: str | None = Field(default=None, description="How the actor or operation is named here.")
    actor_mention: Span | None = Field(default=None, description="Where the actor or operation is named.")
    attributed_to: AttributedTo | None = Field(
        default=None,
        description="The party the text ties the actor or operation to, only when the text names it (sponsorship, "
        "responsibility, association; for denials: the state whose involvement is denied).",
    )
    target: AttributedTo | None = Field(
        default=None, description="For targeting claims: the sector, organisation or country hit."
    )
    inferred_sponsor: InferredSponsor | None = Field(
        default=None,
        description="For a claim about a named actor whose text names no state: the gazetteer's view, labelled.",
    )
    claimant_id: str | None = Field(default=None, description="Id in the record's speakers.")
    claimant_name: str | None = None
    stance: Stance
    cue: Span | None = None
    evidence: Span
    quote_id: str | None = None
    confidence: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="A rank of the rule that found the claim (named actor 0.8 > pointed-back actor 0.6 > unnamed "
        "operation 0.5), for sorting and filtering; not a calibrated probability.",
    )
