"""The review report: one self-contained HTML file to read, filter and share a run's results.

Every article's text is shown with its actors, speakers, quotes and claims highlighted from the records'
offsets (:mod:`pipeline.export.report_text`), beside its claims (actor → state, claimant, stance,
confidence; identical claims grouped with a count, each linked to its evidence, quote and claimant) and its
speakers. Filters by actor, country, claim kind, stance and speaker and a free-text search run in the
browser; the index table sorts by any column. Above the articles, the attribution ledger's timeline
(:mod:`pipeline.export.ledger.timeline`): per actor and party, every attribution and denial by date.

Article text is untrusted, so:

- the file has no external assets: CSS and JS are inline, and a Content-Security-Policy allows nothing else
  (``default-src 'none'``, the inline script and style by their SHA-256 hash, no ``'unsafe-inline'``);
- Jinja2 autoescaping escapes every piece of article text, so markup in an article (``<script>``) shows as
  text;
- a source URL is a link only when it is an absolute ``http``/``https`` URL (:func:`safe_link`); anything
  else (``javascript:``, ``data:``) is shown as plain text.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from models import ArticleRecord, Claim, ClaimKind, Speaker, Stance
from pipeline.export.dates import read_published
from pipeline.export.files import replace_text
from pipeline.export.ledger import build_ledger
from pipeline.export.ledger.timeline import build_timeline
from pipeline.export.report_text import (
    Segment,
    claim_state,
    claim_target,
    highlights,
    segment,
    speaker_key,
)
from pipeline.nlp.tables import country_names
from pipeline.version import __version__

__all__ = ["highlights", "render_report", "safe_link", "segment", "write_report"]

#: URL schemes the report links to; any other URL is shown as text.
LINK_SCHEMES = frozenset({"http", "https"})

#: What browsers strip from both ends of a URL (C0 controls and space) and remove inside it (tab, LF, CR)
#: before parsing it: "java\tscript:" is "javascript:" to a browser, so it must be to us.
URL_STRIP = "".join(map(chr, range(0x21)))
URL_REMOVE = str.maketrans("", "", "\t\n\r")


def safe_link(url: str | None) -> str | None:
    """``url`` as a browser reads it when it is an absolute http(s) URL with a host; ``None`` otherwise.

    The URL is normalised as a browser would (ends stripped of controls and spaces, tabs and newlines
    removed) and then parsed, never prefix-matched: ``JaVaScRiPt:``, `` javascript:`` and
    ``java\\tscript:`` all parse as the ``javascript`` scheme and are refused.
    """
    if not url:
        return None
    cleaned = url.strip(URL_STRIP).translate(URL_REMOVE)
    try:
        parts = urlsplit(cleaned)
        host = parts.hostname
    except ValueError:  # a malformed IPv6 host ("http://[::1")
        return None
    scheme = parts.scheme.lower()
    return scheme + cleaned[len(scheme) :] if scheme in LINK_SCHEMES and host else None


@dataclass
class ClaimView:
    """One row of an article's claim list: one claim, or identical claims (:func:`claim_group_key`) grouped."""

    ids: list[str]
    anchor: str
    kind: str
    actor_id: str
    actor: str
    state: str
    country: str
    target: str
    claimant: str
    claimant_anchor: str | None
    speaker: str
    stance: str
    confidences: list[float]
    quotes: list[tuple[str, str]]
    evidence: str

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def confidence(self) -> float:
        """The highest confidence among the grouped claims."""
        return max(self.confidences)


@dataclass
class SpeakerView:
    anchor: str
    key: str
    name: str
    details: str
    quotes: int


@dataclass
class ArticleView:
    """What the template shows of one record."""

    anchor: str
    doc_id: str
    title: str
    site: str
    published: str
    date_key: str
    url: str
    link: str | None
    actor_ids: list[str]
    actor_names: list[str]
    countries: list[str]
    kinds: list[str]
    stances: list[str]
    speaker_keys: list[str]
    counts: dict[str, int]
    segments: list[Segment]
    claims: list[ClaimView]
    speakers: list[SpeakerView] = field(default_factory=list)


def claim_group_key(claim: Claim) -> tuple:
    """Claims with the same key say the same thing: same actor, kind, party (state and target), claimant
    and stance. An article repeating one (in the lede and again further down) lists it once, with a count."""
    parties = tuple((p.name.casefold(), p.country) if p else None for p in (claim.attributed_to, claim.target))
    actor = claim.actor_id or (claim.actor_text or "").casefold()
    claimant = claim.claimant_id or (claim.claimant_name or "").casefold()
    return (claim.kind, actor, parties, claimant, claim.stance)


def _claimant(claim: Claim, speakers: dict[str, Speaker]) -> str:
    speaker = speakers.get(claim.claimant_id or "")
    return speaker.name if speaker else (claim.claimant_name or "")


def claim_views(record: ArticleRecord, anchor: str) -> list[ClaimView]:
    """The article's claim rows, in order of each group's first claim."""
    actor_names = {a.id: a.name for a in record.actors}
    speakers = {s.id: s for s in record.speakers}
    quote_ids = {q.id for q in record.quotes if q.end > q.start}
    rows: dict[tuple, ClaimView] = {}
    for claim in record.claims:
        row = rows.get(key := claim_group_key(claim))
        if row is None:
            claimant = _claimant(claim, speakers)
            rows[key] = row = ClaimView(
                ids=[],
                anchor=f"{anchor}-{claim.id}",
                kind=claim.kind.value,
                actor_id=claim.actor_id or "",
                actor=actor_names.get(claim.actor_id or "", claim.actor_text or "unnamed actor"),
                state=claim_state(claim),
                country=(claim.attributed_to.country or "") if claim.attributed_to else "",
                target=claim_target(claim),
                claimant=claimant or "(the article)",
                claimant_anchor=f"{anchor}-speaker-{claim.claimant_id}" if claim.claimant_id in speakers else None,
                speaker=speaker_key(claimant) if claimant else "",
                stance=claim.stance.value,
                confidences=[],
                quotes=[],
                evidence=claim.evidence.text,
            )
        row.ids.append(claim.id)
        row.confidences.append(claim.confidence)
        if claim.quote_id in quote_ids and all(q != claim.quote_id for q, _ in row.quotes):
            row.quotes.append((claim.quote_id, f"{anchor}-quote-{claim.quote_id}"))
    return list(rows.values())


def speaker_views(record: ArticleRecord, anchor: str) -> list[SpeakerView]:
    quotes: dict[str, int] = {}
    for quote in record.quotes:
        quotes[quote.speaker_id or ""] = quotes.get(quote.speaker_id or "", 0) + 1
    return [
        SpeakerView(
            anchor=f"{anchor}-speaker-{s.id}",
            key=speaker_key(s.name),
            name=s.name,
            details=", ".join(filter(None, (s.kind.value, s.title, s.affiliation))),
            quotes=quotes.get(s.id, 0),
        )
        for s in record.speakers
    ]


def article_view(record: ArticleRecord, number: int) -> ArticleView:
    anchor = f"a{number}"
    actor_names = {a.id: a.name for a in record.actors}
    countries = {a.country for a in record.actors if a.country}
    countries |= {c.attributed_to.country for c in record.claims if c.attributed_to and c.attributed_to.country}
    speakers = {s.name for s in record.speakers} | {c.claimant_name for c in record.claims if c.claimant_name}
    return ArticleView(
        anchor=anchor,
        doc_id=record.doc_id,
        title=record.title or record.source.path or record.doc_id,
        site=record.site or "",
        published=record.published or "",
        date_key=read_published(record.published).date,
        url=record.source.url or "",
        link=safe_link(record.source.url),
        actor_ids=sorted(actor_names),
        actor_names=sorted(actor_names.values()),
        countries=sorted(countries),
        kinds=sorted({c.kind.value for c in record.claims}),
        stances=sorted({c.stance.value for c in record.claims}),
        speaker_keys=sorted({speaker_key(name) for name in speakers}),
        counts={
            "actors": len(record.actors),
            "speakers": len(record.speakers),
            "quotes": len(record.quotes),
            "claims": len(record.claims),
        },
        segments=segment(record.text, highlights(record), anchor_prefix=f"{anchor}-"),
        claims=claim_views(record, anchor),
        speakers=speaker_views(record, anchor),
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


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    """The report's CSP: nothing but the inline ``script`` and ``style``, by hash (the page loads nothing)."""
    return (
        f"default-src 'none'; script-src {_sha256(script)}; style-src {_sha256(style)}; "
        "base-uri 'none'; form-action 'none'"
    )


def _speaker_choices(records: list[ArticleRecord]) -> list[tuple[str, str]]:
    """(key, name) of every speaker and claimant, one per key, by name."""
    names: dict[str, str] = {}
    for record in records:
        for name in sorted({s.name for s in record.speakers} | {c.claimant_name or "" for c in record.claims}):
            if name.strip():
                names.setdefault(speaker_key(name), name)
    return sorted(names.items(), key=lambda pair: (pair[1].casefold(), pair[0]))


def render_report(records: Iterable[ArticleRecord], *, title: str = "threatnews review") -> str:
    """The report as one HTML string (self-contained: inline CSS and JS, no external assets)."""
    records = list(records)
    articles = [article_view(record, number) for number, record in enumerate(records, start=1)]
    actors = sorted({(a.id, a.name) for r in records for a in r.actors}, key=lambda pair: pair[1].casefold())
    codes = sorted({code for view in articles for code in view.countries})
    countries = [(code, country_names().get(code, code)) for code in codes]
    totals = {key: sum(view.counts[key] for view in articles) for key in ("actors", "speakers", "quotes", "claims")}
    anchors: dict[str, str] = {}
    for view in articles:
        anchors.setdefault(view.doc_id, view.anchor)
    environment = _environment()
    script = environment.get_template("report.js.j2").render()
    style = environment.get_template("report.css.j2").render()
    return environment.get_template("report.html.j2").render(
        title=title,
        version=__version__,
        csp=content_security_policy(script, style),
        script=Markup(script),  # our own static files: nothing from an article goes in them
        style=Markup(style),
        articles=articles,
        actors=actors,
        countries=countries,
        kinds=[kind.value for kind in ClaimKind],
        stances=[stance.value for stance in Stance],
        speakers=_speaker_choices(records),
        totals=totals,
        timeline=build_timeline(build_ledger(records), anchors),
    )


def write_report(records: Iterable[ArticleRecord], path: Path, *, title: str = "threatnews review") -> int:
    """Write the report to ``path``. Returns: the number of articles in it."""
    records = list(records)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_text(path, render_report(records, title=title))
    return len(records)
