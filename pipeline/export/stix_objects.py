"""The STIX objects shared across articles (actors, agencies, states, locations, identities), their ids and
the constants of the mapping; :mod:`pipeline.export.stix` says what becomes what."""

from __future__ import annotations

import hashlib
import re
import uuid

import stix2

from models import Organization, SpeakerKind, Stance
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


class BundleObjects:
    """Collects STIX objects by id, in the order they are first made; objects shared across articles are
    made here once. An article's objects can be taken back (:meth:`mark`, :meth:`rollback`) when it fails."""

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

    def mark(self) -> int:
        """A point to :meth:`rollback` to: how many objects there are now."""
        return len(self.objects)

    def rollback(self, mark: int) -> None:
        """Drop every object added since ``mark`` (objects are only ever added, so they are the last ones)."""
        for object_id in list(self.objects)[mark:]:
            del self.objects[object_id]

    def _add(self, obj):  # noqa: ANN001, ANN202 - stix2 objects share no public base type
        self.objects.setdefault(obj.id, obj)
        return self.objects[obj.id]

    # Objects shared across articles -------------------------------------------------------------

    def _sdo(self, cls, object_id: str, **props) -> str:  # noqa: ANN001, ANN003 - stix2 classes share no base
        """Add a shared, undated object once (by its deterministic id) and return the id."""
        if object_id not in self.objects:
            self._add(cls(id=object_id, created=UNDATED, modified=UNDATED, created_by_ref=self.author.id, **props))
        return object_id

    def _located(self, object_id: str, country: str | None, kind: str, **props) -> list[str]:  # noqa: ANN003
        """The object, and its country's location with the relationship to it when there is one."""
        location = self.location(country)
        if location is None:
            return [object_id]
        return [object_id, location, self._relationship(kind, object_id, location, UNDATED, **props)]

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
        # The actor's country is the gazetteer's knowledge, not any article's claim: the relationship says so.
        source = getattr(actor, "country_source", None) or "gazetteer"
        note = f"From the threatnews gazetteer ({source}), not from an article's text."
        return self._located(object_id, actor.country, "originates-from", description=note)

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
