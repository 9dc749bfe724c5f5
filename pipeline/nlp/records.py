"""(CleanArticle, Doc) → ``models.ArticleRecord``: the only place the output models are filled in."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from models import (
    Actor,
    ArticleRecord,
    AttributedTo,
    Claim,
    Entity,
    InferredSponsor,
    Mention,
    Organization,
    PipelineInfo,
    Quote,
    Source,
    Span,
    Speaker,
)
from pipeline.documents import CleanArticle
from pipeline.nlp.annotations import ACTOR_SPANS, AGENCY_SPANS, ORG_SPANS, CharSpan
from pipeline.nlp.components.actors import ACTOR_KINDS, AGENCY_ROLES, STATE_ORGAN_ROLE
from pipeline.version import __version__


def doc_id(text: str) -> str:
    """Stable id of a cleaned body: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _span(text: str, span: CharSpan | None) -> Span | None:
    return None if span is None else Span(start=span[0], end=span[1], text=text[span[0] : span[1]])


def _mention(text: str, span: CharSpan) -> Mention:
    return Mention(start=span[0], end=span[1], text=text[span[0] : span[1]])


def build_record(article: CleanArticle, doc: Doc, model: str) -> ArticleRecord:
    """Turn the Doc's annotations into the validated output record."""
    text = article.text
    entities = [
        Entity(start=e.start_char, end=e.end_char, text=e.text, label=e.label_, kb_id=e.kb_id_ or None)
        for e in doc.ents
    ]
    mentions: dict[str, list[Mention]] = {}
    for span in doc.spans.get(ACTOR_SPANS, []):
        mentions.setdefault(span.kb_id_, []).append(_mention(text, (span.start_char, span.end_char)))
    actors = [
        Actor(
            id=a.id,
            name=a.name,
            aliases=a.aliases,
            country=a.country,
            country_source=a.country_source,
            source=a.source,
            mentions=mentions.get(a.id, []),
        )
        for a in doc._.tn_actors.values()
    ]
    org_mentions: dict[str, list[Mention]] = {}
    for key in (AGENCY_SPANS, ORG_SPANS):
        for span in doc.spans.get(key, []):
            org_mentions.setdefault(span.kb_id_, []).append(_mention(text, (span.start_char, span.end_char)))
    roles: dict[str, list[str]] = doc.user_data.get(AGENCY_ROLES, {})
    kinds: dict[str, str] = doc.user_data.get(ACTOR_KINDS, {})
    for actor in actors:
        actor.kind = kinds.get(actor.id)
    organizations = [
        Organization(
            id=o.id,
            name=o.name,
            kind=o.kind,
            country=o.country,
            roles=roles.get(o.id, []) if o.kind == "agency" else [],
            mentions=org_mentions.get(o.id, []),
        )
        for o in doc._.tn_agencies.values()
    ]
    actors += [  # an agency whose main role is the attacker is an actor too (kind state_organ), with its mentions
        Actor(
            id=o.id,
            name=o.name,
            country=o.country,
            country_source="agency",
            source="agency",
            kind="state_organ",
            agency_id=o.id,
            mentions=o.mentions,
        )
        for o in organizations
        if o.roles[:1] == [STATE_ORGAN_ROLE] and o.id not in {a.id for a in actors}
    ]
    speakers = [
        Speaker(
            id=s.id,
            name=s.name,
            kind=s.kind,
            title=s.title,
            affiliation=s.affiliation,
            mentions=[_mention(text, m) for m in s.mentions],
        )
        for s in doc._.tn_speakers
    ]
    quote_speakers: dict[str, str] = doc._.tn_quote_speakers
    quotes = [
        Quote(
            id=q.id,
            kind=q.kind,
            start=q.span[0],
            end=q.span[1],
            text=text[q.span[0] : q.span[1]],
            parts=[_span(text, p) for p in q.parts],
            speaker_id=quote_speakers.get(q.id),
            speaker_mention=_span(text, q.speaker),
            cue=_span(text, q.cue),
            confidence=q.confidence,
        )
        for q in doc._.tn_quotes
    ]
    claims = [
        Claim(
            id=f"c{i + 1}",
            kind=c.kind,
            actor_id=c.actor_id,
            actor_text=text[c.actor[0] : c.actor[1]] if c.actor else None,
            actor_mention=_span(text, c.actor),
            attributed_to=AttributedTo(
                name=c.attributed_name, country=c.attributed_country, mention=_span(text, c.attributed)
            )
            if c.attributed_name
            else None,
            inferred_sponsor=InferredSponsor(country=c.inferred_country, source=c.inferred_source or "gazetteer")
            if c.inferred_country
            else None,
            target=AttributedTo(name=c.target_name, country=c.target_country) if c.target_name else None,
            claimant_id=c.claimant_id,
            claimant_name=c.claimant_name,
            stance=c.stance,
            cue=_span(text, c.cue),
            evidence=_span(text, c.evidence),
            quote_id=c.quote_id,
            confidence=c.confidence,
        )
        for i, c in enumerate(doc._.tn_claims)
    ]
    return ArticleRecord(
        doc_id=doc_id(text),
        source=Source(
            path=article.provenance.path, url=article.url or article.provenance.url, record=article.provenance.record
        ),
        title=article.title,
        authors=list(article.authors),
        published=article.published,
        site=article.site,
        language=article.language,
        metadata_sources=article.metadata_sources,
        text=text,
        entities=entities,
        actors=actors,
        organizations=organizations,
        speakers=speakers,
        quotes=quotes,
        claims=claims,
        pipeline=PipelineInfo(version=__version__, model=model),
    )
