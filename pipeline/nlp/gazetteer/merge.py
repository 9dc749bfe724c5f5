"""Merging the galaxies and the curated table into canonical actors, deterministically.

Threat actors come from the MISP galaxy clusters that ``pymispgalaxies`` ships offline (the clusters
listed in ``data/actor_sources.json``: MISP ``threat-actor``, ``microsoft-activity-group`` and the
MITRE ATT&CK intrusion sets), merged with the hand-curated ``data/actors_curated.json``, which wins.
Agencies, security vendors and media come from ``data/agencies.json``, ``data/vendors.json`` and
``data/media.json``; naming conventions and context cues from their own tables.

How entries become canonical actors (:func:`merge_actors`), deterministically:

1. Every entry is a set of names (its value plus ``meta.synonyms``; MITRE's ``" - G0000"`` suffix is
   dropped). Names are compared case- and space-folded.
2. Entries sharing a name are joined (union-find). Links are taken strongest first: names of curated
   actors, then names that are the *value* of two or more entries, then a value shared with a
   synonym, then synonym-only names; each rank in alphabetical order. A link is skipped when the
   joined group would hold two entries of the same cluster (two MISP entries are two actors: APT28 and
   APT29 share a synonym but stay apart), or two curated actors. Curated actors' own names link
   before their aliases, so ATT&CK's "Salt Typhoon" joins the curated Salt Typhoon even though
   ATT&CK also lists FamousSparrow, a curated alias, as a group of its own (that entry stays apart
   and loses the shared name by rule 3).
3. A name still held by several groups (e.g. "Mint Sandstorm", or a synonym listed under two actors)
   goes to one owner: the group with a curated actor naming it, else the group where it is an entry's
   value, else the group whose entry lists it in the higher-priority cluster, else the group whose id
   has the strongest first entry. The other groups drop it, so every matched name points to one actor;
   a group left with no name is dropped.
4. Display name (chosen after rule 3): the curated name; else a Microsoft weather-family name
   ("Volt Typhoon") among the group's names, entry values first, in cluster priority order; else the
   value of the highest-priority entry. Ids are slugs of display names ("-2" on a clash).
5. Country (ISO-3166 alpha-2): curated; else ``meta.country`` or ``cfr-suspected-state-sponsor`` of
   the highest-priority entry that has one (names mapped through ``data/countries.tsv``); else
   the nexus implied by its naming-convention names, when they agree.

The merged result is compiled once and cached on disk as JSON (:func:`cache_dir`), keyed by the
pymispgalaxies version, the cluster versions and a hash of our data files, so start-up skips the
galaxy load and the merge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import version as package_version
from typing import Any

from pipeline.data import read_json
from pipeline.nlp.gazetteer.model import (
    TIER_GUARDED,
    TIER_PHRASE,
    TIER_SUBJECT,
    ActorName,
    CanonicalActor,
    NamingConventions,
    classify,
    fold,
    slug,
)

_MITRE_SUFFIX = re.compile(r"\s+-\s+G\d{4}$")


def to_iso(value: str | None, countries: dict[str, str]) -> str | None:
    """A MISP country (a code or a name) as ISO alpha-2; None for unknown or unmapped."""
    if not value:
        return None
    if re.fullmatch(r"[A-Z]{2}", value):
        return value
    return countries.get(fold(value))


@dataclass
class Entry:
    """One actor entry of one source, before merging."""

    label: str
    priority: int  # lower is stronger; curated is -1
    value: str
    names: list[str]
    country: str | None
    curated_id: str | None = None


def galaxy_entries(countries: dict[str, str]) -> tuple[list[Entry], dict[str, str]]:
    """Entries of the configured pymispgalaxies clusters, and the version of each cluster."""
    from pymispgalaxies import Clusters  # imported here: loading every galaxy takes about a second

    config = read_json("actor_sources.json")
    clusters = Clusters()
    entries: list[Entry] = []
    versions = {"pymispgalaxies": package_version("pymispgalaxies")}
    for priority, galaxy in enumerate(config["galaxies"]):
        try:
            cluster = clusters[galaxy["name"]]
        except KeyError:
            continue
        versions[galaxy["name"]] = str(cluster.version)
        for item in sorted(cluster.values(), key=lambda v: (v.value, v.uuid)):
            data = item.to_dict()
            meta = data.get("meta") or {}
            value = _MITRE_SUFFIX.sub("", data["value"]).strip()
            names = [value, *(s.strip() for s in meta.get("synonyms", []) if s and s.strip())]
            country = to_iso(meta.get("country"), countries) or to_iso(
                meta.get("cfr-suspected-state-sponsor"), countries
            )
            entries.append(Entry(galaxy["label"], priority, value, _unique(names), country))
    return entries, versions


def curated_entries() -> list[Entry]:
    return [
        Entry("curated", -1, a["name"], _unique([a["name"], *a.get("aliases", [])]), a.get("country"), a["id"])
        for a in read_json("actors_curated.json")["actors"]
    ]


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        if (k := fold(n)) and k not in seen:
            seen.add(k)
            out.append(n)
    return out


# -- merging ---------------------------------------------------------------------------------------
def merge_actors(entries: list[Entry], conventions: NamingConventions) -> list[CanonicalActor]:
    """Canonical actors from source entries; the rules are in this module's docstring."""
    entries = _dedupe(sorted(entries, key=lambda e: (e.priority, fold(e.value))))
    parent = list(range(len(entries)))
    members: dict[int, set[str]] = {i: {_member_key(e)} for i, e in enumerate(entries)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holders: dict[str, list[int]] = {}
    values: dict[str, int] = {}
    curated_values: set[str] = set()
    curated_names: set[str] = set()
    for i, e in enumerate(entries):
        for n in e.names:
            holders.setdefault(fold(n), []).append(i)
        values[fold(e.value)] = values.get(fold(e.value), 0) + 1
        if e.curated_id:
            curated_values.add(fold(e.value))
            curated_names.update(fold(n) for n in e.names)

    def rank(key: str) -> int:
        if key in curated_values:
            return 0
        if key in curated_names:
            return 1
        return 2 if values.get(key, 0) >= 2 else 3 if key in values else 4

    for key in sorted(holders, key=lambda k: (rank(k), k)):
        ids = holders[key]
        for other in ids[1:]:
            a, b = find(ids[0]), find(other)
            if a == b or members[a] & members[b]:
                continue
            parent[b] = a
            members[a] |= members.pop(b)

    groups: dict[int, list[Entry]] = {}
    for i, e in enumerate(entries):
        groups.setdefault(find(i), []).append(e)
    drafts = [_draft(group) for group in groups.values()]
    drafts.sort(key=lambda d: d["first"])
    _resolve_shared_names(drafts)
    drafts = [d for d in drafts if d["names"]]  # every name went to a stronger group: nothing left
    for d in drafts:
        _name_and_country(d, conventions)
    drafts.sort(key=lambda d: (fold(d["name"]), d["first"]))
    _assign_ids(drafts)
    return [
        CanonicalActor(
            id=d["id"],
            name=d["name"],
            aliases=tuple(n for n in d["names"] if fold(n) != fold(d["name"])),
            country=d["country"],
            sources=tuple(sorted({e.label for e in d["entries"]})),
            country_source=d["country_source"],
        )
        for d in drafts
    ]


def _dedupe(entries: list[Entry]) -> list[Entry]:
    """One entry per (cluster, value): ATT&CK lists some groups twice ("Lazarus Group", "Lazarus group")."""
    out: dict[tuple[str, str], Entry] = {}
    for e in entries:
        key = (e.curated_id or e.label, fold(e.value))
        if key in out:
            kept = out[key]
            kept.names = _unique([*kept.names, *e.names])
            kept.country = kept.country or e.country
        else:
            out[key] = e
    return list(out.values())


def _member_key(e: Entry) -> str:
    # Curated actors all share one "cluster" key per actor id, so two curated actors never merge.
    return "curated" if e.curated_id else e.label


def _draft(group: list[Entry]) -> dict[str, Any]:
    group.sort(key=lambda e: (e.priority, fold(e.value)))
    curated = next((e for e in group if e.curated_id), None)
    return {
        "names": _unique([n for e in group for n in e.names]),
        "entries": group,
        "curated": curated,
        "curated_id": curated.curated_id if curated else None,
        "first": (group[0].priority, fold(group[0].value)),
    }


def _name_and_country(d: dict[str, Any], conventions: NamingConventions) -> None:
    """Display name and country of a group whose names are settled (rules 4 and 5)."""
    names, group, curated = d["names"], d["entries"], d["curated"]
    kept = {fold(n) for n in names}
    if curated:
        name = curated.value
    else:
        values = [e.value for e in group if fold(e.value) in kept]
        weather = [
            n
            for n in _unique([*values, *names])
            if (fam := conventions.family_of(n)) and fam.vendor == "Microsoft" and n.split()[0][:1].isupper()
        ]
        name = weather[0] if weather else (values or names)[0]
    country, source = (curated.country, "curated") if curated and curated.country else (None, None)
    if country is None:
        country = next((e.country for e in group if e.country), None)
        source = "misp" if country else None
    if country is None:
        implied = {fam.country for n in names if (fam := conventions.family_of(n)) and fam.country}
        country = implied.pop() if len(implied) == 1 else None
        source = "naming-convention" if country else None
    d["name"], d["country"], d["country_source"] = name, country, source


def _assign_ids(drafts: list[dict[str, Any]]) -> None:
    taken: set[str] = {d["curated_id"] for d in drafts if d["curated_id"]}
    for d in drafts:
        if d["curated_id"]:
            d["id"] = d["curated_id"]
            continue
        base = slug(d["name"])
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        d["id"] = candidate


def _resolve_shared_names(drafts: list[dict[str, Any]]) -> None:
    owners: dict[str, list[dict[str, Any]]] = {}
    for d in drafts:
        for n in d["names"]:
            owners.setdefault(fold(n), []).append(d)
    for key, ds in owners.items():
        if len(ds) < 2:
            continue

        def strength(d: dict[str, Any], key: str = key) -> tuple:
            curated = any(e.curated_id and key in {fold(n) for n in e.names} for e in d["entries"])
            is_value = any(fold(e.value) == key for e in d["entries"])
            best = min(e.priority for e in d["entries"] if key in {fold(n) for n in e.names})
            return (not curated, not is_value, best, d["first"])

        winner = min(ds, key=strength)
        for d in ds:
            if d is not winner:
                d["names"] = [n for n in d["names"] if fold(n) != key]


def match_names(
    actors: list[CanonicalActor],
    conventions: NamingConventions,
    stoplist: set[str],
    min_chars: int,
    *,
    subject_names: frozenset[str] = frozenset(),
) -> list[ActorName]:
    """The names the recogniser looks for, each with its tier, and their spelling variants.

    Stoplisted names stay, guarded (``TIER_GUARDED``: counted only where the article confirms the actor
    otherwise; ``TIER_SUBJECT`` for the curated ``subject_names``, also as the subject of an action verb).
    Variants of several-word names: the joined form ("TheShadowBrokers", "EQUATIONGROUP") and the plural of
    the last word ("Fancy Bears"), both matched like several-word names; a variant never takes a name
    another actor holds.
    """
    out: list[ActorName] = []
    for actor in actors:
        for text in (actor.name, *actor.aliases):
            if len(text) < min_chars or not any(ch.isalnum() for ch in text):
                continue
            key = fold(text)
            if key in stoplist:
                out.append(ActorName(text, actor.id, TIER_SUBJECT if key in subject_names else TIER_GUARDED))
            else:
                out.append(ActorName(text, actor.id, classify(text, conventions)))
    taken = {fold(n.text) for n in out}
    for name in list(out):
        for variant in _variants(name.text) if name.tier == TIER_PHRASE else ():
            if fold(variant) not in taken:
                taken.add(fold(variant))
                out.append(ActorName(variant, name.actor_id, TIER_PHRASE))
    return out


def _variants(text: str) -> list[str]:
    words = text.split()
    if len(words) < 2 or not all(w.isalpha() for w in words):
        return []
    out = ["".join(words)] if len(text) >= 9 else []
    if words[-1][:1].isupper() and words[-1][-1:].isalpha() and not words[-1].endswith(("s", "y", "x")):
        out.append(f"{text}s")
    return out


# -- organisations and tables ----------------------------------------------------------------------
