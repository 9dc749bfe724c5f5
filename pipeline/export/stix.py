"""A STIX 2.1 bundle of a run, built with the ``stix2`` library.

What becomes what:

- each article with an actor, an agency or a claim → a ``report`` (name, published, ``object_refs`` to
  everything drawn from it); articles with none of these are left out unless ``include_empty=True``;
- each canonical actor → an ``intrusion-set`` (name, aliases), ``originates-from`` the ``location`` of its
  sponsor country when the gazetteer knows it (the relationship's description names that source: it is
  knowledge from outside the articles, never a claim);
- each agency and each claimant → an ``identity``; each country → a ``location`` (``country`` = ISO alpha-2);
- each sponsorship or responsibility claim whose text names a state or agency → an ``attributed-to``
  relationship, ``created_by_ref`` the claimant's identity, ``confidence`` from the stance
  (:data:`STANCE_CONFIDENCE`), the evidence sentence as its description; a claim's ``inferred_sponsor`` (the
  gazetteer's view) never becomes one; an association between two named actors → ``related-to``.

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

One record never stops an export. A ``published`` that is not ISO is read by :mod:`pipeline.export.dates`
(an offset → UTC, a plain date → midnight UTC); one that cannot be read leaves the article undated, with a
``note`` on its report saying so. A record whose objects still cannot be made is left out whole (the
objects it had added are taken back) and named in :attr:`BundleResult.skipped`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import stix2

from models import ArticleRecord
from pipeline.export.dates import read_published
from pipeline.export.files import replace_text
from pipeline.export.stix_article import ArticleObjects, has_content
from pipeline.export.stix_objects import STANCE_CONFIDENCE, UNDATED, BundleObjects, stix_id

__all__ = [
    "STANCE_CONFIDENCE",
    "UNDATED",
    "BundleResult",
    "RecordProblem",
    "build_bundle",
    "bundle_json",
    "export_bundle",
    "stix_id",
    "write_bundle",
]


@dataclass(frozen=True)
class RecordProblem:
    """Something about one record an export worked around: which record, and what."""

    doc_id: str
    message: str


@dataclass
class BundleResult:
    """A bundle and what was worked around to make it."""

    bundle: stix2.Bundle
    #: Articles written as a report.
    reports: int = 0
    #: doc_ids of articles left out for having no actor, agency or claim (``include_empty=False``).
    empty: list[str] = field(default_factory=list)
    #: Articles exported as undated because their ``published`` could not be read.
    undated: list[RecordProblem] = field(default_factory=list)
    #: Records left out because their objects could not be made (the error says why).
    skipped: list[RecordProblem] = field(default_factory=list)

    @property
    def objects(self) -> int:
        return len(self.bundle.objects)


def export_bundle(records: Iterable[ArticleRecord], *, include_empty: bool = False) -> BundleResult:
    """A STIX 2.1 bundle of ``records`` and what was worked around; the same records give the same bundle.

    Args:
        include_empty: also write a report for articles with no actor, agency or claim.
    """
    store = BundleObjects()
    reports, empty, undated, skipped = 0, [], [], []
    for record in records:
        if not include_empty and not has_content(record):
            empty.append(record.doc_id)
            continue
        published = read_published(record.published)
        mark = store.mark()
        try:
            ArticleObjects(store, record, published.timestamp or UNDATED).build(published.problem)
        # Any error: whatever a record holds, the other records are still exported, and the CLI names it.
        except Exception as error:  # noqa: BLE001
            store.rollback(mark)
            skipped.append(RecordProblem(record.doc_id, f"{type(error).__name__}: {error}"))
            continue
        reports += 1
        if published.problem:
            undated.append(RecordProblem(record.doc_id, published.problem))
    bundle = stix2.Bundle(objects=list(store.objects.values()), id=stix_id("bundle", *sorted(store.objects)))
    return BundleResult(bundle, reports, empty, undated, skipped)


def build_bundle(records: Iterable[ArticleRecord], *, include_empty: bool = False) -> stix2.Bundle:
    """The bundle of :func:`export_bundle` alone (records that could not be exported are left out)."""
    return export_bundle(records, include_empty=include_empty).bundle


def bundle_json(records: Iterable[ArticleRecord], *, include_empty: bool = False) -> str:
    """The bundle serialised as pretty JSON with a trailing newline."""
    return build_bundle(records, include_empty=include_empty).serialize(pretty=True) + "\n"


def write_bundle(records: Iterable[ArticleRecord], path: Path, *, include_empty: bool = False) -> BundleResult:
    """Write the bundle to ``path``. Returns: the bundle and what was worked around (see :func:`export_bundle`)."""
    result = export_bundle(records, include_empty=include_empty)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_text(path, result.bundle.serialize(pretty=True) + "\n")
    return result
