"""The STIX objects one article contributes: its claims as relationships and opinions, and its report."""

from __future__ import annotations

import stix2

from models import LINK_KINDS, ArticleRecord, Claim, ClaimKind, Organization, SpeakerKind, Stance
from pipeline.export.stix_objects import (
    GLOBAL_SPEAKER_KINDS,
    IDENTITY_CLASS,
    STANCE_CONFIDENCE,
    UNDATED,
    BundleObjects,
    stix_id,
)


def has_content(record: ArticleRecord) -> bool:
    """Whether an article has anything to report: an actor, an agency or a claim."""
    return bool(record.actors or record.claims or any(org.kind == "agency" for org in record.organizations))


def _agency_named(record: ArticleRecord, name: str | None) -> Organization | None:
    """The record's agency called ``name`` (canonical name or any mention), if any."""
    if not name:
        return None
    for org in record.organizations:
        if org.kind == "agency" and (org.name == name or any(m.text == name for m in org.mentions)):
            return org
    return None


class ArticleObjects:
    """The objects one article contributes, and its report."""

    def __init__(self, bundle: BundleObjects, record: ArticleRecord, created: str) -> None:
        """``created``: the article's timestamp (its publication date read by :mod:`.dates`, or ``UNDATED``)."""
        self.bundle = bundle
        self.record = record
        self.created = created
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

    def association(self, claim: Claim) -> None:
        """An actor tied to another named actor ("overlaps with", "a subgroup of") → ``related-to``."""
        if claim.attributed_to is None or not claim.actor_id:
            return
        name = claim.attributed_to.name.casefold()
        other = next(
            (
                a
                for a in self.record.actors
                if a.id != claim.actor_id
                and (a.name.casefold() == name or any(m.text.casefold() == name for m in a.mentions))
            ),
            None,
        )
        if other is None:
            return
        refs = self.bundle.intrusion_set(other)
        self._refer(*refs)
        link = self.bundle._relationship(
            "related-to", self._source(claim), refs[0], self.created, *self._key(claim), **self._claim_props(claim)
        )
        self._refer(link)

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

    def build(self, date_problem: str | None = None) -> str:
        """Add the article's objects and its report; returns the report's id.

        ``date_problem`` (why the article's publication date could not be read) becomes a ``note`` on the
        report, so a reader of the bundle knows the report is undated for that reason.
        """
        record = self.record
        report_id = stix_id("report", record.doc_id)
        for actor in record.actors:
            self._refer(*self.bundle.intrusion_set(actor))
        for org in record.organizations:
            if org.kind == "agency":
                self._refer(*self.bundle.agency(org))
        for claim in record.claims:
            if claim.stance == Stance.denied or claim.kind == ClaimKind.denial:
                continue
            if claim.kind in LINK_KINDS:
                self.attribution(claim)
            elif claim.kind == ClaimKind.association:
                self.association(claim)
            elif claim.kind == ClaimKind.targeting:
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
        if date_problem:
            self.bundle._add(
                stix2.Note(
                    id=stix_id("note", record.doc_id, "published"),
                    created=self.created,
                    modified=self.created,
                    created_by_ref=self.bundle.author.id,
                    abstract="Unreadable publication date",
                    content=f"{date_problem}: the report is exported as undated ({self.created}).",
                    object_refs=[report_id],
                )
            )
        return report_id
