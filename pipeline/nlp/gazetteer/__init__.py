"""Canonical threat actors and organisations from pymispgalaxies + curated data, compiled once and cached.

:mod:`.model` says what the gazetteer holds, :mod:`.merge` how the galaxies become canonical actors, and
:mod:`.store` how the result is loaded and cached.
"""

from pipeline.nlp.gazetteer.model import (
    TIER_CODE,
    TIER_GUARDED,
    TIER_PHRASE,
    TIER_SUBJECT,
    TIER_WORD,
    ActorName,
    AgencyHead,
    CanonicalActor,
    Gazetteer,
    NamingFamily,
    Organization,
    fold,
    slug,
)
from pipeline.nlp.gazetteer.store import build_gazetteer, load_gazetteer

__all__ = [
    "TIER_CODE",
    "TIER_GUARDED",
    "TIER_PHRASE",
    "TIER_SUBJECT",
    "TIER_WORD",
    "ActorName",
    "AgencyHead",
    "CanonicalActor",
    "Gazetteer",
    "NamingFamily",
    "Organization",
    "build_gazetteer",
    "fold",
    "load_gazetteer",
    "slug",
]
