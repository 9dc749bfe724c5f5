"""A STIX 2.1 bundle of a run, built with the ``stix2`` library.

What becomes what:

- each article → a ``report`` (name, published, ``object_refs`` to everything drawn from it);
- each canonical actor → an ``intrusion-set`` (name, aliases), ``originates-from`` the ``location`` of its
  sponsor country when the gazetteer knows it;
- each agency and each claimant → an ``identity``; each country → a ``location`` (``country`` = ISO alpha-2);
- each attribution claim → an ``attributed-to`` relationship, ``created_by_ref`` the claimant's identity,
  ``confidence`` from the stance (:data:`STANCE_CONFIDENCE`), the evidence sentence as its description.

STIX 2.1 suggests ``attributed-to`` only from campaign → intrusion-set/threat-actor, intrusion-set →
threat-actor and threat-actor → identity (the validator's ``relationship-types`` check). A state is therefore
a ``threat-actor`` of type ``nation-state`` (``located-at`` its country), and a named agency (MSS, GRU) a
``threat-actor`` ``attributed-to`` the agency's ``identity``; claims point ``intrusion-set --attributed-to-->
threat-actor``. A claim about an unnamed actor ("the hackers") becomes a ``campaign`` for the operation the
article reports, ``attributed-to`` the state: the claim is kept without inventing an intrusion set.

A denial is not a relationship: STIX has the ``opinion`` object for "this producer disagrees with those
objects", so a denial is an ``opinion`` (``strongly-disagree``) by the denier over the article's
``attributed-to`` relationships to the same country (or the article's report when it has none).
Targeting claims whose target has a country become ``targets`` relationships to its location.

Ids are deterministic: the UUID is derived from SHA-256 over a fixed namespace and a stable key (actor id,
claimant name, ISO code, doc_id, relationship endpoints + evidence offsets), shaped as a version-4 UUID
because the spec says SDO and SRO ids SHOULD be UUIDv4 (``stix2-validator --strict`` enforces it, so
``uuid5`` would fail). Timestamps are the article's publication date, or :data:`UNDATED` for objects not
tied to one dated article, so the same records always give a byte-identical bundle.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable
from pathlib import Path

import stix2

from models import ArticleRecord, Claim, ClaimKind, Organization, SpeakerKind, Stance
from pipeline.nlp.tables import country_names
from pipeline.version import __version__

#: The namespace every id is derived in; changing it changes every id.
ID_NAMESPACE = uuid.UUID("8f1c2a6e-5b7d-4c3e-9a1f-2d4b6e8c0a13")

#: The timestamp of objects not tied to one dated article (actors, identities, locations), and of
#: articles without a publication date.
UNDATED = "2000-01-01T00:00:00Z"

#: STIX ``confidence`` (0-100) of a relationship by the stance of the claim it comes from.
STANCE_CONFIDENCE: dict[Stance, int] = {Stance.asserted: 85, Stance.reported: 60, Stance.hedged: 35}

#: STIX ``identity_class`` by speaker kind.
IDENTITY_CLASS: dict[SpeakerKind, str] = {
    SpeakerKind.person: "individual",
    SpeakerKind.organization: "organization",
    SpeakerKind.anonymous: "unknown",
    SpeakerKind.document: "unknown",
    SpeakerKind.unknown: "unknown",
}

#: Speaker kinds named well enough to be one identity across articles; others are per article.
GLOBAL_SPEAKER_KINDS = {SpeakerKind.person, SpeakerKind.organization}

#: What a STIX ``location.country`` holds; the records' ``INT`` (international bodies) is no country.
ISO_ALPHA2 = re.compile(r"[A-Z]{2}")


def stix_id(object_type: str, *key: object) -> str:
    """A deterministic ``type--uuid`` id: SHA-256 over the namespace and the key, shaped as UUIDv4."""
    digest = hashlib.sha256(ID_NAMESPACE.bytes + "\x1f".join(map(str, (object_type, *key))).encode()).digest()
    return f"{object_type}--{uuid.UUID(bytes=digest[:16], version=4)}"


def _timestamp(record: ArticleRecord) -> str:
    return f"{record.published}T00:00:00Z" if record.published else UNDATED


class _BundleBuilder:
    """Collects STIX objects by id, in the order they are first made, and what each article refers to."""

    def __init__(self) -> None:
        self.objects: dict[str, stix2.base._STIXBase] = {}
        self.author = self._add(
            stix2.Identity(
                id=stix_id("identity", "threatnews"),
                created=UNDATED,
                modified=UNDATED,
                name="threatnews",
                identity_class="system",
                description=f"Extracted by threatnews {__version__} from news articles.",
            )
        )

    def _add(self, obj):  # noqa: ANN001, ANN202 - stix2 objects share no public base type
        self.objects.setdefault(obj.id, obj)
        return self.objects[obj.id]

    # Objects shared across articles -------------------------------------------------------------

    def _sdo(self, cls, object_id: str, **props) -> str:  # noqa: ANN001, ANN003 - stix2 classes share no base
        """Add a shared, undated object once (by its deterministic id) and return the id."""
        if object_id not in self.objects:
            self._add(cls(id=object_id, created=UNDATED, modified=UNDATED, created_by_ref=self.author.id, **props))
        return object_id

    def _located(self, object_id: str, country: str | None, kind: str) -> list[str]:
        """The object, and its country's location with the relationship to it when there is one."""
        location = self.location(country)
        if location is None:
            return [object_id]
        return [object_id, location, self._relationship(kind, object_id, location, UNDATED)]

    def location(self, country: str | None) -> str | None:
        """The location of an ISO alpha-2 code; ``None`` for pseudo-codes such as ``INT`` (no country)."""
        if not country or not ISO_ALPHA2.fullmatch(country):
            return None
        name = country_names().get(country, country)
        return self._sdo(stix2.Location, stix_id("location", country), name=name, country=country)

    def _relationship(self, kind: str, source: str, target: str, created: str, *key: object, **props) -> str:  # noqa: ANN003
        object_id = stix_id("relationship", kind, source, target, *key)
        if object_id not in self.objects:
            props.setdefault("created_by_ref", self.author.id)
            self._add(
                stix2.Relationship(
                    id=object_id,
                    created=created,
                    modified=created,
                    relationship_type=kind,
                    source_ref=source,
                    target_ref=target,
                    **props,
                )
            )
        return object_id

    def intrusion_set(self, actor) -> list[str]:  # noqa: ANN001
        object_id = self._sdo(
            stix2.IntrusionSet,
            stix_id("intrusion-set", actor.id),
            name=actor.name,
            aliases=list(actor.aliases) or None,
            external_references=[{"source_name": "threatnews", "external_id": actor.id}],
        )
        return self._located(object_id, actor.country, "originates-from")

    def agency(self, org: Organization) -> list[str]:
        object_id = self._sdo(
            stix2.Identity,
            stix_id("identity", "agency", org.id),
            name=org.name,
            identity_class="organization",
            sectors=["government-national"],
        )
        return self._located(object_id, org.country, "located-at")

    def state(self, country: str) -> list[str]:
        """The ``nation-state`` threat actor standing for a state's government as an attribution target."""
        name = f"{country_names().get(country, country)} (state)"
        object_id = self._sdo(
            stix2.ThreatActor, stix_id("threat-actor", "state", country), name=name, threat_actor_types=["nation-state"]
        )
        return self._located(object_id, country, "located-at")

    def agency_actor(self, org: Organization) -> list[str]:
        """The ``threat-actor`` profile of a state agency named as an attribution target."""
        object_id = self._sdo(
            stix2.ThreatActor,
            stix_id("threat-actor", "agency", org.id),
            name=org.name,
            threat_actor_types=["nation-state"],
        )
        identity_refs = self.agency(org)
        link = self._relationship("attributed-to", object_id, identity_refs[0], UNDATED)
        return [object_id, *identity_refs, link]

    def named(self, name: str) -> str:
        """An organisation known only by a name (a sponsor or denier that is neither a state nor an agency)."""
        return self._sdo(
            stix2.Identity, stix_id("identity", "name", name.casefold()), name=name, identity_class="organization"
        )

    # Per article --------------------------------------------------------------------------------

    def article(self, record: ArticleRecord) -> None:
        builder = _ArticleObjects(self, record)
        builder.build()


def _agency_named(record: ArticleRecord, name: str | None) -> Organization | None:
    """The record's agency called ``name`` (canonical name or any mention), if any."""
    if not name:
        return None
    for org in record.organizations:
        if org.kind == "agency" and (org.name == name or any(m.text == name for m in org.mentions)):
            return org
    return None


class _ArticleObjects:
    """The objects one article contributes, and its report."""

    def __init__(self, bundle: _BundleBuilder, record: ArticleRecord) -> None:
        self.bundle = bundle
        self.record = record
        self.created = _timestamp(record)
        self.refs: dict[str, None] = {}
        self.attributions_by_country: dict[str, list[str]] = {}

    def _refer(self, *ids: str) -> None:
        self.refs.update(dict.fromkeys(ids))

    def _claimant(self, claim: Claim) -> str | None:
        """The identity of who makes the claim (``None`` when the article itself does)."""
        if not claim.claimant_name:
            return None
        agency = _agency_named(self.record, claim.claimant_name)
        if agency:
            refs = self.bundle.agency(agency)
            self._refer(*refs)
            return refs[0]
        speaker = next((s for s in self.record.speakers if s.id == claim.claimant_id), None)
        kind = speaker.kind if speaker else SpeakerKind.unknown
        if kind in GLOBAL_SPEAKER_KINDS:
            key: tuple[str, ...] = ("claimant", claim.claimant_name.casefold())
        else:
            key = ("claimant", self.record.doc_id, claim.claimant_id or claim.claimant_name)
        object_id = stix_id("identity", *key)
        if object_id not in self.bundle.objects:
            props = {}
            if speaker and (speaker.title or speaker.affiliation):
                props["description"] = ", ".join(filter(None, (speaker.title, speaker.affiliation)))
            self.bundle._add(
                stix2.Identity(
                    id=object_id,
                    created=self.created if kind not in GLOBAL_SPEAKER_KINDS else UNDATED,
                    modified=self.created if kind not in GLOBAL_SPEAKER_KINDS else UNDATED,
                    created_by_ref=self.bundle.author.id,
                    name=claim.claimant_name,
                    identity_class=IDENTITY_CLASS[kind],
                    **props,
                )
            )
        self._refer(object_id)
        return object_id

    def _operation(self) -> str:
        """The campaign standing for the operation the article reports, for claims about unnamed actors."""
        object_id = stix_id("campaign", self.record.doc_id)
        if object_id not in self.bundle.objects:
            named = sorted({c.actor_text for c in self.record.claims if not c.actor_id and c.actor_text})
            self.bundle._add(
                stix2.Campaign(
                    id=object_id,
                    created=self.created,
                    modified=self.created,
                    created_by_ref=self.bundle.author.id,
                    name=f"Operation reported in: {self.record.title or self.record.doc_id}",
                    description="Unnamed actor, called here: " + "; ".join(named) if named else None,
                )
            )
        self._refer(object_id)
        return object_id

    def _source(self, claim: Claim) -> str:
        actor = next((a for a in self.record.actors if a.id == claim.actor_id), None) if claim.actor_id else None
        if actor:
            refs = self.bundle.intrusion_set(actor)
            self._refer(*refs)
            return refs[0]
        return self._operation()

    def _sponsor(self, claim: Claim) -> str | None:
        target = claim.attributed_to
        if target is None:
            return None
        agency = _agency_named(self.record, target.name)
        if agency:
            refs = self.bundle.agency_actor(agency)
        elif target.country:
            refs = self.bundle.state(target.country)
        else:
            return None
        self._refer(*refs)
        return refs[0]

    def _claim_props(self, claim: Claim) -> dict:
        props: dict = {"description": claim.evidence.text}
        claimant = self._claimant(claim)
        if claimant:
            props["created_by_ref"] = claimant
        if claim.stance in STANCE_CONFIDENCE:
            props["confidence"] = STANCE_CONFIDENCE[claim.stance]
        return props

    def _key(self, claim: Claim) -> tuple:
        return (self.record.doc_id, claim.evidence.start, claim.evidence.end, claim.evidence.text)

    def attribution(self, claim: Claim) -> None:
        sponsor = self._sponsor(claim)
        if sponsor is None:
            return
        source = self._source(claim)
        link = self.bundle._relationship(
            "attributed-to", source, sponsor, self.created, *self._key(claim), **self._claim_props(claim)
        )
        self._refer(link)
        if claim.attributed_to and claim.attributed_to.country:
            self.attributions_by_country.setdefault(claim.attributed_to.country, []).append(link)

    def targeting(self, claim: Claim) -> None:
        location = self.bundle.location(claim.target.country) if claim.target else None
        if location is None:
            return
        source = self._source(claim)
        link = self.bundle._relationship(
            "targets", source, location, self.created, *self._key(claim), **self._claim_props(claim)
        )
        self._refer(location, link)

    def denial(self, claim: Claim, report_id: str) -> None:
        denier = self._claimant(claim)
        if denier is None and claim.attributed_to:
            agency = _agency_named(self.record, claim.attributed_to.name)
            denier = self.bundle.agency(agency)[0] if agency else self.bundle.named(claim.attributed_to.name)
            self._refer(denier)
        country = claim.attributed_to.country if claim.attributed_to else None
        denied = self.attributions_by_country.get(country or "", []) or [report_id]
        object_id = stix_id("opinion", *self._key(claim))
        name = claim.claimant_name or (claim.attributed_to.name if claim.attributed_to else None)
        self.bundle._add(
            stix2.Opinion(
                id=object_id,
                created=self.created,
                modified=self.created,
                created_by_ref=denier or self.bundle.author.id,
                opinion="strongly-disagree",
                explanation=claim.evidence.text,
                authors=[name] if name else None,
                object_refs=denied,
            )
        )
        self._refer(object_id)

    def build(self) -> None:
        record = self.record
        report_id = stix_id("report", record.doc_id)
        for actor in record.actors:
            self._refer(*self.bundle.intrusion_set(actor))
        for org in record.organizations:
            if org.kind == "agency":
                self._refer(*self.bundle.agency(org))
        for claim in record.claims:
            if claim.kind == ClaimKind.attribution and claim.stance != Stance.denied:
                self.attribution(claim)
            elif claim.kind == ClaimKind.targeting and claim.stance != Stance.denied:
                self.targeting(claim)
        for claim in record.claims:
            if claim.kind == ClaimKind.denial or claim.stance == Stance.denied:
                self.denial(claim, report_id)
        refs = list(self.refs) or [self.bundle.author.id]
        # The article is referenced by its doc_id (the line in the records file); its URL goes in the
        # description, since an external reference with a url SHOULD carry the resource's hash, which we lack.
        where = "; ".join(filter(None, (record.site, record.source.url or record.source.path)))
        self.bundle._add(
            stix2.Report(
                id=report_id,
                created=self.created,
                modified=self.created,
                created_by_ref=self.bundle.author.id,
                name=record.title or record.doc_id,
                description=where or None,
                published=self.created,
                report_types=["threat-report"],
                object_refs=refs,
                external_references=[{"source_name": "threatnews", "external_id": record.doc_id}],
            )
        )


def build_bundle(records: Iterable[ArticleRecord]) -> stix2.Bundle:
    """One STIX 2.1 bundle of every record; the same records (in the same order) give the same bundle."""
    builder = _BundleBuilder()
    for record in records:
        builder.article(record)
    objects = list(builder.objects.values())
    return stix2.Bundle(objects=objects, id=stix_id("bundle", *sorted(builder.objects)))


def bundle_json(records: Iterable[ArticleRecord]) -> str:
    """The bundle serialised as pretty JSON with a trailing newline."""
    return build_bundle(records).serialize(pretty=True) + "\n"


def write_bundle(records: Iterable[ArticleRecord], path: Path) -> int:
    """Write the bundle to ``path``. Returns: the number of STIX objects in it."""
    bundle = build_bundle(records)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(bundle.serialize(pretty=True) + "\n", encoding="utf-8")
    return len(bundle.objects)
