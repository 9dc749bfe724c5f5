"""The gazetteer: canonical threat actors and organisations, and the names that point to them.

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

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from pipeline.data import DATA, read_json, read_lines
from pipeline.nlp.tables import country_words

#: Bump when the compiled layout or the merge rules change (invalidates every on-disk cache).
FORMAT_VERSION = 3
#: Data files whose content keys the cache.
DATA_FILES = (
    "actor_sources.json",
    "actors_curated.json",
    "actor_alias_stoplist.txt",
    "actor_context_cues.json",
    "agencies.json",
    "agency_constructions.json",
    "countries.tsv",
    "media.json",
    "naming_conventions.json",
    "vendors.json",
)
ORGANIZATION_FILES = ("agencies.json", "vendors.json", "media.json")
#: Environment variable naming the cache folder (default: ``$XDG_CACHE_HOME/threatnews``).
CACHE_ENV = "THREATNEWS_CACHE_DIR"

#: How a name is matched in text (see ``pipeline.nlp.components.actors``).
TIER_CODE = "code"  # a digit or inner capital: APT28, UNC3236, GhostEmperor; always matched
TIER_PHRASE = "phrase"  # several words: matched when capitalised in a document about cyber matters
TIER_WORD = "word"  # one ordinary-looking word (Lotus, LEAD): also needs a cue nearby or another mention

_MITRE_SUFFIX = re.compile(r"\s+-\s+G\d{4}$")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")


@dataclass(frozen=True)
class CanonicalActor:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sources: tuple[str, ...] = ()


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


def load_countries() -> dict[str, str]:
    """Country name, demonym or capital (folded) → ISO-3166 alpha-2, from the one country table."""
    return {fold(row.name): row.iso2 for row in country_words()}


def to_iso(value: str | None, countries: dict[str, str]) -> str | None:
    """A MISP country (a code or a name) as ISO alpha-2; None for unknown or unmapped."""
    if not value:
        return None
    if re.fullmatch(r"[A-Z]{2}", value):
        return value
    return countries.get(fold(value))


def classify(name: str, conventions: NamingConventions) -> str:
    """The matching tier of a name (see ``TIER_*``)."""
    if any(ch.isdigit() for ch in name) or _INNER_CAPITAL.search(name) or conventions.code_of(name):
        return TIER_CODE
    if len(name.split()) > 1:
        return TIER_PHRASE
    return TIER_WORD


# -- sources ---------------------------------------------------------------------------------------
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
    country = curated.country if curated and curated.country else None
    if country is None:
        country = next((e.country for e in group if e.country), None)
    if country is None:
        implied = {fam.country for n in names if (fam := conventions.family_of(n)) and fam.country}
        country = implied.pop() if len(implied) == 1 else None
    d["name"], d["country"] = name, country


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
    actors: list[CanonicalActor], conventions: NamingConventions, stoplist: set[str], min_chars: int
) -> list[ActorName]:
    """The names the recogniser looks for, each with its tier; stoplisted and too-short names dropped."""
    out: list[ActorName] = []
    for actor in actors:
        for text in (actor.name, *actor.aliases):
            if fold(text) in stoplist or len(text) < min_chars or not any(ch.isalnum() for ch in text):
                continue
            out.append(ActorName(text, actor.id, classify(text, conventions)))
    return out


# -- organisations and tables ----------------------------------------------------------------------
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
    curated_names = {fold(n) for e in curated_entries() for n in e.names}
    names = match_names(actors, conventions, stoplist - curated_names, config["min_alias_chars"])
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


def cache_dir() -> Path:
    """Where the compiled gazetteer is kept: ``$THREATNEWS_CACHE_DIR``, else the user cache folder."""
    if env := os.environ.get(CACHE_ENV):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "threatnews"


def cache_key() -> str:
    """Key of the compiled gazetteer: format, pymispgalaxies version and our data files' content."""
    digest = hashlib.sha256(f"format={FORMAT_VERSION}".encode())
    digest.update(package_version("pymispgalaxies").encode())
    digest.update(Path(__file__).read_bytes())  # the merge rules themselves
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

    The merged actors and their names go to ``<directory>/gazetteer-<key>.json`` (written atomically);
    the small curated tables are read from ``pipeline/data`` each time. A cache that cannot be
    written (read-only home) is not an error: the gazetteer is simply rebuilt next time.
    """
    if not use_cache:
        return build_gazetteer()[0]
    return _load_cached(str(directory or cache_dir()))


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
