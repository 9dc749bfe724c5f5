"""Who makes a claim, and how firmly: the claimant and the stance.

The conventions (also in ``corpus/README.md``):

- the **claimant** is whoever the text says makes the claim, looked for in this order: the agent of a
  passive accusation ("linked to the IRGC by U.S. officials"); the subject of an accusation or admission
  ("Germany accused ...", "Wang acknowledged ..."); the speaker of the quote the claim sits in; the
  subject of a denial ("the embassy denied ...", after the quote's speaker so that a quoted official's
  denial stays theirs); the subject of a verb of knowing ("officials have long understood that ...");
  else nobody: the article asserts it. A label in an appositive ("Salt Typhoon, the Chinese state-sponsored
  group") is the article's own description even inside someone's reported speech.
- the **stance**: ``denied`` for a denial; ``hedged`` when a hedge stands in the claim's own words
  ("likely", "believed to be", "China-nexus"); ``reported`` when the claim reaches us second-hand (a
  marker such as "reportedly" or "apparently" on it or on its reporting verb, or a claimant's words
  relayed by someone else: "according to officials, Wang acknowledged ..."); else ``asserted``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from models import ClaimKind, QuoteKind, SpeakerKind, Stance
from pipeline.names import name_key
from pipeline.nlp.annotations import THREAT_ACTOR, QuoteInfo, SpeakerInfo
from pipeline.nlp.components.claims.rules import ClaimRules, PhraseTable, contains_phrase
from pipeline.nlp.intervals import Intervals
from pipeline.nlp.syntax import (
    after_dateline,
    agent_of,
    ents_within,
    is_dateline,
    noun_phrase,
    phrase_words,
    subject_of,
)
from pipeline.nlp.tables import words

#: Cue types that label an actor ("state-sponsored", "Chinese hackers"): in an appositive they are the
#: article's own description, even inside someone's reported speech.
LABEL_TYPES = frozenset({"modifier", "demonym"})
#: Cue types whose verb's subject is the claimant ("Germany accused ...", "the embassy denied ...").
CLAIMANT_IS_SUBJECT = frozenset({"admission", "accusation", ClaimKind.denial})
#: Dependencies that stay inside one clause when walking up from a cue to find its clause.
CLAUSE_INTERNAL_DEPS = frozenset(
    {
        "xcomp",
        "acomp",
        "auxpass",
        "aux",
        "attr",
        "prep",
        "pobj",
        "dobj",
        "npadvmod",
        "amod",
        "compound",
        "appos",
        "nsubj",
        "nsubjpass",
        "poss",
        "agent",
        "oprd",
        "dative",
    }
)


def _is_passive(verb: Token) -> bool:
    """A passive verb, or a past participle modifying a noun ("operations attributed to Moscow")."""
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return True
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _by_phrase(verb: Token) -> Token | None:
    """The object of a "by" phrase the parser hung lower in a passive verb's clause ("linked to the
    IRGC by U.S. officials")."""
    for tok in verb.subtree:
        if tok.i > verb.i and tok.dep_ == "prep" and tok.lower_ == "by":
            return next((c for c in tok.children if c.dep_ == "pobj"), None)
    return None


@dataclass(frozen=True)
class Attribution:
    """The claimant and stance of one claim, and the quote it sits in (index into ``Doc._.tn_quotes``)."""

    claimant_id: str | None
    claimant_name: str | None
    stance: str
    quote_id: str | None


def clause_of(cue: Span) -> Span:
    """The clause a cue sits in: up through clause-internal links, then that head's subtree."""
    head = cue.root
    while head.dep_ in CLAUSE_INTERNAL_DEPS and head.head.i != head.i:
        head = head.head
    return cue.doc[head.left_edge.i : head.right_edge.i + 1]


def enclosing_quotes(doc: Doc, cue: Span) -> list[QuoteInfo]:
    """The quotes a cue sits in, innermost (shortest) first."""
    key = ("threatnews", "quote_intervals")
    if key not in doc.user_data:  # the quotes are final once the claim finder runs: index them once
        doc.user_data[key] = Intervals((q.span[0], q.span[1], n) for n, q in enumerate(doc._.tn_quotes))
    quotes = doc._.tn_quotes
    inside = [quotes[n] for n in doc.user_data[key].containing(cue.start_char, cue.end_char)]
    return sorted(inside, key=lambda q: q.span[1] - q.span[0])


def _speaker_mentions(doc: Doc, speakers: list[SpeakerInfo]) -> Intervals[int]:
    """Every mention of every speaker, indexed once per document (value: the speaker's position)."""
    key = ("threatnews", "speaker_intervals")
    if key not in doc.user_data:
        doc.user_data[key] = Intervals((s, e, n) for n, speaker in enumerate(speakers) for s, e in speaker.mentions)
    return doc.user_data[key]


def speaker_of_quote(doc: Doc, quote: QuoteInfo, by_id: dict[str, SpeakerInfo]) -> SpeakerInfo | None:
    """The speaker the speaker component linked to ``quote``, if any."""
    speaker_id = doc._.tn_quote_speakers.get(quote.id)
    return by_id.get(speaker_id) if speaker_id else None


def in_appositive(cue: Span, quote: QuoteInfo) -> bool:
    """Whether the cue sits in an appositive (or a dash-set aside) inside the quote's content."""
    for tok in (cue.root, *cue.root.ancestors):
        if tok.idx < quote.span[0] or tok.idx >= quote.span[1]:
            break
        if tok.dep_ == "appos":
            return True
    return False


def label_noun(cue: Span, ctype: str) -> Token | None:
    """The noun a cue describes inside its own noun phrase ("a Russian hacking group known as X", "the people
    behind the attack, X"), when the noun is not what a clause predicates ("X is a Russian group")."""
    root = cue.root
    if ctype in LABEL_TYPES:
        noun = root if root.pos_ in ("NOUN", "PROPN") else root.head
    elif ctype == "predicate" and root.dep_ in ("prep", "acl") and root.head.pos_ in ("NOUN", "PROPN"):
        noun = root.head
    else:
        return None
    while noun.dep_ in ("compound", "amod") and noun.head.i != noun.i:
        noun = noun.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ in ("attr", "oprd", "ROOT"):
        return None
    if noun.dep_ == "pobj" and (noun.head.lower_ == "as" or noun.head.head.dep_ == "attr"):
        return None  # "described as Chinese actors", "one of several Iranian groups"
    if not any(t.ent_type_ == THREAT_ACTOR for t in noun.subtree):
        return None  # "Russian military hackers broke into ...": a description naming no one is the claim itself
    return noun


def in_label(cue: Span, ctype: str, quote: QuoteInfo | None) -> bool:
    """A label inside reported speech is the article's own description: a label in an appositive, or in
    indirect speech a description of a named actor inside its noun phrase ("a Russian group known as X")."""
    if quote is None:
        return False
    if ctype in LABEL_TYPES and in_appositive(cue, quote):
        return True
    return quote.kind != QuoteKind.direct and label_noun(cue, ctype) is not None


def speaker_named(name: str, speakers: list[SpeakerInfo]) -> str | None:
    """The id of the speaker called ``name`` (ignoring case and "the"), or whose surname it is."""
    key = name_key(name)
    for speaker in speakers:
        if name_key(speaker.name) == key:
            return speaker.id
    if " " not in key:
        for speaker in speakers:
            if speaker.kind == SpeakerKind.person and name_key(speaker.name).split()[-1] == key:
                return speaker.id
    return None


class StanceJudge:
    """Decide claimant and stance for a cue; see the module docstring for the conventions."""

    def __init__(self, rules: ClaimRules, strings: StringStore) -> None:
        self.rules = rules
        self.tables = {
            "hedge": PhraseTable(strings, [([{"LOWER": w} for w in p], None) for p in rules.hedges]),
            "second_hand": PhraseTable(strings, [([{"LOWER": w} for w in p], None) for p in rules.second_hand]),
        }

    def judge(self, doc: Doc, cue: Span, kind: str, ctype: str) -> Attribution:
        speakers: list[SpeakerInfo] = list(doc._.tn_speakers)
        by_id = {s.id: s for s in speakers}
        quotes = enclosing_quotes(doc, cue)
        inner = quotes[0] if quotes else None
        claimant_id, claimant_name = self.claimant(doc, cue, ctype, inner, speakers, by_id)
        stance = self.stance(doc, cue, kind, ctype, inner, quotes, claimant_name, by_id)
        return Attribution(claimant_id, claimant_name, stance, inner.id if inner is not None else None)

    # -- claimant --------------------------------------------------------------------------------
    def claimant(
        self,
        doc: Doc,
        cue: Span,
        ctype: str,
        inner: QuoteInfo | None,
        speakers: list[SpeakerInfo],
        by_id: dict[str, SpeakerInfo],
    ) -> tuple[str | None, str | None]:
        verb = cue.root if cue.root.pos_ in ("VERB", "AUX") else cue.root.head
        if _is_passive(verb) and verb.lemma_.lower() in self.rules.word("accusation_verb"):
            agent = agent_of(verb) or _by_phrase(verb)
            if agent is not None and agent.lower_ not in words("actor_pronoun"):
                return self._claimant_at(agent, speakers, by_id)  # "linked to the IRGC by U.S. officials"
        subject_first = ctype in CLAIMANT_IS_SUBJECT and ctype != ClaimKind.denial
        if ctype == "accusation" and _is_passive(cue.root):
            subject_first = False  # "the campaign was tied to Iran": the campaign is the accused
        if subject_first:
            subject = self._acting_subject(cue)
            if subject is not None:
                return self._claimant_at(subject, speakers, by_id)
        label = (
            inner is not None
            and inner.kind != QuoteKind.direct
            and (in_appositive(cue, inner) or label_noun(cue, ctype) is not None)
        )
        if inner is not None and not label:
            speaker = speaker_of_quote(doc, inner, by_id)
            if speaker is not None:
                return speaker.id, speaker.name
            if inner.speaker is not None:
                mention = doc.char_span(*inner.speaker, alignment_mode="expand")
                return None, mention.text if mention is not None else None
        if ctype in CLAIMANT_IS_SUBJECT and not (ctype == "accusation" and _is_passive(cue.root)):
            subject = self._acting_subject(cue)  # "the hack [that was blamed on North Korea]" names no accuser
            if subject is not None:
                return self._claimant_at(subject, speakers, by_id)
        if ctype in LABEL_TYPES or label:
            return None, None
        believer = self._believer(cue)
        if believer is not None:
            return self._claimant_at(believer, speakers, by_id)
        return None, None

    def _claimant_at(
        self, head: Token, speakers: list[SpeakerInfo], by_id: dict[str, SpeakerInfo]
    ) -> tuple[str | None, str]:
        """The claimant a noun phrase names: the speaker with a mention there, an earlier speaker a
        definite description ("the company") points to, or the phrase itself."""
        phrase = noun_phrase(head)
        named = _speaker_mentions(head.doc, speakers).overlapping(phrase.start_char, phrase.end_char)
        if named:
            speaker = speakers[min(named)]  # the first speaker with a mention there
            return speaker.id, speaker.name
        person = next((e for e in ents_within(phrase) if e.label_ == "PERSON"), None)
        if person is not None:  # "Iran's foreign ministry spokesman, Hamid Rezaei"
            return self._named(person.text, speakers, by_id)
        text = phrase_words(head)
        described = self._described(head, speakers)
        if described is not None:
            return described.id, described.name
        return self._named(text, speakers, by_id)

    def _described(self, head: Token, speakers: list[SpeakerInfo]) -> SpeakerInfo | None:
        """ "the company", "the ministry": the last speaker before it whose name, title or kind fits."""
        if not any(c.lower_ == "the" for c in head.children) or head.ent_type_:
            return None
        word = head.lemma_.lower()
        earlier = [s for s in speakers if s.mentions and min(m[0] for m in s.mentions) < head.idx]
        for speaker in reversed(earlier):
            if word in f"{speaker.name} {speaker.title or ''}".lower():
                return speaker
        if word in words("company_head"):
            return next((s for s in reversed(earlier) if s.kind == SpeakerKind.organization), None)
        return None

    @staticmethod
    def _named(name: str, speakers: list[SpeakerInfo], by_id: dict[str, SpeakerInfo]) -> tuple[str | None, str]:
        """A claimant by name, as the speaker it is when it is one (so one claimant has one name)."""
        speaker_id = speaker_named(name, speakers)
        return speaker_id, by_id[speaker_id].name if speaker_id else name

    @staticmethod
    def _acting_subject(cue: Span) -> Token | None:
        """The subject of the cue's verb, or of the nearest verb above it with a subject that is no pronoun.

        A pronoun in a relative or reported clause ("a group it links to the IRGC") stands for the
        subject of the clause above it ("The company attributed ...").
        """
        for verb in (cue.root, *cue.root.ancestors):
            if verb.pos_ not in ("VERB", "AUX") or _is_passive(verb):
                continue
            subject = subject_of(verb)
            if subject is not None and is_dateline(subject):
                subject = after_dateline(subject)
            if subject is not None and subject.lower_ not in words("personal_pronoun"):
                return subject
        return None

    def _believer(self, cue: Span) -> Token | None:
        """The subject of a verb of knowing above the cue ("officials have long understood that")."""
        beliefs = self.rules.word("belief")
        for verb in cue.root.ancestors:
            if verb.lemma_.lower() in beliefs:
                return subject_of(verb)
        return None

    # -- stance ----------------------------------------------------------------------------------
    def stance(
        self,
        doc: Doc,
        cue: Span,
        kind: str,
        ctype: str,
        inner: QuoteInfo | None,
        quotes: list[QuoteInfo],
        claimant_name: str | None,
        by_id: dict[str, SpeakerInfo],
    ) -> str:
        if kind == ClaimKind.denial:
            return Stance.denied
        scope = self._own_words(doc, cue, ctype, inner)
        modals = self.rules.word("hedge_modal")  # "the group may be based in China"
        if any(c.dep_ == "aux" and c.lower_ in modals for c in cue.root.children):
            return Stance.hedged
        if self._has(scope, "hedge") or self._has(cue, "hedge"):
            return Stance.hedged
        if self._second_hand(doc, cue, ctype, inner) or self._relayed(cue, ctype, quotes, claimant_name, by_id):
            return Stance.reported
        if claimant_name and contains_phrase(claimant_name.lower().split(), self.rules.anonymity):
            return Stance.reported  # "two people familiar with the investigation told the FT that ..."
        return Stance.asserted

    def _own_words(self, doc: Doc, cue: Span, ctype: str, inner: QuoteInfo | None) -> Span:
        """Where a hedge counts: the quote the claim sits in, else its clause; for an admission, what is admitted."""
        if ctype in ("target", "target_prep"):  # a hedge on who did it ("suspected hackers") is not on what was hit
            verb = cue.root
            kept = [c for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass")]
            lo = min([verb.i] + [c.left_edge.i for c in kept])
            hi = max([verb.i] + [c.right_edge.i for c in kept]) + 1
            return doc[lo:hi]
        if ctype == "admission":
            content = [c for c in cue.root.children if c.dep_ in ("ccomp", "dobj")]
            if content:
                lo = min(c.left_edge.i for c in content)
                hi = max(c.right_edge.i for c in content) + 1
                return doc[lo:hi]
        if in_label(cue, ctype, inner) and (noun := label_noun(cue, ctype)) is not None:
            return doc[noun.left_edge.i : noun.right_edge.i + 1]  # "the people behind the attack, X, were probably"
        if inner is not None and not in_label(cue, ctype, inner):
            span = doc.char_span(*inner.span, alignment_mode="expand")
            if span is not None:
                return span
        return clause_of(cue)

    def _second_hand(self, doc: Doc, cue: Span, ctype: str, inner: QuoteInfo | None) -> bool:
        """A "reportedly"/"apparently" on the claim's clause, its reporting verb or its acting verb."""
        places: list[Span] = [clause_of(cue)]
        if inner is not None and inner.cue is not None and not in_label(cue, ctype, inner):
            verb = doc.char_span(*inner.cue, alignment_mode="expand")
            if verb is not None:
                places.append(doc[verb.root.i : verb.root.i + 1])
                places += [doc[c.i : c.i + 1] for c in verb.root.children if c.dep_ == "advmod"]
        if ctype in CLAIMANT_IS_SUBJECT:
            places += [doc[c.i : c.i + 1] for c in cue.root.children if c.dep_ == "advmod"]
        return any(self._has(p, "second_hand") for p in places)

    @staticmethod
    def _relayed(
        cue: Span,
        ctype: str,
        quotes: list[QuoteInfo],
        claimant_name: str | None,
        by_id: dict[str, SpeakerInfo],
    ) -> bool:
        """A claimant's act or words passed on by someone else ("according to officials, Wang acknowledged")."""
        if ctype in CLAIMANT_IS_SUBJECT and claimant_name is not None:
            if any(t.lower_ == "according" for t in cue.sent):
                return True
            for quote in quotes:
                speaker = speaker_of_quote(cue.doc, quote, by_id)
                if speaker is not None and speaker.name.lower() not in claimant_name.lower():
                    return True
        if len(quotes) >= 2:
            names = {s.name for q in quotes if (s := speaker_of_quote(cue.doc, q, by_id)) is not None}
            return len(names) >= 2
        return False

    def _has(self, span: Span, table: str) -> bool:
        """Whether a phrase of the table (hedges, second-hand markers) lies inside ``span``.

        The table is searched once per document; each question is then a look-up in its hits.
        """
        doc = span.doc
        key = ("threatnews", f"claim_{table}")
        if key not in doc.user_data:
            doc.user_data[key] = [(s, e) for s, e, _ in self.tables[table].find(doc)]
        return any(span.start <= s and e <= span.end for s, e in doc.user_data[key])
