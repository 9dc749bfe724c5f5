"""Quotes and the speakers they are attributed to."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from models.entities import Mention
from models.spans import Span


class QuoteKind(StrEnum):
    """How the words are reported: verbatim, paraphrased, or paraphrase carrying a verbatim fragment."""

    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"
    summary = "summary"
    """What was said, summarised by the reporter as a noun phrase or infinitive: 'denied the report', 'vowed to
    retaliate'."""


class SpeakerKind(StrEnum):
    person = "person"
    organization = "organization"
    anonymous = "anonymous"
    document = "document"
    unknown = "unknown"


class Speaker(BaseModel):
    """One source of quotes, resolved across the article ("Wray", "he", "Christopher Wray" are one)."""

    id: str
    name: str
    kind: SpeakerKind = SpeakerKind.unknown
    title: str | None = None
    affiliation: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Quote(Span):
    """A quote; its span is the quoted content (inside the marks for direct quotes)."""

    id: str
    kind: QuoteKind
    parts: list[Span] = Field(
        default_factory=list,
        description="Content spans when the quote is interrupted by its attribution; start/end cover them all.",
    )
    speaker_id: str | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None
    confidence: float = Field(
        ge=0.0,
        le=1.0,
        description="A rank of the rule that found the quote (a quotation with its cue 0.9 > reported speech 0.7 > "
        "a quotation inheriting the previous speaker 0.6 > unclosed 0.5 > without a cue 0.4), for sorting and "
        "filtering; not a calibrated probability.",
    )
