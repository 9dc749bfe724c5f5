"""Building the attribution ledger in one pass over a run's records, holding only the aggregate.

Each record adds its claims to the entries they belong to and is dropped: memory grows with the number of
entries (actor × party), their distinct claimants, sites and dates, and at most ``limit`` listed statements
per entry (the earliest; every one is still counted), never with the number of records. Evidence texts are
cut at :data:`EVIDENCE_CHARS` characters (the offsets still cover the whole sentence).

What counts as an attribution: a sponsorship, responsibility or (legacy) attribution claim whose text names
the party (``attributed_to``). A claim naming no party is no attribution of the actor to anyone, whatever the
gazetteer thinks (``inferred_sponsor``): the gazetteer's view is kept per actor in ``gazetteer``, labelled.
A denial is a claim of kind ``denial`` or stance ``denied``.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from models import (
    LINK_KINDS,
    UNNAMED_ACTOR,
    ArticleRecord,
    AttributedTo,
    Claim,
    ClaimKind,
    GazetteerView,
    LedgerDenial,
    LedgerEntry,
    LedgerEvidence,
    LedgerParty,
    LedgerStatement,
    Speaker,
    Stance,
)
from pipeline.export.dates import read_published
from pipeline.export.ledger.sources import Reprints, claimant_identity, claimant_type, consensus
from pipeline.nlp.tables import country_names

#: Longest evidence text kept per statement.
EVIDENCE_CHARS = 300
#: Statements (attributions, and denials, each) listed per entry by default; the rest are counted.
DEFAULT_LIMIT = 200
#: Most distinct names kept per actor or party (aliases, how claims name it): enough to read, bounded.
MAX_NAMES = 12
#: Party key of a denial that names no party.
NO_PARTY = "?"
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


def claimant_key(name: str) -> str:
    """A claimant across articles: case, spacing, quote marks and a leading article ignored ("The FBI" = "FBI")."""
    key = " ".join(name.casefold().replace("’", "'").split())
    return _LEADING_ARTICLE.sub("", key)


def party_key(party: AttributedTo | None) -> str:
    if party is None:
        return NO_PARTY
    return party.country or "org:" + " ".join(party.name.casefold().split())


class _Row(NamedTuple):
    """A statement while the ledger is built: a plain tuple (a tenth of a model's memory), made a model at the
    end. Its first five fields are its order: oldest first, undated last, then article, place and claim."""

    undated: bool
    published: str
    doc_id: str
    start: int
    claim_id: str
    end: int
    evidence: str
    truncated: bool
    title: str | None
    site: str | None
    claimant_name: str | None
    claimant_id: str | None
    claimant_kind: str | None
    claimant_affiliation: str | None
    kind: str
    stance: str
    confidence: float
    actor_text: str | None
    party_text: str | None
    quote_id: str | None
    direct: bool = True
    denies: tuple[str, ...] = ()
    claimant_type: str = "other"
    claimant_key: str = ""

    def model(self, model: type[LedgerStatement]) -> LedgerStatement:
        fields = self._asdict()
        evidence = LedgerEvidence(start=self.start, end=self.end, text=self.evidence, truncated=self.truncated)
        fields.update(evidence=evidence, published=self.published or None)
        if model is LedgerDenial:
            fields["denies"] = list(self.denies)
        else:
            del fields["direct"], fields["denies"]
        del fields["undated"], fields["start"], fields["end"], fields["truncated"], fields["claimant_key"]
        return model(**fields)


class _Later:
    """A kept row in a max-heap: the root is the latest row, the first to give way to an earlier one."""

    __slots__ = ("key", "row")

    def __init__(self, row: _Row) -> None:
        self.key, self.row = row[:5], row

    def __lt__(self, other: _Later) -> bool:
        return self.key > other.key


def _note(counter: Counter[str], name: str | None) -> None:
    """Count ``name`` among a bounded set of names (a new name is kept while there is room)."""
    if name and (name in counter or len(counter) < MAX_NAMES):
        counter[name] += 1


def _most_frequent(counter: Counter[str]) -> list[str]:
    return [name for name, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))]


@dataclass
class _Kept:
    """The earliest ``limit`` rows of one list, in order (``limit`` 0: all of them)."""

    limit: int
    heap: list[_Later] = field(default_factory=list)

    def add(self, row: _Row) -> None:
        if not self.limit or len(self.heap) < self.limit:
            heapq.heappush(self.heap, _Later(row))
        elif row[:5] < self.heap[0].key:
            heapq.heapreplace(self.heap, _Later(row))

    def final(self) -> list[_Row]:
        return sorted((kept.row for kept in self.heap), key=lambda row: row[:5])


@dataclass
class _Entry:
    actor_id: str | None
    party: str
    limit: int
    country: str | None = None
    party_names: Counter[str] = field(default_factory=Counter)
    actor_texts: Counter[str] = field(default_factory=Counter)
    attributions: int = 0
    dates: Counter[str] = field(default_factory=Counter)
    by_stance: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    claimants: set[str] = field(default_factory=set)
    types: dict[str, set[str]] = field(default_factory=dict)
    reprints: Reprints = field(default_factory=Reprints)
    articles: int = 0
    sites: set[str] = field(default_factory=set)
    denials: int = 0
    direct_denials: int = 0
    denial_dates: list[str] = field(default_factory=list)  # first and last only
    listed: _Kept = field(init=False)
    denied: _Kept = field(init=False)

    def __post_init__(self) -> None:
        self.listed, self.denied = _Kept(self.limit), _Kept(self.limit)

    def note(self, claim: Claim) -> None:
        _note(self.actor_texts, claim.actor_text)
        if claim.attributed_to:
            _note(self.party_names, claim.attributed_to.name)
            self.country = self.country or claim.attributed_to.country

    def attribution(self, statement: _Row) -> None:
        self.attributions += 1
        self.dates[statement.published] += 1
        self.by_stance[statement.stance] += 1
        self.by_kind[statement.kind] += 1
        if statement.claimant_name:
            self.claimants.add(statement.claimant_key or claimant_key(statement.claimant_name))
        who = statement.claimant_key or ("site:" + (statement.site or statement.doc_id).casefold())
        self.types.setdefault(statement.claimant_type, set()).add(who)
        self.reprints.add(statement.evidence)
        self.listed.add(statement)

    def denial(self, denial: _Row) -> None:
        self.denials += 1
        self.direct_denials += denial.direct
        self.by_stance[Stance.denied.value] += 1
        if denial.published:
            self.denial_dates = sorted({*self.denial_dates, denial.published})
            self.denial_dates = [self.denial_dates[0], self.denial_dates[-1]]
        self.denied.add(denial)


@dataclass
class _Actor:
    name: str
    aliases: dict[str, None] = field(default_factory=dict)
    gazetteer: GazetteerView | None = None


class LedgerBuilder:
    """Add records one at a time (:meth:`add`), then take the entries (:meth:`entries`)."""

    def __init__(self, *, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = limit
        self.records = 0
        self._entries: dict[tuple[str | None, str], _Entry] = {}
        self._actors: dict[str, _Actor] = {}

    def _entry(self, actor_id: str | None, party: str) -> _Entry:
        entry = self._entries.get((actor_id, party))
        if entry is None:
            entry = self._entries[(actor_id, party)] = _Entry(actor_id, party, self.limit)
        return entry

    def _learn_actors(self, record: ArticleRecord) -> None:
        for actor in record.actors:
            known = self._actors.setdefault(actor.id, _Actor(actor.name))
            for alias in (actor.name, *actor.aliases):
                if alias != known.name and (alias in known.aliases or len(known.aliases) < MAX_NAMES):
                    known.aliases[alias] = None
            if known.gazetteer is None and actor.country:
                known.gazetteer = GazetteerView(country=actor.country, source=actor.country_source)
        for claim in record.claims:
            if claim.actor_id and claim.inferred_sponsor:
                known = self._actors.setdefault(claim.actor_id, _Actor(claim.actor_text or claim.actor_id))
                if known.gazetteer is None:
                    sponsor = claim.inferred_sponsor
                    known.gazetteer = GazetteerView(country=sponsor.country, source=sponsor.source)

    def add(self, record: ArticleRecord) -> None:
        """Add one record's attributions and denials."""
        self.records += 1
        self._learn_actors(record)
        speakers = {s.id: s for s in record.speakers}
        published = read_published(record.published).date or None
        context = (record, speakers, published)
        touched: dict[tuple[str | None, str], None] = {}
        in_article: dict[tuple[str | None, str], list[str]] = {}
        denials = []
        for claim in record.claims:
            if claim.kind == ClaimKind.denial or claim.stance == Stance.denied:
                denials.append(claim)
            elif claim.kind in LINK_KINDS and claim.attributed_to is not None:
                key = (claim.actor_id, party_key(claim.attributed_to))
                entry = self._entry(*key)
                entry.note(claim)
                entry.attribution(_row(claim, context))
                in_article.setdefault(key, []).append(claim.id)
                touched[key] = None
        for claim in denials:
            party = party_key(claim.attributed_to)
            targets = [(claim.actor_id, party, True)]
            if claim.actor_id is None:  # "China denies any involvement": answers every actor tied to it here
                targets += [(actor, party, False) for actor, p in in_article if actor is not None and p == party]
            for actor_id, key, direct in targets:
                entry = self._entry(actor_id, key)
                if direct:
                    entry.note(claim)
                entry.denial(_row(claim, context, direct=direct, denies=tuple(in_article.get((actor_id, key), ()))))
                touched[(actor_id, key)] = None
        for key in touched:
            entry = self._entries[key]
            entry.articles += 1
            if record.site:
                entry.sites.add(record.site.casefold())

    def add_all(self, records: Iterable[ArticleRecord]) -> LedgerBuilder:
        for record in records:
            self.add(record)
        return self

    def entries(self) -> list[LedgerEntry]:
        """The ledger: named actors by name, the unnamed last; an actor's parties by attributions, then name."""
        out = [self._finish(entry) for entry in self._entries.values()]
        return sorted(
            out,
            key=lambda e: (
                e.actor_id is None,
                e.actor_name.casefold(),
                e.actor_id or "",
                -e.attributions,
                e.party.name.casefold(),
                e.party.key,
            ),
        )

    def _finish(self, entry: _Entry) -> LedgerEntry:
        actor = self._actors.get(entry.actor_id or "")
        names = _most_frequent(entry.party_names)
        if entry.party == NO_PARTY:
            party = LedgerParty(key=NO_PARTY, name="(no party named)", names=names)
        elif entry.country:
            party = LedgerParty(
                key=entry.party,
                name=country_names().get(entry.country, entry.country),
                country=entry.country,
                names=names,
            )
        else:
            party = LedgerParty(key=entry.party, name=names[0] if names else entry.party[4:], names=names)
        dated = sorted(d for d in entry.dates if d)
        denials = [row.model(LedgerDenial) for row in entry.denied.final()]
        for denial in denials:
            if denial.published:
                denial.attributions_before = sum(n for d, n in entry.dates.items() if d and d <= denial.published)
        listed = [row.model(LedgerStatement) for row in entry.listed.final()]
        gazetteer = None
        if actor is not None and actor.gazetteer is not None:
            agrees = None if actor.gazetteer.country is None else actor.gazetteer.country == party.country
            gazetteer = actor.gazetteer.model_copy(update={"agrees": agrees})
        actor_name = actor.name if actor else (entry.actor_id or UNNAMED_ACTOR)
        return LedgerEntry(
            actor_id=entry.actor_id,
            actor_name=actor_name,
            aliases=list(actor.aliases) if actor else [],
            actor_texts=_most_frequent(entry.actor_texts),
            party=party,
            first=dated[0] if dated else None,
            last=dated[-1] if dated else None,
            attributions=entry.attributions,
            undated=entry.dates.get("", 0),
            by_stance=dict(sorted(entry.by_stance.items())),
            by_kind=dict(sorted(entry.by_kind.items())),
            claimants=len(entry.claimants),
            articles=entry.articles,
            sites=len(entry.sites),
            denials=entry.denials,
            direct_denials=entry.direct_denials,
            first_denial=entry.denial_dates[0] if entry.denial_dates else None,
            last_denial=entry.denial_dates[-1] if entry.denial_dates else None,
            attributions_listed=listed,
            denials_listed=denials,
            omitted=entry.attributions - len(listed) + entry.denials - len(denials),
            claimant_types={kind: len(who) for kind, who in sorted(entry.types.items())},
            independent_sources=entry.reprints.independent,
            consensus=consensus(
                attributions=entry.attributions,
                denials=entry.denials,
                types=entry.types,
            ),
            gazetteer=gazetteer,
        )


def _row(claim: Claim, context: tuple, *, direct: bool = True, denies: tuple[str, ...] = ()) -> _Row:
    record, speakers, published = context
    speaker: Speaker | None = speakers.get(claim.claimant_id or "")
    text = claim.evidence.text
    party_country = claim.attributed_to.country if claim.attributed_to else None
    return _Row(
        undated=published is None,
        published=published or "",
        doc_id=record.doc_id,
        start=claim.evidence.start,
        claim_id=claim.id,
        end=claim.evidence.end,
        evidence=text[:EVIDENCE_CHARS],
        truncated=len(text) > EVIDENCE_CHARS,
        title=record.title,
        site=record.site,
        claimant_name=claim.claimant_name or (speaker.name if speaker else None),
        claimant_id=claim.claimant_id,
        claimant_kind=speaker.kind.value if speaker else None,
        claimant_affiliation=speaker.affiliation if speaker else None,
        kind=claim.kind.value,
        stance=claim.stance.value,
        confidence=claim.confidence,
        actor_text=claim.actor_text,
        party_text=claim.attributed_to.name if claim.attributed_to else None,
        quote_id=claim.quote_id,
        direct=direct,
        denies=denies,
        claimant_type=claimant_type(record, claim, speaker, party_country=party_country),
        claimant_key=claimant_identity(record, claim, speaker) or "",
    )


def build_ledger(records: Iterable[ArticleRecord], *, limit: int = DEFAULT_LIMIT) -> list[LedgerEntry]:
    """The ledger of ``records`` (any iterable: a generator is read once, nothing is kept of a record)."""
    return LedgerBuilder(limit=limit).add_all(records).entries()
