"""``tn_actors``: threat actors, agencies, vendors and media, recognised from the gazetteer.

Writes ``doc.spans[ACTOR_SPANS]`` (label ``THREAT_ACTOR``, ``kb_id_`` the canonical id),
``doc.spans[AGENCY_SPANS]`` and ``doc.spans[ORG_SPANS]``, fills ``Doc._.tn_actors`` and
``Doc._.tn_agencies``, and overrides spaCy's entity labels for these spans (the small model calls
"Volt Typhoon" a FAC or WORK_OF_ART).

How cautiously a name is matched depends on its tier (``pipeline.nlp.gazetteer.store.classify``):

- codes (a digit or an inner capital: ``APT28``, ``UNC3236``, ``GhostEmperor``) always match;
- several-word names ("Volt Typhoon", "Lotus Blossom") match when written with capitals in a
  document that uses cyber vocabulary (``min_document_cues`` words from ``actor_context_cues.json``);
- one-word names ("Sandworm", "LEAD", "Lotus") need, besides, a local cue in their sentence (a cue
  word, or another actor, agency or vendor named there) or another accepted mention of the same actor;
  a title-cased form of an all-capitals alias ("Lead" for "LEAD") never counts at a sentence start;
- names in no list but shaped by a vendor's naming convention ("Linen Typhoon", "GOLD SOUTHFIELD",
  "Storm-2035") are actors with ``source="naming-convention"`` and the nexus the convention implies;
  word-shaped ones need the same cues as one-word names, codes need none.

Organisations win a tie with an actor on the same span, and the longest span wins an overlap, so
"Black Lotus Labs" is a vendor and never the Lotus actor.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.data import read_json
from pipeline.nlp.annotations import (
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
from pipeline.nlp.gazetteer import (
    TIER_CODE,
    TIER_GUARDED,
    TIER_PHRASE,
    TIER_SUBJECT,
    TIER_WORD,
    Gazetteer,
    NamingFamily,
    fold,
    load_gazetteer,
    slug,
)
from pipeline.nlp.gazetteer.naming import (
    TEXT_PATTERN,
    NamingPatterns,
    acts_as_subject,
    bound_abbreviations,
    inside_longer_name,
)
from pipeline.nlp.gazetteer.roles import AgencyRoles
from pipeline.nlp.syntax import cache_entities, doc_text

#: Entity label by organisation kind; international bodies (NATO, Interpol) are organisations, not agencies.
ORG_LABELS = {"agency": AGENCY, "vendor": SECURITY_VENDOR, "media": MEDIA, "international": "ORG"}
#: Source of actors recognised by the shape of their name.
NAMING_CONVENTION = "naming-convention"
#: Prefix of the match keys of naming-convention families in the convention matcher.
_FAMILY_KEY = "family:"
#: ``doc.user_data`` keys: agency id → roles; actor id → kind (text-pattern actors).
AGENCY_ROLES = ("threatnews", "agency_roles")
ACTOR_KINDS = ("threatnews", "actor_kinds")
#: The agency role that makes an agency an actor of kind ``state_organ`` too.
STATE_ORGAN_ROLE = read_json("agency_roles.json")["state_organ"]
_GUARDED = (TIER_GUARDED, TIER_SUBJECT)


@Language.factory(
    "tn_actors",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob", "doc.spans", "doc._.tn_actors", "doc._.tn_agencies"],
    requires=["doc.ents", "doc.sents", "token.pos"],
    default_config={"min_document_cues": 2, "cache_dir": None},
)
def make_actor_recognizer(nlp: Language, name: str, min_document_cues: int, cache_dir: str | None) -> ActorRecognizer:
    from pathlib import Path

    gazetteer = load_gazetteer(Path(cache_dir) if cache_dir else None)
    return ActorRecognizer(nlp, name=name, gazetteer=gazetteer, min_document_cues=min_document_cues)


class ActorRecognizer:
    """Phrase-match gazetteer names; canonical ids travel on each span's ``kb_id_``."""

    def __init__(self, nlp: Language, *, name: str, gazetteer: Gazetteer, min_document_cues: int = 2) -> None:
        self.name = name
        self.gazetteer = gazetteer
        self.min_document_cues = min_document_cues
        vocab = nlp.vocab
        tokenizer = nlp.tokenizer
        # Actor names, one matcher for all tiers (the tier is looked up per match).
        self.actor_matcher = PhraseMatcher(vocab, attr="LOWER")
        self.name_info: dict[str, tuple[str, str, str]] = {}  # folded text → (actor id, tier, spelling)
        by_actor: dict[str, list[str]] = {}
        for n in gazetteer.names:
            key = fold(n.text)
            if key in self.name_info:
                continue
            self.name_info[key] = (n.actor_id, n.tier, n.text)
            by_actor.setdefault(n.actor_id, []).append(n.text)
        for actor_id, texts in by_actor.items():
            self.actor_matcher.add(actor_id, list(tokenizer.pipe(texts)))
        # Organisations: names folded, acronyms exact.
        self.org_names = PhraseMatcher(vocab, attr="LOWER")
        self.org_acronyms = PhraseMatcher(vocab, attr="ORTH")
        self.org_labels: dict[str, str] = {}
        for org in gazetteer.organizations.values():
            if org.names:
                self.org_names.add(org.id, list(tokenizer.pipe(org.names)))
            if org.acronyms:
                self.org_acronyms.add(org.id, list(tokenizer.pipe(org.acronyms)))
            self.org_labels[org.id] = ORG_LABELS[org.kind]
        # Agencies named by a country word and a head ("the Chinese embassy in Washington").
        self.heads = PhraseMatcher(vocab, attr="LOWER")
        self.head_place: dict[str, bool] = {}
        for head in gazetteer.agency_heads:
            self.heads.add(head.id, list(tokenizer.pipe(head.phrases)))
            self.head_place[head.id] = head.allow_place
        self.countries = gazetteer.countries
        self.country_lengths = sorted({len(tokenizer(c)) for c in gazetteer.countries}, reverse=True)
        # Naming conventions: "<Word> Typhoon", "GOLD <WORD>", and one-token codes.
        conv = gazetteer.conventions
        self.family_words = PhraseMatcher(vocab, attr="LOWER")
        self.families: dict[str, NamingFamily] = {}
        for fam in conv.families:
            key = f"{_FAMILY_KEY}{fam.word}"
            self.families[key] = fam
            self.family_words.add(key, [tokenizer(fam.word)])
        codes = "|".join(f"(?:{c.pattern})" for c in conv.codes)
        self.code_regex = re.compile(rf"(?<![\w-])(?:{codes})(?![\w-])", flags=re.IGNORECASE)
        # Context cues.
        cues = gazetteer.cues
        self.document_cues = cues.document_cues
        self.local_cues = cues.local_cues
        self.document_cue_ids = numpy.array([vocab.strings.add(w) for w in cues.document_cues], dtype="uint64")
        self.local_cue_ids = numpy.array([vocab.strings.add(w) for w in cues.local_cues], dtype="uint64")
        self.local_phrases = PhraseMatcher(vocab, attr="LOWER")
        self.local_phrases.add("cue", list(tokenizer.pipe(cues.local_phrases)))
        # Groups the text names itself, agency roles, and the words guarded names and generic heads need.
        self.naming = NamingPatterns(vocab, tokenizer, gazetteer.countries)
        self.roles = AgencyRoles()
        patterns = read_json("actor_naming_patterns.json")
        self.action_verbs = frozenset(patterns["action_verbs"])
        self.generic_heads = frozenset(patterns["generic_heads"])
        self.tool_nouns = frozenset(patterns["tool_nouns"])

    # -- the pass over one Doc ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        orgs = self._organizations(doc)
        lowers = doc.to_array([LOWER]).reshape(-1)
        cyber = int(numpy.isin(lowers, self.document_cue_ids).sum()) >= self.min_document_cues
        actors = filter_spans(self._accept(doc, self._actor_candidates(doc, cyber), orgs))
        groups = {}
        if cyber:
            taken = {i for span in [*orgs, *actors] for i in range(span.start, span.end)}
            named, groups = self.naming.find(doc, taken)
            actors += named
            actors += bound_abbreviations(doc, actors, taken | {i for s in named for i in range(s.start, s.end)})
        found = filter_spans([*orgs, *actors])
        self._set_annotations(doc, found, groups)
        doc.user_data[AGENCY_ROLES] = self.roles.roles(list(doc.spans[AGENCY_SPANS]), list(doc.spans[ACTOR_SPANS]))
        cache_entities(doc)  # the entity labels are final from here on: the components after us read the cache
        return doc

    def _organizations(self, doc: Doc) -> list[Span]:
        spans = []
        orgs = self.gazetteer.organizations
        for matcher, check_case in ((self.org_acronyms, False), (self.org_names, True)):
            by_span: dict[tuple[int, int], list[str]] = {}
            for key, start, end in matcher(doc):
                span = doc[start:end]
                if check_case and span[0].is_lower and not any(t.like_num for t in span):
                    continue
                by_span.setdefault((start, end), []).append(doc.vocab.strings[key])
            for (start, end), ids in by_span.items():
                # One name, several agencies ("National Cyber Security Centre"): the country word before it decides.
                before = self._country_before(doc, start)
                org_id = next((i for i in ids if before and orgs[i].country == before[1]), None)
                if org_id is None:  # no country word before it: the country the article names most
                    org_id = max(ids, key=lambda i: (self._country_weight(doc, orgs[i].country), -ids.index(i)))
                start = self._extend_country(doc, start, orgs[org_id].country)
                spans.append(Span(doc, start, end, label=self.org_labels[org_id], kb_id=org_id))
        named = {i for span in spans for i in range(span.start, span.end)}
        for key, start, end in self.heads(doc):
            span = self._construction(doc, doc.vocab.strings[key], start, end)
            # A description in apposition to an agency's name ("the RGB, North Korea's spy agency") is no mention.
            if span is not None and not (span.root.dep_ == "appos" and span.root.head.i in named):
                spans.append(span)
        return spans

    def _country_before(self, doc: Doc, start: int) -> tuple[int, str] | None:
        """(first token, ISO code) of a country word ending just before ``start`` (a possessive ``'s`` is skipped)."""
        end = start - 1 if start > 0 and doc[start - 1].lower_ in ("'s", "’s") else start
        for n in self.country_lengths:
            if end - n < 0:
                continue
            words = doc[end - n : end]
            if any(t.is_space for t in words):
                continue
            code = self.countries.get(fold(words.text))
            if code is not None and not doc[end - n].is_lower:
                return end - n, code
        return None

    def _extend_country(self, doc: Doc, start: int, country: str | None) -> int:
        before = self._country_before(doc, start)
        return before[0] if before and before[1] == country else start

    def _country_weight(self, doc: Doc, code: str | None) -> int:
        """How often the article names a country by a country word (cached per document)."""
        key = ("threatnews", "country_counts")
        if key not in doc.user_data:
            counts: dict[str, int] = {}
            for tok in doc:
                found = self.countries.get(fold(tok.text))
                if found and not tok.is_lower:
                    counts[found] = counts.get(found, 0) + 1
            doc.user_data[key] = counts
        return doc.user_data[key].get(code, 0) if code else 0

    def _country_near(self, doc: Doc, start: int) -> str | None:
        """The country of a bare "foreign ministry" or "embassy": the nearest country word before it in
        its sentence or the sentence before ("At a briefing in Beijing, foreign ministry spokesperson ...")."""
        sent = doc[start].sent
        lo = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for tok in reversed(doc[lo:start]):
            code = self.countries.get(fold(tok.text))
            if code and not tok.is_lower:
                return code
        return None

    def _construction(self, doc: Doc, head_id: str, start: int, end: int) -> Span | None:
        before = self._country_before(doc, start)
        if before is None:
            if doc[end - 1].tag_ in ("NNS", "NNPS"):
                return None  # "allied cybersecurity agencies" name no one agency
            code = self._country_near(doc, start)
            if code is None:
                return None
            before = (start, code)
        first, code = before
        if self.head_place.get(head_id) and end + 1 < len(doc) and doc[end].lower_ == "in":
            stop = end + 1
            while stop < len(doc) and doc[stop].is_title and doc[stop].is_alpha:
                stop += 1
            if stop > end + 1:
                end = stop
        org_id = f"{code.lower()}-{head_id}"
        return Span(doc, first, end, label=AGENCY, kb_id=self.gazetteer.agency_resolve.get(org_id, org_id))

    def _actor_candidates(self, doc: Doc, cyber: bool) -> list[tuple[Span, str, bool]]:
        """(span, tier, sentence-start title form of an all-capitals alias) for every name-shaped match."""
        out: list[tuple[Span, str, bool]] = []
        for key, start, end in self.actor_matcher(doc):
            span = doc[start:end]
            actor_id, tier, spelling = self.name_info.get(fold(span.text), (doc.vocab.strings[key], TIER_PHRASE, ""))
            if tier in _GUARDED and (span.text != spelling or not (cyber or tier == TIER_SUBJECT)):
                continue  # a subject-licensed name needs its action verb only, even outside cyber news
            if tier == TIER_SUBJECT and not cyber and not acts_as_subject(span, self.action_verbs):
                continue
            if tier in _GUARDED and end < len(doc) and doc[end].lower_ in self.tool_nouns:
                continue  # "the Snake implant": a tool named like the group
            if tier != TIER_CODE and inside_longer_name(span):
                continue  # "the Cozy Bear Lodge in Andover"
            if tier not in (TIER_CODE, TIER_SUBJECT):
                if not cyber or not _capitalised(span, self.generic_heads):
                    continue
                if tier == TIER_WORD and span.text != spelling and not (spelling.isupper() or span.text.isupper()):
                    if span.text.lower() != spelling.lower() or not span.text[:1].isupper():
                        continue
            weak = tier == TIER_WORD and spelling.isupper() and span.text != spelling and span[0].is_sent_start
            out.append((Span(doc, start, end, label=THREAT_ACTOR, kb_id=actor_id), tier, weak))
        conv = self.gazetteer.conventions
        for m in self.code_regex.finditer(doc_text(doc)):
            span = doc.char_span(m.start(), m.end())
            if span is not None:
                out.append(
                    (Span(doc, span.start, span.end, label=THREAT_ACTOR, kb_id=slug(span.text)), TIER_CODE, False)
                )
        for key, at, _ in self.family_words(doc) if cyber else ():
            rule = doc.vocab.strings[key]
            fam = self.families[rule]
            start, end = (at - 1, at + 1) if fam.position == "last" else (at, at + 2)
            if start < 0 or end > len(doc) or not doc[start:end].text.replace(" ", "").isalpha():
                continue
            span = doc[start:end]
            if not _family_shape(span, fam) or inside_longer_name(span):
                continue
            name_word = span[0] if fam.position == "last" else span[1]
            fam_word = span[1] if fam.position == "last" else span[0]
            if name_word.text in conv.modifier_stopwords or name_word.text.title() in conv.name_stopwords:
                continue
            if fam_word.text.title() in conv.modifier_stopwords and fam.position == "first" and fam.case == "title":
                continue
            out.append(
                (Span(doc, start, end, label=THREAT_ACTOR, kb_id=_convention_id(span.text)), "convention", False)
            )
        return out

    def _accept(self, doc: Doc, candidates: list[tuple[Span, str, bool]], orgs: list[Span]) -> list[Span]:
        """Keep candidates that pass their tier's cues; a confirmed actor lends its other mentions."""
        needs_cues = any(tier in (TIER_WORD, "convention") for _, tier, _ in candidates)
        cue_sents = self._cue_sentences(doc, [c[0] for c in candidates], orgs) if needs_cues else set()
        confirmed: set[str] = set()
        pending: list[tuple[Span, bool]] = []
        accepted: list[Span] = []
        for span, tier, weak in candidates:
            if tier in _GUARDED:
                if tier == TIER_SUBJECT and acts_as_subject(span, self.action_verbs):
                    accepted.append(span)
                else:
                    pending.append((span, weak))
            elif tier in (TIER_CODE, TIER_PHRASE) or (span.sent.start in cue_sents and not weak):
                accepted.append(span)
                confirmed.add(span.kb_id_)
            else:
                pending.append((span, weak))
        accepted.extend(span for span, _ in pending if span.kb_id_ in confirmed)
        return accepted

    def _cue_sentences(self, doc: Doc, candidates: list[Span], orgs: list[Span]) -> set[int]:
        """Starts of sentences with a cue: a cue word or phrase, or two names (actor, agency or vendor)."""
        hits = numpy.flatnonzero(numpy.isin(doc.to_array([LOWER]).reshape(-1), self.local_cue_ids))
        out = {doc[int(i)].sent.start for i in hits}
        out.update(doc[start].sent.start for _, start, _ in self.local_phrases(doc))
        seen: dict[int, set[str]] = {}
        for span in [*candidates, *orgs]:
            seen.setdefault(span.sent.start, set()).add(span.kb_id_)
        out.update(start for start, ids in seen.items() if len(ids) >= 2)
        return out

    # -- writing the results -----------------------------------------------------------------------
    def _set_annotations(self, doc: Doc, found: list[Span], groups: dict) -> None:
        actors = [s for s in found if s.label_ == THREAT_ACTOR]
        doc.spans[ACTOR_SPANS] = actors
        doc.spans[AGENCY_SPANS] = [s for s in found if s.label_ == AGENCY]
        doc.spans[ORG_SPANS] = [s for s in found if s.label_ in (SECURITY_VENDOR, MEDIA)]
        for span in actors:
            actor = self.gazetteer.actors.get(span.kb_id_)
            group = groups.get(span.kb_id_)
            if group is not None:
                info = ActorInfo(group.id, group.name, [], None, source=TEXT_PATTERN)
                doc.user_data.setdefault(ACTOR_KINDS, {})[group.id] = group.kind
            elif actor is not None:
                info = ActorInfo(
                    actor.id, actor.name, list(actor.aliases), actor.country, country_source=actor.country_source
                )
            else:
                info = self._convention_actor(span)
            doc._.tn_actors.setdefault(info.id, info)
        for span in [*doc.spans[AGENCY_SPANS], *doc.spans[ORG_SPANS]]:
            org = self.gazetteer.organizations.get(span.kb_id_)
            if org is not None:
                info = AgencyInfo(org.id, org.name, org.country, org.kind)
            else:
                text, code = _construction_name(span, self.countries)
                prefix = span.kb_id_.split("-", 1)[0]
                code = code or (prefix.upper() if len(prefix) == 2 else None)  # a bare "foreign ministry"
                info = AgencyInfo(span.kb_id_, text, code, "agency")
            doc._.tn_agencies.setdefault(info.id, info)
        taken = {i for span in found for i in range(span.start, span.end)}
        kept = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
        doc.ents = sorted(found + kept, key=lambda s: s.start)

    def _convention_actor(self, span: Span) -> ActorInfo:
        conv = self.gazetteer.conventions
        fam = conv.family_of(span.text)
        code = None if fam else conv.code_of(span.text)
        country = fam.country if fam else code.country if code else None
        name = span.text if not fam or fam.case == "upper" else " ".join(w.capitalize() for w in span.text.split())
        source = NAMING_CONVENTION if country else None
        return ActorInfo(span.kb_id_, name, [], country, source=NAMING_CONVENTION, country_source=source)


def _capitalised(span: Span, generic_heads: frozenset[str] = frozenset()) -> bool:
    """Every alphabetic word of a name starts with a capital (ordinary phrases are lower case); a generic head
    after the first word may be lower case ("Callisto group")."""
    words = [t for t in span if t.is_alpha and len(t) > 3 or t.i == span.start]
    return all(not t.is_lower or (t.i > span.start and t.lower_ in generic_heads) for t in words)


def _family_shape(span: Span, fam: NamingFamily) -> bool:
    name_word = span[0] if fam.position == "last" else span[1]
    fam_word = span[1] if fam.position == "last" else span[0]
    if fam.case == "upper":
        return fam_word.is_upper and (name_word.is_upper or name_word.is_title)
    return not name_word.is_lower and not fam_word.is_lower and len(name_word) > 2


def _convention_id(text: str) -> str:
    return slug(text)


def _construction_name(span: Span, countries: dict[str, str]) -> tuple[str, str | None]:
    """Name and country of an agency named by a construction ("Chinese embassy in Washington")."""
    text = span.text
    code = None
    for n in range(len(span), 0, -1):
        code = countries.get(fold(span[:n].text))
        if code:
            break
    return text, code
