"""The review report's article text: what to mark (actors, speakers, quotes, claim evidence), cut into pieces.

Highlights come from the records' offsets, never from searching the text again. Each piece of text carries
everything the report's script needs to find it: the claims, quotes, actors and speakers covering it, and
the anchors that claim and quote links jump to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from models import ArticleRecord, AttributedTo, Claim, ClaimKind

#: Highlight kinds, in the order their labels are listed in a tooltip.
HIGHLIGHT_KINDS = ("actor", "speaker", "quote", "claim")


def speaker_key(name: str) -> str:
    """The key of a speaker or claimant across articles: the same name (any case) is one key.

    Names hold spaces, so the page's filters use this token instead (``data-speakers="sp-… sp-…"``).
    """
    return "sp-" + hashlib.sha256(name.strip().casefold().encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Highlight:
    """One item to mark in the text: ``[start, end)`` of kind ``kind``, with a label for its tooltip.

    ``item_id`` is the record's id of the actor, speaker, quote or claim; ``speaker`` the
    :func:`speaker_key` of a speaker mention or of a quote's speaker.
    """

    start: int
    end: int
    kind: str
    label: str
    item_id: str | None = None
    speaker: str | None = None


@dataclass
class Segment:
    """A run of text covered by the same set of highlights.

    ``anchors``: the ids of the claims (``{prefix}{claim_id}``) and quotes (``{prefix}quote-{quote_id}``) whose
    first piece this is, claims first.
    """

    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    quote_ids: list[str] = field(default_factory=list)
    actor_ids: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str | None:
        """The first anchor in this piece (a claim's, when a claim starts here)."""
        return self.anchors[0] if self.anchors else None


def _named(target: AttributedTo | None) -> str:
    if target is None:
        return "?"
    if target.country and target.country != target.name:
        return f"{target.name} ({target.country})"
    return target.name


def claim_state(claim: Claim) -> str:
    """Who a claim says is behind the operation (for a denial: who denies), with the country.

    When the text names nobody, the gazetteer's view of a named actor's sponsor is shown as what it is
    ("? (gazetteer: CN)"), so a reviewer never takes it for the article's words.
    """
    if claim.attributed_to is None and claim.inferred_sponsor is not None:
        return f"? (gazetteer: {claim.inferred_sponsor.country}, not in the text)"
    return _named(claim.attributed_to)


def claim_target(claim: Claim) -> str:
    """What a targeting claim says was hit, or ``""``."""
    return _named(claim.target) if claim.target else ""


def claim_summary(claim: Claim) -> str:
    actor = claim.actor_text or "unnamed actor"
    if claim.kind == ClaimKind.denial:
        return f"{claim_state(claim)} denies ({actor}), {claim.stance.value}"
    if claim.kind == ClaimKind.targeting:
        return f"{actor} ({claim_state(claim)}) targets {_named(claim.target)}, {claim.stance.value}"
    return f"{actor} → {claim_state(claim)}, {claim.stance.value}"


def highlights(record: ArticleRecord) -> list[Highlight]:
    """Every span to mark in ``record.text``: actor and speaker mentions, quotes (by part), claim evidence."""
    marks = []
    for actor in record.actors:
        marks += [Highlight(m.start, m.end, "actor", f"actor: {actor.name}", actor.id) for m in actor.mentions]
    for speaker in record.speakers:
        key = speaker_key(speaker.name)
        label = f"speaker: {speaker.name}"
        marks += [Highlight(m.start, m.end, "speaker", label, speaker.id, key) for m in speaker.mentions]
    speakers = {s.id: s.name for s in record.speakers}
    for quote in record.quotes:
        who = speakers.get(quote.speaker_id or "")
        label = f"{quote.kind.value} quote ({who or 'unattributed'}), confidence {quote.confidence:.2f}"
        key = speaker_key(who) if who else None
        marks += [Highlight(p.start, p.end, "quote", label, quote.id, key) for p in (quote.parts or [quote])]
    for claim in record.claims:
        label = f"claim {claim.id}: {claim_summary(claim)}, confidence {claim.confidence:.2f}"
        marks.append(Highlight(claim.evidence.start, claim.evidence.end, "claim", label, claim.id))
    return [m for m in marks if m.end > m.start]


def segment(text: str, marks: Iterable[Highlight], anchor_prefix: str = "") -> list[Segment]:
    """Cut ``text`` at every highlight boundary; each piece lists the highlights covering it.

    Overlapping and nested highlights (a quote inside a claim's evidence, an actor inside a quote) are
    kept: a piece carries every kind that covers it, and CSS gives each kind its own mark. The first piece
    of each claim and each quote gets its anchor (:class:`Segment`), every one of them: several claims
    often start on the same words.
    """
    marks = list(marks)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    anchored: set[tuple[str, str]] = set()
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m.start <= start and m.end >= end]
        piece = Segment(text[start:end])
        for kind in HIGHLIGHT_KINDS:
            if any(m.kind == kind for m in covering):
                piece.kinds.append(kind)
        piece.labels = sorted({m.label for m in covering}, key=lambda label: (label.startswith("claim"), label))
        ids = {kind: sorted({m.item_id for m in covering if m.kind == kind and m.item_id}) for kind in HIGHLIGHT_KINDS}
        piece.claim_ids, piece.quote_ids, piece.actor_ids = ids["claim"], ids["quote"], ids["actor"]
        piece.speakers = sorted({m.speaker for m in covering if m.speaker})
        for kind, prefix in (("claim", anchor_prefix), ("quote", f"{anchor_prefix}quote-")):
            for item_id in ids[kind]:
                if (kind, item_id) not in anchored:
                    piece.anchors.append(f"{prefix}{item_id}")
                    anchored.add((kind, item_id))
        pieces.append(piece)
    return pieces
