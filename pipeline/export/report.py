"""The review report: one self-contained HTML file to read, filter and share a run's results.

Every article's text is shown with its actors, speakers, quotes and claims highlighted from the records'
offsets (never by searching the text again), beside a list of its claims (actor → state, claimant,
stance). Filters by actor, country and stance run in the browser. The file has no external assets: CSS
and JS are inline, so it opens from disk or an e-mail attachment. Jinja2 autoescaping escapes every
piece of article text, so markup in an article (``<script>``) shows as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from models import ArticleRecord, AttributedTo, Claim, ClaimKind, Stance
from pipeline.nlp.tables import country_names
from pipeline.version import __version__

#: Highlight kinds, in the order their labels are listed in a tooltip.
HIGHLIGHT_KINDS = ("actor", "speaker", "quote", "claim")


@dataclass(frozen=True)
class Highlight:
    """One item to mark in the text: ``[start, end)`` of kind ``kind``, with a label for its tooltip."""

    start: int
    end: int
    kind: str
    label: str
    claim_id: str | None = None


@dataclass
class Segment:
    """A run of text covered by the same set of highlights."""

    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)
    anchor: str | None = None


@dataclass
class ClaimView:
    id: str
    anchor: str
    kind: str
    actor_id: str
    actor: str
    state: str
    country: str
    target: str
    claimant: str
    stance: str
    evidence: str


@dataclass
class ArticleView:
    """What the template shows of one record."""

    anchor: str
    doc_id: str
    title: str
    site: str
    published: str
    url: str
    actor_ids: list[str]
    actor_names: list[str]
    countries: list[str]
    stances: list[str]
    counts: dict[str, int]
    segments: list[Segment]
    claims: list[ClaimView]


def highlights(record: ArticleRecord) -> list[Highlight]:
    """Every span to mark in ``record.text``: actor and speaker mentions, quotes (by part), claim evidence."""
    marks = []
    for actor in record.actors:
        marks += [Highlight(m.start, m.end, "actor", f"actor: {actor.name}") for m in actor.mentions]
    for speaker in record.speakers:
        marks += [Highlight(m.start, m.end, "speaker", f"speaker: {speaker.name}") for m in speaker.mentions]
    speakers = {s.id: s.name for s in record.speakers}
    for quote in record.quotes:
        who = speakers.get(quote.speaker_id or "", "unattributed")
        label = f"{quote.kind.value} quote ({who})"
        marks += [Highlight(p.start, p.end, "quote", label) for p in (quote.parts or [quote])]
    for claim in record.claims:
        label = f"claim {claim.id}: {_claim_summary(claim)}"
        marks.append(Highlight(claim.evidence.start, claim.evidence.end, "claim", label, claim.id))
    return [m for m in marks if m.end > m.start]


def segment(text: str, marks: Iterable[Highlight], anchor_prefix: str = "") -> list[Segment]:
    """Cut ``text`` at every highlight boundary; each piece lists the highlights covering it.

    Overlapping and nested highlights (a quote inside a claim's evidence, an actor inside a quote) are
    kept: a piece carries every kind that covers it, and CSS gives each kind its own mark.
    The first piece of each claim gets the anchor ``{anchor_prefix}{claim_id}``.
    """
    marks = list(marks)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    anchored: set[str] = set()
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m.start <= start and m.end >= end]
        piece = Segment(text[start:end])
        for kind in HIGHLIGHT_KINDS:
            if any(m.kind == kind for m in covering):
                piece.kinds.append(kind)
        piece.labels = sorted({m.label for m in covering}, key=lambda label: (label.startswith("claim"), label))
        piece.claim_ids = sorted({m.claim_id for m in covering if m.claim_id})
        first = [c for c in piece.claim_ids if c not in anchored]
        if first:
            piece.anchor = f"{anchor_prefix}{first[0]}"
            anchored.update(first)
        pieces.append(piece)
    return pieces


def _named(target: AttributedTo | None) -> str:
    if target is None:
        return "?"
    if target.country and target.country != target.name:
        return f"{target.name} ({target.country})"
    return target.name


def _state(claim: Claim) -> str:
    return _named(claim.attributed_to)


def _claim_summary(claim: Claim) -> str:
    actor = claim.actor_text or "unnamed actor"
    if claim.kind == ClaimKind.denial:
        return f"{_state(claim)} denies ({actor}), {claim.stance.value}"
    if claim.kind == ClaimKind.targeting:
        return f"{actor} ({_state(claim)}) targets {_named(claim.target)}, {claim.stance.value}"
    return f"{actor} → {_state(claim)}, {claim.stance.value}"


def article_view(record: ArticleRecord, number: int) -> ArticleView:
    anchor = f"a{number}"
    actor_names = {a.id: a.name for a in record.actors}
    countries = {a.country for a in record.actors if a.country}
    countries |= {c.attributed_to.country for c in record.claims if c.attributed_to and c.attributed_to.country}
    claims = [
        ClaimView(
            id=claim.id,
            anchor=f"{anchor}-{claim.id}",
            kind=claim.kind.value,
            actor_id=claim.actor_id or "",
            actor=actor_names.get(claim.actor_id or "", claim.actor_text or "unnamed actor"),
            state=_state(claim),
            country=(claim.attributed_to.country or "") if claim.attributed_to else "",
            target=_named(claim.target) if claim.target else "",
            claimant=claim.claimant_name or "(the article)",
            stance=claim.stance.value,
            evidence=claim.evidence.text,
        )
        for claim in record.claims
    ]
    return ArticleView(
        anchor=anchor,
        doc_id=record.doc_id,
        title=record.title or record.source.path or record.doc_id,
        site=record.site or "",
        published=record.published or "",
        url=record.source.url or "",
        actor_ids=sorted(actor_names),
        actor_names=sorted(actor_names.values()),
        countries=sorted(countries),
        stances=sorted({c.stance.value for c in record.claims}),
        counts={
            "actors": len(record.actors),
            "speakers": len(record.speakers),
            "quotes": len(record.quotes),
            "claims": len(record.claims),
        },
        segments=segment(record.text, highlights(record), anchor_prefix=f"{anchor}-"),
        claims=claims,
    )


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.export", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_report(records: Iterable[ArticleRecord], *, title: str = "threatnews review") -> str:
    """The report as one HTML string (self-contained: inline CSS and JS, no external assets)."""
    records = list(records)
    articles = [article_view(record, number) for number, record in enumerate(records, start=1)]
    actors = sorted({(a.id, a.name) for r in records for a in r.actors}, key=lambda pair: pair[1].casefold())
    codes = sorted({code for view in articles for code in view.countries})
    countries = [(code, country_names().get(code, code)) for code in codes]
    totals = {key: sum(view.counts[key] for view in articles) for key in ("actors", "speakers", "quotes", "claims")}
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            version=__version__,
            articles=articles,
            actors=actors,
            countries=countries,
            stances=[stance.value for stance in Stance],
            totals=totals,
        )
    )


def write_report(records: Iterable[ArticleRecord], path: Path, *, title: str = "threatnews review") -> int:
    """Write the report to ``path``. Returns: the number of articles in it."""
    records = list(records)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(records, title=title), encoding="utf-8")
    return len(records)
