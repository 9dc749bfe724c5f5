"""Loading the gazetteer: built once (:mod:`.merge`), cached on disk as JSON keyed by the cache format, the
pymispgalaxies version, the merge code and a hash of our data files (:func:`cache_key`), so start-up skips
the galaxy load and the merge."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import cache
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from pipeline.data import DATA, read_json, read_lines
from pipeline.nlp.gazetteer import merge, model
from pipeline.nlp.gazetteer.merge import curated_entries, galaxy_entries, match_names, merge_actors
from pipeline.nlp.gazetteer.model import (
    ActorName,
    AgencyHead,
    CanonicalActor,
    ContextCues,
    Gazetteer,
    NamingCode,
    NamingConventions,
    NamingFamily,
    Organization,
    fold,
)
from pipeline.nlp.tables import country_words
from pipeline.settings import Settings

#: Bump when the compiled layout or the merge rules change (invalidates every on-disk cache).
FORMAT_VERSION = 5
#: Data files whose content keys the cache.
DATA_FILES = (
    "actor_sources.json",
    "actors_curated.json",
    "actor_alias_stoplist.txt",
    "actor_never_names.txt",
    "actor_context_cues.json",
    "agencies.json",
    "agency_constructions.json",
    "countries.tsv",
    "media.json",
    "naming_conventions.json",
    "vendors.json",
)
ORGANIZATION_FILES = ("agencies.json", "vendors.json", "media.json")


def load_countries() -> dict[str, str]:
    """Country name, demonym or capital (folded) → ISO-3166 alpha-2, from the one country table."""
    return {fold(row.name): row.iso2 for row in country_words()}


def load_organizations() -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for name in ORGANIZATION_FILES:
        for o in read_json(name)["organizations"]:
            orgs[o["id"]] = Organization(
                id=o["id"],
                name=o["name"],
                kind=o["kind"],
                country=o.get("country"),
                names=tuple(o.get("names", ())),
                acronyms=tuple(o.get("acronyms", ())),
            )
    return orgs


def load_conventions() -> NamingConventions:
    data = read_json("naming_conventions.json")
    return NamingConventions(
        families=tuple(NamingFamily(**f) for f in data["families"]),
        codes=tuple(NamingCode(**c) for c in data["codes"]),
        modifier_stopwords=frozenset(data["modifier_stopwords"]),
        name_stopwords=frozenset(data["name_stopwords"]),
    )


def load_cues() -> ContextCues:
    data = read_json("actor_context_cues.json")
    return ContextCues(
        document_cues=frozenset(data["document_cues"]),
        local_cues=frozenset(data["local_cues"]) | frozenset(data["document_cues"]),
        local_phrases=tuple(data["local_phrases"]),
    )


def load_agency_heads() -> tuple[AgencyHead, ...]:
    return tuple(
        AgencyHead(id=h["id"], phrases=tuple(h["phrases"]), allow_place=h.get("allow_place", False))
        for h in read_json("agency_constructions.json")["heads"]
    )


# -- building and caching --------------------------------------------------------------------------
def build_gazetteer() -> tuple[Gazetteer, dict[str, str]]:
    """Merge everything from scratch (about a second and a half: the galaxies load slowly)."""
    countries = load_countries()
    conventions = load_conventions()
    entries, versions = galaxy_entries(countries)
    actors = merge_actors([*curated_entries(), *entries], conventions)
    config = read_json("actor_sources.json")
    stoplist = {fold(s) for s in read_lines("actor_alias_stoplist.txt")}
    curated = read_json("actors_curated.json")
    subject_names = frozenset(fold(n) for a in curated["actors"] for n in a.get("subject_names", ()))
    never = {fold(s) for s in read_lines("actor_never_names.txt")}
    names = match_names(actors, conventions, stoplist, config["min_alias_chars"], subject_names=subject_names)
    names = [n for n in names if fold(n.text) not in never]
    gazetteer = Gazetteer(
        actors={a.id: a for a in actors},
        names=tuple(names),
        organizations=load_organizations(),
        conventions=conventions,
        agency_heads=load_agency_heads(),
        agency_resolve=read_json("agency_constructions.json").get("resolve", {}),
        countries=countries,
        cues=load_cues(),
    )
    return gazetteer, versions


def cache_key() -> str:
    """Key of the compiled gazetteer: format, pymispgalaxies version and our data files' content."""
    digest = hashlib.sha256(f"format={FORMAT_VERSION}".encode())
    digest.update(package_version("pymispgalaxies").encode())
    for module in (merge, model):  # the merge rules and the compiled layout themselves
        digest.update(Path(module.__file__ or "").read_bytes())
    for name in DATA_FILES:
        digest.update(name.encode())
        digest.update(DATA.joinpath(name).read_bytes())
    return digest.hexdigest()[:20]


def _to_json(g: Gazetteer) -> dict[str, Any]:
    return {
        "actors": [asdict(a) for a in g.actors.values()],
        "names": [[n.text, n.actor_id, n.tier] for n in g.names],
    }


def _from_json(data: dict[str, Any]) -> Gazetteer:
    actors = {
        a["id"]: CanonicalActor(
            id=a["id"],
            name=a["name"],
            aliases=tuple(a["aliases"]),
            country=a["country"],
            sources=tuple(a["sources"]),
            country_source=a.get("country_source"),
        )
        for a in data["actors"]
    }
    return Gazetteer(
        actors=actors,
        names=tuple(ActorName(*n) for n in data["names"]),
        organizations=load_organizations(),
        conventions=load_conventions(),
        agency_heads=load_agency_heads(),
        agency_resolve=read_json("agency_constructions.json").get("resolve", {}),
        countries=load_countries(),
        cues=load_cues(),
    )


def load_gazetteer(directory: Path | None = None, *, use_cache: bool = True) -> Gazetteer:
    """The gazetteer, from the on-disk cache when it is current, else merged and cached.

    ``directory`` defaults to the settings' ``cache_dir`` (``THREATNEWS_CACHE_DIR``, else the user cache).

    The merged actors and their names go to ``<directory>/gazetteer-<key>.json`` (written atomically);
    the small curated tables are read from ``pipeline/data`` each time. A cache that cannot be
    written (read-only home) is not an error: the gazetteer is simply rebuilt next time.
    """
    if not use_cache:
        return build_gazetteer()[0]
    return _load_cached(str(directory or Settings().cache_dir))


@cache
def _load_cached(directory: str) -> Gazetteer:
    path = Path(directory) / f"gazetteer-{cache_key()}.json"
    if path.is_file():
        try:
            return _from_json(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError):
            pass  # a damaged cache is rebuilt below
    gazetteer, versions = build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"versions": versions, **_to_json(gazetteer)}), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
    return gazetteer
