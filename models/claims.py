"""Attribution, denial and targeting claims: who says which state is behind what, and how firmly."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from models.spans import Span


class ClaimKind(StrEnum):
    attribution = "attribution"
    denial = "denial"
    targeting = "targeting"


class Stance(StrEnum):
    """How firmly the claim is made: stated, passed on from a source, qualified, or denied."""

    asserted = "asserted"
    reported = "reported"
    hedged = "hedged"
    denied = "denied"


class AttributedTo(BaseModel):
    """A state or organisation named by a claim, with the country it belongs to."""

    name: str
    country: str | None = Field(default=None, description="ISO-3166 alpha-2.")


class Claim(BaseModel):
    id: str
    kind: ClaimKind
    actor_id: str | None = Field(default=None, description="Id in the record's actors, when the actor is named.")
    actor_text: str | None = Field(default=None, description="How the actor or operation is named here.")
    attributed_to: AttributedTo | None = Field(
        default=None, description="The state or organisation behind the operation (for denials: the denier)."
    )
    target: AttributedTo | None = Field(
        default=None, description="For targeting claims: the sector, organisation or country hit."
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
