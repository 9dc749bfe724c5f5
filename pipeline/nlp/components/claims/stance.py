"""Who makes a claim, and how firmly: the claimant and the stance.

The conventions (also in ``corpus/README.md``):

- the **claimant** is whoever the text says makes the claim, looked for in this order: the agent of a
  passive accusation ("linked to the IRGC by U.S. officials"); the subject of an accusation or admission
  ("Germany accused ...", "Wang acknowledged ..."); the speaker of the quote the claim sits in; the
  subject of a denial ("the embassy denied ...", after the quote's speaker so that a quoted official's
  denial stays theirs); the subject of a verb of knowing or believing whose complement holds the claim
  ("officials have long understood that ...", "led investigators to conclude that ..."), never one whose
  subject holds it; else nobody: the article asserts it. A label in an appositive ("Salt Typhoon, the Chinese
  state-sponsored group") is the article's own description even inside someone's reported speech, unless the
  label names its own believer ("X, a group that many experts suspect is tied to ...": many experts). The
  actor that claims an operation for itself ("X claimed responsibility for", "took credit for", "the attack was
  claimed by X") is the claimant. The passive agent of an operation verb ("the tools were leaked by the Shadow
  Brokers") is the operation's author, not a claimant (a maintainer ruling of issue 14: such a sentence is a
  responsibility claim in the article's voice).
- the **stance**: ``denied`` for a denial; ``hedged`` when a hedge stands in the claim's own words
  ("likely", "believed to be", "China-nexus") or is the verb of believing that carries it ("experts suspect
  ..."), not in a clause set aside ("X, [a group believed to be behind Y], was responsible for ...":
  asserted); ``reported`` when the claim reaches us second-hand (a marker such as "reportedly" or
  "apparently" on it or on its reporting verb, a passive reporting verb, "they were said to be behind ...",
  or a claimant's words relayed by someone else: "according to officials, Wang acknowledged ..."); else
  ``asserted``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from models import ClaimKind, QuoteKind, SpeakerKind, Stance
from pipeline.names import name_key
from pipeline.nlp.annotations import ACTOR_SPANS, QuoteInfo, SpeakerInfo
from pipeline.nlp.components.claims.clauses import (
    CLAUSE_INTERNAL_DEPS,
    LABEL_TYPES,
    aside_clauses,
    by_phrase,
    clause_of,
    enclosing_quotes,
    in_appositive,
    in_label,
    is_passive,
    label_noun,
    speaker_mentions,
    speaker_of_quote,
)
from pipeline.nlp.components.claims.rules import ClaimRules, PhraseTable, contains_phrase
from pipeline.nlp.syntax import (
    after_dateline,
    agent_of,
    ents_within,
    is_dateline,
    noun_phrase,
    phrase_words,
    subject_of,
    subtree_bounds,
)
from pipeline.nlp.tables import words

#: Cue types whose verb's subject is the claimant ("Germany accused ...", "the embassy denied ...").
CLAIMANT_IS_SUBJECT = frozenset({"admission", "accusation", ClaimKind.denial})


@dataclass(frozen=True)
class Attribution:
    """The claimant and stance of one claim, and the quote it sits in (index into ``Doc._.tn_quotes``)."""

    claimant_id: str | None
    claimant_name: str | None
    stance: str
    quote_id: str | None


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
        if verb.i in range(cue.start, cue.end) and verb.lemma_.lower() in self.rules.word("self_claim_verb"):
            claimer = (agent_of(verb) or by_phrase(verb)) if is_passive(verb) else subject_of(verb)
            if claimer is not None:  # "X claimed responsibility", "claimed by a group calling itself X": X
                lo, hi = subtree_bounds(claimer)
                named = next((a for a in doc.spans[ACTOR_SPANS] if lo <= a.start and a.end <= hi), None)
                return (None, named.text) if named is not None else self._claimant_at(claimer, speakers, by_id)
        if is_passive(verb) and verb.lemma_.lower() in self.rules.word("accusation_verb"):
            agent = agent_of(verb) or by_phrase(verb)
            if agent is not None and agent.lower_ not in words("actor_pronoun"):
                return self._claimant_at(agent, speakers, by_id)  # "linked to the IRGC by U.S. officials"
        subject_first = ctype in CLAIMANT_IS_SUBJECT and ctype != ClaimKind.denial
        if ctype == "accusation" and is_passive(cue.root):
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
        believer = self._believer(cue, in_label=label)  # a label's own believer: "X, a group many suspect works for"
        if label and believer is not None:
            return self._claimant_at(believer, speakers, by_id)
        if inner is not None and not label:
            speaker = speaker_of_quote(doc, inner, by_id)
            if speaker is not None:
                return speaker.id, speaker.name
            if inner.speaker is not None:
                mention = doc.char_span(*inner.speaker, alignment_mode="expand")
                return None, mention.text if mention is not None else None
        if ctype in CLAIMANT_IS_SUBJECT and not (ctype == "accusation" and is_passive(cue.root)):
            subject = self._acting_subject(cue)  # "the hack [that was blamed on North Korea]" names no accuser
            if subject is not None:
                return self._claimant_at(subject, speakers, by_id)
        if ctype in LABEL_TYPES or label:
            return None, None
        if believer is not None:
            return self._claimant_at(believer, speakers, by_id)
        return None, None

    def _claimant_at(
        self, head: Token, speakers: list[SpeakerInfo], by_id: dict[str, SpeakerInfo]
    ) -> tuple[str | None, str]:
        """The claimant a noun phrase names: the speaker with a mention there, an earlier speaker a
        definite description ("the company") points to, or the phrase itself."""
        phrase = noun_phrase(head)
        named = speaker_mentions(head.doc, speakers).overlapping(phrase.start_char, phrase.end_char)
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
        if not any(c.lower_ == "the" for c in head.children) or head.ent_type_ or head.tag_ == "NNS":
            return None  # "the firms" is no one speaker
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
            if verb.pos_ not in ("VERB", "AUX") or is_passive(verb):
                continue
            subject = subject_of(verb)
            if subject is not None and is_dateline(subject):
                subject = after_dateline(subject)
            if subject is not None and subject.lower_ not in words("personal_pronoun"):
                return subject
        return None

    def _belief_verb(self, cue: Span, *, in_label: bool = False) -> Token | None:
        """A verb of knowing whose complement holds the cue ("officials have long understood that"), not one
        whose subject holds it ("experts who tested the tools, leaked by X, found that ...")."""
        beliefs = self.rules.word("belief")
        for tok in (cue.root, *cue.root.ancestors):
            if tok.dep_ in ("nsubj", "nsubjpass", "csubj") or (in_label and tok.dep_ == "appos"):
                return None
            if tok.head.lemma_.lower() in beliefs and tok.head.i != tok.i:
                return None if is_passive(tok.head) else tok.head  # "is believed to be": a hedge, no believer
        return None

    def _believer(self, cue: Span, *, in_label: bool = False) -> Token | None:
        """The subject of the verb of knowing; with none, the one it is said of ("led investigators to conclude")."""
        verb = self._belief_verb(cue, in_label=in_label)
        if verb is None:
            return None
        subject = subject_of(verb)
        if subject is None and verb.dep_ == "xcomp":
            subject = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if subject is not None and subject.dep_ == "pobj" and subject.head.head.dep_ == "attr":
            subject = subject.head.head  # "Fidelis was one of the firms that disclosed ...": Fidelis
        if subject is not None and subject.dep_ == "attr" and subject.head.pos_ in ("VERB", "AUX"):
            subject = subject_of(subject.head) or subject
        return subject

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
        believing = self._belief_verb(cue)  # "experts suspect X works for ...": the belief hedges it
        if (
            self._has(scope, "hedge", cue)
            or self._has(cue, "hedge")
            or (believing and self._has(believing.doc[believing.i : believing.i + 1], "hedge"))
        ):
            return Stance.hedged
        if self._second_hand(doc, cue, ctype, inner) or self._relayed(cue, ctype, quotes, claimant_name, by_id):
            return Stance.reported
        named_actor = claimant_name and any(a.text in claimant_name for a in doc.spans.get(ACTOR_SPANS, []))
        if claimant_name and not named_actor and contains_phrase(claimant_name.lower().split(), self.rules.anonymity):
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
        tok = cue.root  # "they were also said to be behind ...": relayed by no one
        while tok.dep_ in CLAUSE_INTERNAL_DEPS and tok.head.i != tok.i:
            if tok.dep_ == "xcomp" and is_passive(tok.head) and tok.head.lemma_.lower() in self.rules.reporting_verbs:
                return True
            tok = tok.head
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

    def _has(self, span: Span, table: str, cue: Span | None = None) -> bool:
        """Whether a phrase of the table (hedges, second-hand markers) lies inside ``span``.

        The table is searched once per document; each question is then a look-up in its hits.
        """
        doc = span.doc
        key = ("threatnews", f"claim_{table}")
        if key not in doc.user_data:
            doc.user_data[key] = [(s, e) for s, e, _ in self.tables[table].find(doc)]
        aside = aside_clauses(span, cue) if cue is not None else []  # a hedge set aside is not the cue's
        return any(
            span.start <= s and e <= span.end and not any(lo <= s and e <= hi for lo, hi in aside)
            for s, e in doc.user_data[key]
        )
