"""The roles of each government agency in an article, read from the parse around its mentions.

Each mention votes for at most one role (``data/agency_roles.json`` holds every word): the subject of an
operation verb, the ``by`` agent of one or the modifier of "hackers"/"penetration" is an ``attacker``; the modifier
of "tools"/"exploit", or the agent of "developed by", a ``tool_owner``; the object of "working for"/"a unit of",
or the agent of "sponsored by", a ``sponsor``; the object or passive subject of an attack verb a ``victim``; the
subject of investigating and warning verbs an ``investigator``; the subject of blaming and denying verbs a
``claimant`` (listed last: an agency is a claimant only when it does nothing else; plain "said" is no vote). An
agency's roles are those found, the most frequent first (ties in the table's priority order);
an agency with no vote gets the table's default. The rule reads one head and a few children per mention: cheap.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from pipeline.data import read_json

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE = frozenset({"nsubjpass", "csubjpass"})
_MODIFIERS = frozenset({"compound", "nmod", "poss", "amod"})


class AgencyRoles:
    """Votes of an agency's mentions for a role, and the roles of each agency in one Doc."""

    def __init__(self) -> None:
        table = read_json("agency_roles.json")
        self.subject_verbs = _invert(table["subject_verbs"])
        self.agent_verbs = _invert(table["agent_verbs"])
        self.passive_verbs = _invert(table["passive_subject_verbs"])
        self.object_verbs = _invert(table["object_verbs"])
        self.modified = _invert(table["modified_nouns"])
        self.light_verbs = frozenset(table["light_verbs"])
        self.attack_nouns = frozenset(table["attack_nouns"])
        self.try_verbs = frozenset(table["try_verbs"])
        self.subject_objects = frozenset(table["subject_objects"])
        self.person_nouns = frozenset(table["person_nouns"])
        self.preps = {(p["prep"], h): p["role"] for p in table["prepositions"] for h in p["heads"]}
        self.default: dict[str, str] = table["default"]
        self.priority: list[str] = table["priority"]
        self.state_organ: str = table["state_organ"]

    def roles(self, spans: list[Span], actors: list[Span] = ()) -> dict[str, list[str]]:
        """Agency id → its roles, the main one first; an agency whose mention carries a named actor's name with it
        ("Russia's GRU unit 26165, known as APT28") is that actor's sponsor there, never the attacker itself."""
        actor_tokens = {i for a in actors for i in range(a.start, a.end)}
        votes: dict[str, Counter[str]] = {}
        names: dict[str, str] = {}
        for span in spans:
            counter = votes.setdefault(span.kb_id_, Counter())
            names.setdefault(span.kb_id_, span.text.lower())
            edges = range(span.root.left_edge.i, span.root.right_edge.i + 1)
            role = "sponsor" if actor_tokens.intersection(edges) else self.vote(span)
            if role:
                counter[role] += 1
        out = {}
        for agency, counter in votes.items():
            if counter:
                # a claimant only when it does nothing else here; otherwise the most frequent role first
                out[agency] = sorted(counter, key=lambda r: (r == "claimant", -counter[r], self.priority.index(r)))
            else:
                word = next((w for w in self.default if w in names[agency]), None)
                out[agency] = [self.default[word] if word else "investigator"]
        return out

    def vote(self, span: Span) -> str | None:
        tok = span.root
        while tok.dep_ in ("conj", "appos") and tok.head is not tok:
            tok = tok.head
        for _ in range(2):  # a person acting for the agency ("a spokesperson for the X", "X officials") passes it on
            role, person = self._vote(tok)
            if person is None:
                return role
            tok = person
        return None

    def _vote(self, tok: Token) -> tuple[str | None, Token | None]:
        dep, head = tok.dep_, tok.head
        lemma = head.lemma_.lower()
        if dep in _MODIFIERS and head.pos_ in ("NOUN", "PROPN"):
            while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN") and head.head is not head:
                head = head.head  # "NSA hacking tools": the last noun of the compound decides
            if head.lower_ in self.person_nouns:
                return None, head
            return self.modified.get(head.lower_), None
        if dep in _SUBJECTS:
            return self._subject(head), None
        if dep in _PASSIVE:
            return self.passive_verbs.get(lemma), None
        if dep == "dobj":
            return self.object_verbs.get(lemma), None
        if dep == "pobj" and head.dep_ in ("agent", "prep"):
            prep, word = head.lower_, head.head
            if prep == "by":
                return self._agent(word), None
            if word.lower_ in self.person_nouns and prep in ("for", "of", "at", "from"):
                return None, word
            return self.preps.get((prep, word.lemma_.lower())) or self.preps.get((prep, word.lower_)), None
        return None, None

    def _subject(self, verb: Token) -> str | None:
        lemma = verb.lemma_.lower()
        if lemma in self.try_verbs:
            governed = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"), None)
            if governed is not None and governed.lemma_.lower() in self.subject_verbs:
                return self._subject(governed)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "prep")]
        objects += [g for c in objects if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        if lemma in self.light_verbs and any(c.lower_ in self.attack_nouns for c in objects):
            return "attacker"
        if lemma in ("be", "face", "suffer", "remain") and any(c.lower_ in self.subject_objects for c in objects):
            return "victim"
        return self.subject_verbs.get(lemma)

    def _agent(self, verb: Token) -> str | None:
        lemma = verb.lemma_.lower()
        purpose = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"), None)
        if purpose is not None and self.subject_verbs.get(purpose.lemma_.lower()) == "attacker":
            return "attacker"  # "tools used by the NSA to spy on ..."
        return self.agent_verbs.get(lemma)


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    return {word: role for role, words in table.items() for word in words}
