"""The gazetteer: canonical threat actors and organisations, and the names that point to them.

Built from the data tables in ``pipeline/data``; the actor component compiles its matchers from
:func:`load_gazetteer`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from pipeline.data import read_json


@dataclass(frozen=True)
class CanonicalActor:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organization:
    """A government agency, security vendor or news outlet (``kind``: agency, vendor, media)."""

    id: str
    name: str
    kind: str
    country: str | None = None
    names: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    actors: dict[str, CanonicalActor] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)

    def actor_names(self) -> dict[str, str]:
        """Every actor name and alias → canonical id (first listed wins on a clash)."""
        names: dict[str, str] = {}
        for actor in self.actors.values():
            for name in (actor.name, *actor.aliases):
                names.setdefault(name, actor.id)
        return names


@cache
def load_gazetteer() -> Gazetteer:
    """Read the actor and organisation tables once per process."""
    actors = {
        a["id"]: CanonicalActor(
            id=a["id"],
            name=a["name"],
            aliases=tuple(a.get("aliases", ())),
            country=a.get("country"),
            sources=("curated",),
        )
        for a in read_json("actors_curated.json")["actors"]
    }
    orgs = {
        o["id"]: Organization(
            id=o["id"],
            name=o["name"],
            kind=o["kind"],
            country=o.get("country"),
            names=tuple(o.get("names", ())),
            acronyms=tuple(o.get("acronyms", ())),
        )
        for o in read_json("agencies.json")["organizations"]
    }
    return Gazetteer(actors=actors, organizations=orgs)
