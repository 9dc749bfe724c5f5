"""``tn_actors``: threat actors, agencies, vendors and media, recognised from the gazetteer.

Writes ``doc.spans[ACTOR_SPANS]`` (label ``THREAT_ACTOR``, ``kb_id_`` the canonical id),
``doc.spans[AGENCY_SPANS]`` and ``doc.spans[ORG_SPANS]``, fills ``Doc._.tn_actors`` and
``Doc._.tn_agencies``, and overrides spaCy's entity labels for these spans (the small model calls
"Volt Typhoon" a FAC or WORK_OF_ART).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.annotations import (
    ACTOR_SPANS,
    AGENCY,
    AGENCY_SPANS,
    MEDIA,
    ORG_SPANS,
    SECURITY_VENDOR,
    THREAT_ACTOR,
    ActorInfo,
    AgencyInfo,
)
from pipeline.gazetteer import Gazetteer, load_gazetteer

ORG_LABELS = {"agency": AGENCY, "vendor": SECURITY_VENDOR, "media": MEDIA}


@Language.factory(
    "tn_actors",
    assigns=["doc.ents", "doc.spans", "doc._.tn_actors", "doc._.tn_agencies"],
    default_config={},
)
def make_actor_recognizer(nlp: Language, name: str) -> ActorRecognizer:
    return ActorRecognizer(nlp, name=name, gazetteer=load_gazetteer())


class ActorRecognizer:
    """Phrase-match gazetteer names; canonical ids travel on each span's ``kb_id_``."""

    def __init__(self, nlp: Language, *, name: str, gazetteer: Gazetteer) -> None:
        self.name = name
        self.gazetteer = gazetteer
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[str, str] = {}
        for text, actor_id in gazetteer.actor_names().items():
            self.folded.add(actor_id, [nlp.make_doc(text)])
            self.labels[actor_id] = THREAT_ACTOR
        for org in gazetteer.organizations.values():
            self.folded.add(org.id, [nlp.make_doc(n) for n in org.names])
            if org.acronyms:
                self.exact.add(org.id, [nlp.make_doc(a) for a in org.acronyms])
            self.labels[org.id] = ORG_LABELS[org.kind]

    def __call__(self, doc: Doc) -> Doc:
        found = [
            Span(doc, start, end, label=self.labels[doc.vocab.strings[key]], kb_id=key)
            for matcher in (self.exact, self.folded)
            for key, start, end in matcher(doc)
        ]
        found = filter_spans(found)
        actors = [s for s in found if s.label_ == THREAT_ACTOR]
        doc.spans[ACTOR_SPANS] = actors
        doc.spans[AGENCY_SPANS] = [s for s in found if s.label_ == AGENCY]
        doc.spans[ORG_SPANS] = [s for s in found if s.label_ in (SECURITY_VENDOR, MEDIA)]
        for span in actors:
            actor = self.gazetteer.actors[span.kb_id_]
            doc._.tn_actors.setdefault(actor.id, ActorInfo(actor.id, actor.name, list(actor.aliases), actor.country))
        for span in [*doc.spans[AGENCY_SPANS], *doc.spans[ORG_SPANS]]:
            org = self.gazetteer.organizations[span.kb_id_]
            doc._.tn_agencies.setdefault(org.id, AgencyInfo(org.id, org.name, org.country, org.kind))
        taken = {i for span in found for i in range(span.start, span.end)}
        kept = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
        doc.ents = sorted(found + kept, key=lambda s: s.start)
        return doc
