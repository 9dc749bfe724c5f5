"""``tn_speakers``: resolve quote speaker mentions to speakers, with kind, title and affiliation.

Reads ``Doc._.tn_quotes`` (the mentions the quote finder took from the parse) and writes
``Doc._.tn_speakers`` and ``Doc._.tn_quote_speakers`` (quote id → speaker id). Resolution is deliberately simple and
explainable: a pronoun goes to the nearest earlier compatible speaker, a surname to the full name
seen earlier, an identical name to itself; a quote with no cue of its own ("floating") takes the
speaker of the quote just before it in the same run of paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from models import QuoteKind, SpeakerKind
from pipeline.data import read_lines, read_rows
from pipeline.names import bare_name
from pipeline.nlp import tables
from pipeline.nlp.annotations import AGENCY, AGENCY_SPANS, MEDIA, ORG_SPANS, SECURITY_VENDOR, QuoteInfo, SpeakerInfo
from pipeline.nlp.syntax import RELATIVE_TAGS, doc_ents, doc_text, ents_within, noun_phrase

ORG_LABELS = frozenset({"ORG", "GPE", "NORP", AGENCY, SECURITY_VENDOR, MEDIA})
#: Largest gap, in characters, over which a floating quote inherits the previous speaker.
FLOATING_MAX_GAP = 600
#: How many tokens a name the NER missed may have.
NAME_MIN_TOKENS, NAME_MAX_TOKENS = 2, 3
#: How many sentences back a pronoun looks for the person it stands for.
PRONOUN_SENTENCES = 3
#: A definite description longer than this ("the company's chief executive") names a new speaker;
#: a title may run longer ("the NIS's deputy director").
DEFINITE_MAX_TOKENS = 3
TITLE_MAX_TOKENS = 6


@dataclass(frozen=True)
class SpeakerRules:
    head_kinds: dict[str, str]
    anonymity: tuple[tuple[str, ...], ...]
    person_titles: frozenset[str]
    agency_heads: frozenset[str]
    opening_marks: str  # the quotation marks a continuation paragraph opens with

    @classmethod
    def from_data(cls) -> SpeakerRules:
        return cls(
            head_kinds={row[1]: row[0] for row in read_rows("speaker_words.tsv")},
            anonymity=tuple(tuple(p.split()) for p in read_lines("anonymity_cues.txt")),
            person_titles=frozenset(read_lines("person_titles.txt")),
            agency_heads=frozenset(read_lines("agency_heads.txt")),
            opening_marks="".join(row[0] for row in read_rows("quote_marks.tsv")),
        )


@Language.factory(
    "tn_speakers",
    assigns=["doc._.tn_speakers", "doc._.tn_quote_speakers"],
    requires=["doc._.tn_quotes", "doc.ents", "doc.spans", "doc._.tn_agencies", "token.dep", "token.pos"],
    default_config={"floating_max_gap": FLOATING_MAX_GAP},
)
def make_speaker_resolver(nlp: Language, name: str, floating_max_gap: int) -> SpeakerResolver:
    return SpeakerResolver(name=name, rules=SpeakerRules.from_data(), floating_max_gap=floating_max_gap)


class SpeakerResolver:
    def __init__(self, *, name: str, rules: SpeakerRules, floating_max_gap: int) -> None:
        self.name = name
        self.rules = rules
        self.floating_max_gap = floating_max_gap

    def __call__(self, doc: Doc) -> Doc:
        speakers: list[SpeakerInfo] = []
        previous: QuoteInfo | None = None
        text = doc_text(doc)
        links: dict[str, str] = doc._.tn_quote_speakers
        links.clear()
        for quote in doc._.tn_quotes:
            if quote.speaker is not None:
                mention = doc.char_span(*quote.speaker, alignment_mode="expand")
                if mention is not None:
                    speaker = self.resolve(doc, mention, speakers)
                    if speaker is not None:
                        links[quote.id] = speaker.id
                        if quote.speaker not in speaker.mentions:
                            speaker.mentions.append(quote.speaker)
            elif previous is not None and previous.speaker is not None and self._same_run(text, previous, quote):
                if previous.id in links:
                    links[quote.id] = links[previous.id]
                quote.speaker = previous.speaker  # the mention it continues from
            if quote.kind == QuoteKind.direct or quote.id in links:
                previous = quote
        doc._.tn_speakers[:] = speakers
        return doc

    def _same_run(self, text: str, before: QuoteInfo, after: QuoteInfo) -> bool:
        """The same paragraph, or the next one when it opens with the quotation (a continuation paragraph)."""
        gap = text[before.span[1] : after.span[0]]
        if len(gap) > self.floating_max_gap:
            return False
        head, _, opening = gap.rpartition("\n")
        return "\n" not in gap or (not opening.strip(self.rules.opening_marks + " ") and "\n" not in head.strip())

    def resolve(self, doc: Doc, mention: Span, speakers: list[SpeakerInfo]) -> SpeakerInfo | None:
        """The speaker ``mention`` refers to, adding a new one to ``speakers`` when it is new."""
        antecedent = _relative_antecedent(mention)
        if antecedent is not None:  # "Sanders, who said ...": the mention is "who", the speaker Sanders
            return self.resolve(doc, antecedent, speakers)
        low = mention.text.lower()
        if low in tables.words("person_pronoun"):
            person = self._person_before(doc, mention, speakers)
            if person is not None:
                return self.resolve(doc, person, speakers)
        if low in tables.words("person_pronoun") | tables.words("group_pronoun") | tables.words("thing_pronoun"):
            return self._antecedent(low, mention, speakers)
        mention = _first_full_mention(doc, mention)
        described = self._definite_description(doc, mention, speakers)
        if described is not None:
            return described
        name, kind, title, affiliation = self.describe(doc, mention)
        for speaker in reversed(speakers):
            if _same_name(name, speaker):
                if title and not speaker.title:
                    speaker.title = title
                if affiliation and not speaker.affiliation:
                    speaker.affiliation = affiliation
                return speaker
        speaker = SpeakerInfo(id=f"s{len(speakers) + 1}", name=name, kind=kind, title=title, affiliation=affiliation)
        speakers.append(speaker)
        return speaker

    def _person_before(self, doc: Doc, mention: Span, speakers: list[SpeakerInfo]) -> Span | None:
        """The nearest person named before a pronoun, within the last few sentences: a PERSON entity
        or a mention of a speaker already known to be a person (names the NER missed)."""
        window_start = mention.sent.start
        for _ in range(PRONOUN_SENTENCES):
            if window_start == 0:
                break
            window_start = doc[window_start - 1].sent.start
        people = [
            e for e in doc_ents(doc)[0] if e.label_ == "PERSON" and window_start <= e.start and e.end <= mention.start
        ]
        for speaker in speakers:
            if speaker.kind != SpeakerKind.person:
                continue
            for start, end in speaker.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and window_start <= span.start and span.end <= mention.start:
                    people.append(span)
        return max(people, key=lambda p: p.end) if people else None

    def _definite_description(self, doc: Doc, mention: Span, speakers: list[SpeakerInfo]) -> SpeakerInfo | None:
        """ "the official", "the bureau", "the company", "the NIS's deputy director": the earlier speaker
        or organisation the description fits. A plural ("the agencies") names a group, not one of them."""
        head_tok = mention.root
        head = head_tok.lemma_.lower()
        is_title = head in self.rules.person_titles
        longest = TITLE_MAX_TOKENS if is_title else DEFINITE_MAX_TOKENS
        if mention[0].lower_ != "the" or len(mention) > longest or head_tok.tag_ in ("NNS", "NNPS"):
            return None
        inside = ents_within(mention)
        if any(e.label_ == "PERSON" for e in inside) or (head not in self.rules.head_kinds and not is_title):
            return None
        words = " ".join(t.lower_ for t in mention if t.pos_ in ("NOUN", "ADJ") or t.i == head_tok.i)
        for speaker in reversed(speakers):
            described = f"{speaker.name} {speaker.title or ''}".lower()
            if head in described and (not is_title or words in described or speaker.kind == SpeakerKind.person):
                return speaker
        if is_title or inside:
            return None
        before = [e for e in doc_ents(doc)[0] if e.label_ in ORG_LABELS - {"GPE", "NORP"} and e.end <= mention.start]
        named = [e for e in before if head in e.text.lower()]
        if not named and head in self.rules.agency_heads:  # "the bureau" after "the FBI"
            agencies = [s for s in doc.spans.get(AGENCY_SPANS, []) if s.end <= mention.start]
            fitting = [s for s in agencies if head in _agency_name(doc, s).lower()]
            named = fitting or agencies
        if not named and head in tables.words("company_head"):  # the company the article keeps naming
            companies = [e for e in before if e.label_ in ("ORG", SECURITY_VENDOR)]
            counts: dict[str, int] = {}
            for e in companies:
                counts[e.text] = counts.get(e.text, 0) + 1
            named = sorted(companies, key=lambda e: (counts[e.text], e.start))
        if named:
            return self.resolve(doc, named[-1], speakers)
        return None

    def _antecedent(self, pronoun: str, mention: Span, speakers: list[SpeakerInfo]) -> SpeakerInfo | None:
        for speaker in reversed(speakers):
            if pronoun in tables.words("person_pronoun") and speaker.kind == SpeakerKind.person:
                return speaker
            if pronoun in tables.words("thing_pronoun") and speaker.kind in (
                SpeakerKind.organization,
                SpeakerKind.document,
            ):
                return speaker
            if pronoun in tables.words("group_pronoun") and speaker.kind in (
                SpeakerKind.organization,
                SpeakerKind.anonymous,
            ):
                return speaker
        return None

    def describe(self, doc: Doc, mention: Span) -> tuple[str, str, str | None, str | None]:
        """(name, kind, title, affiliation) of a non-pronoun mention."""
        inside = ents_within(mention)
        person = next((e for e in inside if e.label_ == "PERSON"), None)
        orgs = [e for e in inside if e.label_ in ORG_LABELS]
        title = affiliation = None
        if person is not None:
            name = bare_name(person.text)
            kind = SpeakerKind.person
            before = _strip_punct(_strip_determiners(doc[mention.start : person.start]))
            if len(before):
                affiliation_preps = tables.words("affiliation_prep")
                prep = next((t for t in before if t.dep_ == "prep" and t.lower_ in affiliation_preps), None)
                if prep is not None and prep.i > before.start:
                    title = doc[before.start : prep.i].text
                    holder = _strip_punct(_strip_determiners(doc[prep.i + 1 : before.end]))
                    org = next((o for o in orgs if holder.start <= o.start and o.end <= holder.end), None)
                    affiliation = bare_name(org.text) if org is not None else (holder.text or None)
                else:
                    title = before.text
                    affiliation = next((bare_name(o.text) for o in orgs if o.end <= person.start), None)
            appos_title, appos_aff = self.appositive(person.root)
            title = title or appos_title
            affiliation = affiliation or appos_aff
            return name, kind, title, affiliation
        full = _full_name(doc, mention)
        if full is not None:  # a name the NER missed: "Reinhardt" after "Sophie Reinhardt"
            return full, SpeakerKind.person, None, None
        titled = self._titled_name(doc, mention)
        if titled is not None:  # "Amara Sesay, a senior researcher at ESET" (NER: ORG)
            name, title_span = titled
            appos_title, appos_aff = self.appositive(mention.root)
            title = title_span.text if title_span is not None and len(title_span) else appos_title
            return name, SpeakerKind.person, title, appos_aff
        lowered = [t.lower_ for t in mention]
        head = mention.root
        if any(_contains(lowered, cue) for cue in self.rules.anonymity):
            return mention.text, SpeakerKind.anonymous, None, None
        head_kind = self.rules.head_kinds.get(head.lemma_.lower())
        known = [s for key in (AGENCY_SPANS, ORG_SPANS) for s in doc.spans.get(key, []) if _within(s, mention)]
        if known and head_kind != SpeakerKind.document:
            info = doc._.tn_agencies.get(known[0].kb_id_)  # one name per body: "NCSC" = "the centre"
            name = info.name if info is not None else bare_name(known[0].text)
            return name, SpeakerKind.organization, None, None
        if head_kind == SpeakerKind.anonymous and not orgs:
            return mention.text, SpeakerKind.anonymous, None, None
        if head_kind is not None:
            return mention.text, head_kind, None, None
        if orgs:
            return bare_name(orgs[0].text), SpeakerKind.organization, None, None
        return mention.text, "unknown", None, None

    def _titled_name(self, doc: Doc, mention: Span) -> tuple[str, Span | None] | None:
        """A person the NER missed, known by a title: a proper name with a person's title in apposition
        ("Amara Sesay, a senior researcher"), or a proper name ending a title ("Special Agent in Charge
        Hope Rivers"). Returns the name and the title words before it. Gazetteer organisations never are."""
        if any(
            _within(s, mention) or _within(mention, s)
            for key in (AGENCY_SPANS, ORG_SPANS)
            for s in doc.spans.get(key, [])
        ):
            return None
        titles = self.rules.person_titles
        tokens = [t for t in mention if not t.is_punct]
        run: list[Token] = []
        for tok in reversed(tokens):
            if tok.pos_ == "PROPN" and tok.is_title:
                run.insert(0, tok)
            else:
                break
        if len(run) < NAME_MIN_TOKENS:
            return None
        name = run[-NAME_MAX_TOKENS:] if len(run) > NAME_MAX_TOKENS else run
        head = mention.root
        appos = next((c for c in head.rights if c.dep_ == "appos"), None)
        before = doc[mention.start : name[0].i]
        titled_before = any(t.lemma_.lower() in titles for t in before)
        if (appos is not None and appos.lemma_.lower() in titles) or titled_before:
            return " ".join(t.text for t in name), _strip_punct(_strip_determiners(before))
        return None

    def appositive(self, head: Token) -> tuple[str | None, str | None]:
        """Title and affiliation from an appositive: "Dakota Cary, a China expert at SentinelOne"."""
        for child in head.rights:
            if child.dep_ != "appos":
                continue
            doc = head.doc
            title_end = child.i + 1
            affiliation = None
            for grand in child.rights:
                if grand.dep_ == "prep" and grand.lower_ in tables.words("affiliation_prep"):
                    affiliation = _affiliation(grand)
                    break
            title = _strip_determiners(doc[child.left_edge.i : title_end])
            return (title.text or None), affiliation
        return None, None


def _relative_antecedent(mention: Span) -> Span | None:
    """The noun a relative pronoun stands for ("Sanders, who said ..." → Sanders), if the mention is one."""
    if len(mention) != 1 or mention[0].tag_ not in RELATIVE_TAGS:
        return None
    verb = mention[0].head
    return noun_phrase(verb.head) if verb.dep_ == "relcl" and verb.head.i != verb.i else None


def _first_full_mention(doc: Doc, mention: Span) -> Span:
    """A one-word name ("Ma", "Reinhardt") stands for the person named in full earlier, with the words that
    came with the full name ("foreign ministry spokesperson Ma Xiaoling" gives the title)."""
    if len(mention) != 1 or mention[0].pos_ != "PROPN":
        return mention
    word = mention[0].text
    for ent in doc_ents(doc)[0]:
        if ent.start >= mention.start:
            break
        if ent.label_ == "PERSON" and len(ent) > 1 and word in (ent[0].text, ent[-1].text):
            return noun_phrase(ent.root)
    return mention


def _full_name(doc: Doc, mention: Span) -> str | None:
    """The full name of a person the NER missed: a mention of proper nouns that is, or ends, a run of
    two or more capitalised proper nouns seen with an appositive title ("Sophie Reinhardt, the lead
    analyst") or repeated by surname."""
    names = [t for t in mention if t.pos_ == "PROPN"]
    if (
        not names
        or len(names) != len([t for t in mention if not t.is_punct and t.dep_ != "det"])
        or ents_within(mention)
    ):
        return None
    surname = names[-1].text
    for tok in doc[: mention.end]:
        if tok.text != surname or tok.i == 0:
            continue
        first = doc[tok.i - 1]
        if (
            first.pos_ == "PROPN"
            and first.is_title
            and not first.ent_type_
            and tok.dep_ in ("nsubj", "nsubjpass", "appos", "pobj", "dobj")
        ):
            if any(c.dep_ == "appos" for c in tok.children):
                return f"{first.text} {surname}"
    return None


def _affiliation(prep: Token) -> str | None:
    """The organisation a preposition introduces: its first named entity, else its object's phrase."""
    doc = prep.doc
    subtree = doc[prep.i + 1 : prep.right_edge.i + 1]
    org = next((e for e in ents_within(subtree) if e.label_ in ORG_LABELS), None)
    if org is not None:
        return bare_name(org.text)
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return _strip_determiners(doc[obj.left_edge.i : obj.i + 1]).text if obj is not None else None


def _agency_name(doc: Doc, span: Span) -> str:
    info = doc._.tn_agencies.get(span.kb_id_)
    return info.name if info is not None else span.text


def _strip_punct(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and span.doc[start].is_punct:
        start += 1
    while end > start and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[start:end]


def _strip_determiners(span: Span) -> Span:
    start = span.start
    while start < span.end and span.doc[start].dep_ in ("det", "punct"):
        start += 1
    return span.doc[start : span.end]


def _same_name(name: str, speaker: SpeakerInfo) -> bool:
    if name.lower() == speaker.name.lower():
        return True
    if speaker.kind == SpeakerKind.person and " " not in name:
        return speaker.name.split()[-1].lower() == name.lower()
    return False


def _contains(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1))


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end
