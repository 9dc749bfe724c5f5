"""What the gazetteer holds: canonical actors, their names and how each is matched, organisations, naming
conventions and context cues; and the name keys (:func:`fold`, :func:`slug`) everything is compared by."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: How a name is matched in text (see ``pipeline.nlp.components.actors``).
TIER_CODE = "code"  # a digit or inner capital: APT28, UNC3236, GhostEmperor; always matched
TIER_PHRASE = "phrase"  # several words: matched when capitalised in a document about cyber matters
TIER_WORD = "word"  # one ordinary-looking word (Lotus, LEAD): also needs a cue nearby or another mention
TIER_GUARDED = "guarded"  # a stoplisted name (Anonymous, TSB): only where the article confirms the actor otherwise
TIER_SUBJECT = "subject"  # guarded, and also counted as the subject of an action verb ("Anonymous leaked ...")

_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")


@dataclass(frozen=True)
class CanonicalActor:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sources: tuple[str, ...] = ()
    country_source: str | None = None  # "curated", "misp" or "naming-convention": where the country comes from


@dataclass(frozen=True)
class ActorName:
    """One name to look for, the actor it points to and how cautiously to match it."""

    text: str
    actor_id: str
    tier: str


@dataclass(frozen=True)
class Organization:
    """A government agency, security vendor, news outlet or international body (``kind``: agency, vendor,
    media, international)."""

    id: str
    name: str
    kind: str
    country: str | None = None
    names: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class NamingFamily:
    vendor: str
    word: str
    position: str  # "first" or "last"
    case: str  # "title" or "upper"
    country: str | None
    nexus: str


@dataclass(frozen=True)
class NamingCode:
    vendor: str
    pattern: str
    country: str | None
    nexus: str


@dataclass(frozen=True)
class NamingConventions:
    families: tuple[NamingFamily, ...] = ()
    codes: tuple[NamingCode, ...] = ()
    modifier_stopwords: frozenset[str] = frozenset()
    name_stopwords: frozenset[str] = frozenset()

    def family_of(self, name: str) -> NamingFamily | None:
        """The family a two-word name belongs to by its shape, if any."""
        words = name.split()
        if len(words) != 2:
            return None
        for fam in self.families:
            if fam.position == "last" and words[1].casefold() == fam.word.casefold():
                return fam
            if fam.position == "first" and words[0].casefold() == fam.word.casefold():
                return fam
        return None

    def code_of(self, name: str) -> NamingCode | None:
        for code in self.codes:
            if re.fullmatch(code.pattern, name, flags=re.IGNORECASE):
                return code
        return None


@dataclass(frozen=True)
class AgencyHead:
    """A head noun phrase that names an agency once a country word stands before it."""

    id: str
    phrases: tuple[str, ...]
    allow_place: bool = False


@dataclass(frozen=True)
class ContextCues:
    document_cues: frozenset[str] = frozenset()
    local_cues: frozenset[str] = frozenset()
    local_phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    actors: dict[str, CanonicalActor] = field(default_factory=dict)
    names: tuple[ActorName, ...] = ()
    organizations: dict[str, Organization] = field(default_factory=dict)
    conventions: NamingConventions = field(default_factory=NamingConventions)
    agency_heads: tuple[AgencyHead, ...] = ()
    agency_resolve: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    cues: ContextCues = field(default_factory=ContextCues)

    def actor_names(self) -> dict[str, str]:
        """Every matchable actor name → canonical id."""
        return {n.text: n.actor_id for n in self.names}


# -- small helpers ---------------------------------------------------------------------------------


def fold(name: str) -> str:
    """Case- and space-folded key of a name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def slug(name: str) -> str:
    """A readable id: lower case, ASCII letters and digits joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "actor"


def classify(name: str, conventions: NamingConventions) -> str:
    """The matching tier of a name (see ``TIER_*``)."""
    if any(ch.isdigit() for ch in name) or _INNER_CAPITAL.search(name) or conventions.code_of(name):
        return TIER_CODE
    if len(name.split()) > 1:
        return TIER_PHRASE
    return TIER_WORD


# -- sources ---------------------------------------------------------------------------------------
