"""The attribution ledger: across a run, who ties which actor to which state or organisation, when, how firmly,
with which evidence, and who denied it (``threatnews ledger``; built by :mod:`pipeline.export.ledger`).

One :class:`LedgerEntry` per (actor, party): a named actor by its canonical id, or the unnamed actors of the
articles ("Chinese hackers", "the group") grouped as one ``unnamed actor`` per party, so they are not lost. A
party is a state (by its ISO-3166 alpha-2 code, whatever organ of it the text names) or an organisation the
text names without a country. Every attribution and denial is a claim the text makes; the gazetteer's view of
an actor's sponsor is kept apart in ``gazetteer`` and never counted.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

#: Label of the entries that group the actors an article does not name.
UNNAMED_ACTOR = "unnamed actor"


class LedgerEvidence(BaseModel):
    """Where the article says it: the claim's evidence sentence, its offsets in the record's ``text`` and its
    text, cut at a fixed length when long (the offsets still cover the whole sentence)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    truncated: bool = Field(default=False, description="Whether ``text`` is cut short of text[start:end].")


class LedgerStatement(BaseModel):
    """One claim of one article: an attribution (sponsorship, responsibility or legacy attribution) or a denial."""

    doc_id: str
    claim_id: str
    title: str | None = None
    site: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD, or None when undated or unreadable.")
    claimant_name: str | None = Field(default=None, description="None when the article says it in its own voice.")
    claimant_id: str | None = Field(default=None, description="Id in the record's speakers.")
    claimant_kind: str | None = Field(default=None, description="The speaker's kind: person, organization, ...")
    claimant_affiliation: str | None = None
    claimant_type: str | None = Field(
        default=None,
        description="government, vendor, media (the article's own voice included), accused state, anonymous or "
        "other: from the organisations the record lists (see pipeline/export/ledger/sources.py).",
    )
    kind: str = Field(description="The claim's kind.")
    stance: str
    confidence: float
    actor_text: str | None = Field(default=None, description="How the article names the actor or operation.")
    party_text: str | None = Field(default=None, description="How the article names the party.")
    quote_id: str | None = None
    evidence: LedgerEvidence


class LedgerDenial(LedgerStatement):
    """A denial of the entry's tie, linked to the attributions it answers."""

    direct: bool = Field(
        description="True when the denial names this actor (or is the unnamed actor's own entry); False when it "
        "names no actor and denies the party's involvement in an article that ties this actor to the party."
    )
    denies: list[str] = Field(
        default_factory=list, description="Claim ids of this entry's attributions in the same article."
    )
    attributions_before: int = Field(
        default=0, description="How many of the entry's dated attributions are dated on or before this denial."
    )


class LedgerParty(BaseModel):
    """A state (``country`` set; ``name`` is the country's name) or an organisation named without a country."""

    key: str = Field(description="The ISO-2 code of a state, else 'org:' + the organisation's name in lower case.")
    name: str
    country: str | None = None
    names: list[str] = Field(default_factory=list, description="How the articles name it, most frequent first.")


class GazetteerView(BaseModel):
    """What the gazetteer says of a named actor's sponsor: knowledge from outside the articles, NOT evidence,
    never counted as an attribution."""

    country: str | None = Field(default=None, description="ISO-3166 alpha-2, or None when the gazetteer has none.")
    source: str | None = Field(default=None, description="'curated', 'misp' or 'naming-convention'.")
    agrees: bool | None = Field(default=None, description="Whether it is this entry's party (None: no country).")


class LedgerEntry(BaseModel):
    """Everything the run's articles say about one actor and one party."""

    actor_id: str | None = Field(description="Canonical id; None for the unnamed actors.")
    actor_name: str = Field(description="Preferred name, or 'unnamed actor'.")
    aliases: list[str] = Field(default_factory=list, description="Names the articles' actor lists give it.")
    actor_texts: list[str] = Field(
        default_factory=list, description="How the claims name the actor, most frequent first (a few)."
    )
    party: LedgerParty
    first: str | None = Field(default=None, description="Date of the earliest dated attribution.")
    last: str | None = Field(default=None, description="Date of the latest dated attribution.")
    attributions: int = Field(default=0, description="Attribution claims (every one, listed or not).")
    undated: int = Field(default=0, description="Attributions from undated articles.")
    by_stance: dict[str, int] = Field(default_factory=dict, description="Attributions and denials by stance.")
    by_kind: dict[str, int] = Field(default_factory=dict, description="Attributions by claim kind.")
    claimants: int = Field(
        default=0,
        description="Distinct named claimants of the attributions, across articles (a claimant tied to a listed "
        "organisation counted as that organisation).",
    )
    claimant_types: dict[str, int] = Field(
        default_factory=dict,
        description="Distinct claimants of the attributions by type (the article's voice: 'media').",
    )
    independent_sources: int = Field(
        default=0, description="Attributions counted once per story: a sentence reprinted by several sites is one."
    )
    consensus: str = Field(
        default="none",
        description="denied only, contested, attributed by >= 2 governments, government-attributed, vendor-only, "
        "media-only or reported: the first rule that holds (pipeline/export/ledger/sources.py).",
    )
    articles: int = Field(default=0, description="Articles with an attribution or denial of this entry.")
    sites: int = Field(default=0, description="Distinct sites of those articles.")
    denials: int = Field(default=0, description="Denials listed under this entry (direct or not).")
    direct_denials: int = Field(default=0, description="Of them, the denials naming this actor (or unnamed).")
    first_denial: str | None = None
    last_denial: str | None = None
    attributions_listed: list[LedgerStatement] = Field(
        default_factory=list, description="The attributions, oldest first (undated last), up to the build's limit."
    )
    denials_listed: list[LedgerDenial] = Field(default_factory=list, description="The denials, oldest first.")
    omitted: int = Field(default=0, description="Attributions and denials counted but not listed (the limit).")
    gazetteer: GazetteerView | None = Field(
        default=None,
        description="The gazetteer's view of the actor's sponsor, labelled apart; never an attribution.",
    )
