"""What our spaCy components put on the ``Doc``: span keys, extensions and the values they hold.

Spans live in ``doc.spans[KEY]`` (one constant per key, defined here once); richer per-document
results live in ``Doc._`` extensions as plain dataclasses with character offsets, which pickle
cleanly when ``nlp.pipe`` runs several processes. ``pipeline.nlp.records`` turns them into the output
models; components later in the pipeline read them from the Doc, never by searching the text again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

#: ``doc.spans`` keys.
ACTOR_SPANS = "tn_actors"
AGENCY_SPANS = "tn_agencies"
ORG_SPANS = "tn_orgs"  # security vendors and media: never actors
QUOTE_SPANS = "tn_quotes"
CLAIM_SPANS = "tn_claims"

#: Entity labels our rules assign.
THREAT_ACTOR = "THREAT_ACTOR"
AGENCY = "AGENCY"
SECURITY_VENDOR = "SECURITY_VENDOR"
MEDIA = "MEDIA"

#: (start, end) character offsets into ``doc.text``.
CharSpan = tuple[int, int]


@dataclass
class ActorInfo:
    """A canonical threat actor seen in the document."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    source: str = "gazetteer"
    country_source: str | None = None


@dataclass
class AgencyInfo:
    """A government agency (or vendor/media organisation) the gazetteer knows."""

    id: str
    name: str
    country: str | None = None
    kind: str = "agency"


@dataclass
class QuoteInfo:
    """A quote: ``span`` covers the content (all ``parts``); cue and speaker mention are optional.

    ``id`` is given by the quote finder when it settles the document's quotes; everything that points to a
    quote (the speakers' links, claims) uses it, never a position in a list.
    """

    kind: str
    span: CharSpan
    parts: list[CharSpan] = field(default_factory=list)
    cue: CharSpan | None = None
    speaker: CharSpan | None = None
    confidence: float = 0.5
    id: str = ""


@dataclass
class SpeakerInfo:
    """One resolved source of quotes."""

    id: str
    name: str
    kind: str = "unknown"
    title: str | None = None
    affiliation: str | None = None
    mentions: list[CharSpan] = field(default_factory=list)


@dataclass
class ClaimInfo:
    """An attribution, denial or targeting statement found in the document."""

    kind: str
    stance: str
    evidence: CharSpan
    actor_id: str | None = None
    actor: CharSpan | None = None
    attributed_name: str | None = None
    attributed_country: str | None = None
    attributed: CharSpan | None = None  # where the text names the party
    inferred_country: str | None = None  # the gazetteer's view of a named actor's sponsor (never the evidence)
    inferred_source: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    cue: CharSpan | None = None
    claimant_id: str | None = None
    claimant_name: str | None = None
    quote_id: str | None = None
    confidence: float = 0.5
    scope: CharSpan | None = None  # what an accusation or admission is about, for merging duplicates
    cue_type: str | None = None  # the cue's type in claim_cues.tsv


#: Extension name → default factory. Registered once, behind ``has_extension``.
EXTENSIONS: dict[str, type] = {
    "tn_actors": dict,  # actor id → ActorInfo
    "tn_agencies": dict,  # agency id → AgencyInfo
    "tn_quotes": list,  # [QuoteInfo]
    "tn_speakers": list,  # [SpeakerInfo]
    "tn_quote_speakers": dict,  # quote id → speaker id (written by tn_speakers)
    "tn_claims": list,  # [ClaimInfo]
}


def register_extensions() -> None:
    """Register the ``Doc._`` extensions (idempotent).

    They are getters over ``doc.user_data`` rather than plain defaults, so every Doc gets its own
    mutable container instead of one shared default.
    """
    for name, factory in EXTENSIONS.items():
        if Doc.has_extension(name):
            continue

        def getter(doc: Doc, _name: str = name, _factory: type = factory) -> object:
            key = ("threatnews", _name)
            if key not in doc.user_data:
                doc.user_data[key] = _factory()
            return doc.user_data[key]

        Doc.set_extension(name, getter=getter)
