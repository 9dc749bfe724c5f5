"""Groups in no list that the article names itself: "a group calling itself X", "the hacktivist group X",
"X, a hacking group", "the X hacking collective" (the phrases and nouns are in ``data/actor_naming_patterns.json``).

A name found this way becomes an actor with ``source="text-pattern"`` and a stable id from its normalised name;
every other occurrence of the same name in the article counts, and so does the surname alone of a persona shaped
like a person's name ("a fake persona named X Y" ... "Y's messages"). Guards keep single people and malware out:
a self-naming phrase counts only right after a group noun ("a hacker known as X" is one person, "malware dubbed X"
is a tool), and a name never takes the place of a listed actor, an organisation or a country word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pipeline.data import read_json
from pipeline.nlp.annotations import THREAT_ACTOR
from pipeline.nlp.gazetteer.model import fold, slug

#: Source of actors named by a pattern in the text.
TEXT_PATTERN = "text-pattern"
#: Words the group noun may be separated from a self-naming phrase by ("a group that calls itself").
_BETWEEN_POS = frozenset({"PUNCT", "ADV", "AUX", "PRON", "SCONJ", "DET", "ADP", "PART", "ADJ"})
_OPEN_QUOTES = frozenset({'"', "“", "‘", "'", "«"})
_NOT_NAMES = frozenset({"GPE", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_LOOK_BACK = 4
_MAX_NAME = 5
_MAX_LIST = 8
_LIST_GLUE = frozenset({",", "and", "or", "the", ";"})


@dataclass(frozen=True)
class NamedGroup:
    id: str
    name: str
    kind: str


class NamingPatterns:
    """Finds self-named groups in one Doc (see the module docstring)."""

    def __init__(self, vocab, tokenizer, countries: dict[str, str]) -> None:  # noqa: ANN001
        table = read_json("actor_naming_patterns.json")
        self.nouns: dict[str, str] = table["group_nouns"]
        self.modifiers: dict[str, str] = table["modifiers"]
        self.name_before = frozenset(table["name_before"])
        self.short_form_nouns = frozenset(table["short_form_nouns"])
        self.stopwords = frozenset(table["name_stopwords"])
        self.countries = countries
        self.self_naming = PhraseMatcher(vocab, attr="LOWER")
        self.self_naming.add("self", list(tokenizer.pipe(table["self_naming"])))
        plurals = [n for n, kind in self.nouns.items() if n.endswith("s") and n != "groups"]
        phrases = [f"{m} {n}" for m in self.modifiers for n in self.nouns]
        phrases += [f"{n} of {p}" for n in self.nouns if not n.endswith("s") for p in plurals]
        self.group_phrases = PhraseMatcher(vocab, attr="LOWER")
        self.group_phrases.add("group", list(tokenizer.pipe(phrases)))
        lists = [f"{n} {o}" for n in self.nouns if n.endswith("s") for o in table["list_openers"]]
        self.list_phrases = PhraseMatcher(vocab, attr="LOWER")
        self.list_phrases.add("list", list(tokenizer.pipe(lists)))

    def find(self, doc: Doc, taken: set[int]) -> tuple[list[Span], dict[str, NamedGroup]]:
        """Mentions of self-named groups (none of them on a ``taken`` token) and the groups by id."""
        found: dict[str, tuple[NamedGroup, str | None]] = {}
        for _, start, end in self.self_naming(doc):
            kind = self._group_before(doc, start)
            if kind is not None:
                self._add(doc, self._name_after(doc, end), kind[0], kind[1], taken, found)
        for _, start, end in self.group_phrases(doc):
            kind = self._kind_of(doc[start:end])
            self._add(doc, self._name_after(doc, end), kind, None, taken, found)
            if doc[start].lower_ in self.name_before:
                self._add(doc, self._name_before(doc, start, apposition=False), kind, None, taken, found)
            self._add(doc, self._apposition(doc, start), kind, None, taken, found)
        for _, start, end in self.list_phrases(doc):
            kind = self._kind_of(doc[max(0, start - 1) : start + 1])
            for name in self._list_after(doc, end):
                self._add(doc, name, kind, None, taken, found)
        return self._mentions(doc, found, taken), {g.id: g for g, _ in found.values()}

    # -- the patterns --------------------------------------------------------------------------------
    def _group_before(self, doc: Doc, start: int) -> tuple[str, str] | None:
        """(kind, noun) of a group noun just before a self-naming phrase, with only function words between."""
        lo = max(doc[start].sent.start, start - _LOOK_BACK)
        for i in range(start - 1, lo - 1, -1):
            tok = doc[i]
            if tok.lower_ in self.nouns:
                return self._kind_of(doc[max(lo, i - 1) : i + 1]), tok.lower_
            if tok.pos_ not in _BETWEEN_POS and tok.lower_ not in self.modifiers:
                return None
        return None

    def _kind_of(self, words: Span) -> str:
        kinds = [self.modifiers.get(t.lower_) or self.nouns.get(t.lower_) for t in words]
        return next((k for k in kinds if k and k != "unknown"), "unknown")

    def _name_after(self, doc: Doc, i: int) -> Span | None:
        """The capitalised name starting at ``i`` (after an optional lower-case "the" and an opening quote)."""
        sent_end = doc[i - 1].sent.end
        if i < sent_end and doc[i].text == "the":
            i += 1
        if i < sent_end and doc[i].text in _OPEN_QUOTES:
            i += 1
        end = i
        while end < min(sent_end, i + _MAX_NAME) and _name_word(doc[end], end == i):
            end += 1
        return doc[i:end] if end > i else None

    def _list_after(self, doc: Doc, i: int) -> list[Span]:
        """Names listed after "groups such as" or "hackers (": "X, Y and Z", quoted or not."""
        out: list[Span] = []
        sent_end = doc[i - 1].sent.end
        while i < sent_end and len(out) < _MAX_LIST:
            while i < sent_end and (doc[i].text in _LIST_GLUE or doc[i].text in _OPEN_QUOTES or doc[i].is_quote):
                i += 1
            name = self._name_after(doc, i) if i < sent_end else None
            if name is None:
                break
            out.append(name)
            i = name.end
        return out

    def _name_before(self, doc: Doc, end: int, *, apposition: bool) -> Span | None:
        """The capitalised name ending just before ``end``; a lone word opening the sentence is not one."""
        start = end
        lo = max(doc[end - 1].sent.start if end > 0 else 0, end - _MAX_NAME)
        while start > lo and _name_word(doc[start - 1], False):
            start -= 1
        if start < end and doc[start].text == "The" and doc[start].is_sent_start:
            start += 1  # a sentence's own "The", not the name's
        if start == end or (end - start == 1 and doc[start].is_sent_start and not apposition):
            return None
        return doc[start:end]

    def _apposition(self, doc: Doc, start: int) -> Span | None:
        """ "X, a (loosely organised) hacking group": the name before the comma."""
        i = start - 1
        while i > start - 4 and i > 0 and doc[i].is_lower and doc[i].lower_ not in ("a", "an"):
            i -= 1
        if i < 2 or doc[i].lower_ not in ("a", "an") or doc[i - 1].text != ",":
            return None
        return self._name_before(doc, i - 1, apposition=True)

    # -- names and their mentions --------------------------------------------------------------------
    def _add(
        self,
        doc: Doc,
        span: Span | None,
        kind: str,
        noun: str | None,
        taken: set[int],
        found: dict[str, tuple[NamedGroup, str | None]],
    ) -> None:
        if span is None or not self._is_name(span, taken):
            return
        text = span.text.removesuffix("'s").removesuffix("’s").strip()
        base = re.sub(r"^the\s+", "", fold(text))
        key = slug(base)
        if key not in found:
            short = span[-1].text if noun in self.short_form_nouns and len(span) == 2 and span.text.istitle() else None
            found[key] = (NamedGroup(key, text, kind), short)

    def _is_name(self, span: Span, taken: set[int]) -> bool:
        words = [t for t in span if t.text not in self.stopwords]
        if len(span) == 1 and re.fullmatch(r"[A-Z]{2,}s", span.text):
            return False  # a plural initialism ("APTs", "TTPs") names a kind of thing, not a group
        if not words or any(t.i in taken for t in span):
            return False
        if fold(span.text) in self.countries or all(fold(t.text) in self.countries for t in words):
            return False
        return not all(t.ent_type_ in _NOT_NAMES for t in words)

    def _mentions(self, doc: Doc, found: dict[str, tuple[NamedGroup, str | None]], taken: set[int]) -> list[Span]:
        spans: list[Span] = []
        used: set[int] = set(taken)
        text = doc.text
        for group, short in found.values():
            for form in (group.name, short):
                if not form:
                    continue
                for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                    span = doc.char_span(m.start(), m.end())
                    if span is None or used.intersection(range(span.start, span.end)):
                        continue
                    used.update(range(span.start, span.end))
                    spans.append(Span(doc, span.start, span.end, label=THREAT_ACTOR, kb_id=group.id))
        return spans


def _name_word(tok, first: bool) -> bool:  # noqa: ANN001
    """A word that can be part of a name: capitalised, or a number or code after the first word."""
    if tok.is_punct or tok.is_space or tok.text in ("'s", "’s"):
        return False
    if tok.text[:1].isupper():
        return True
    return not first and (tok.like_num or any(ch.isdigit() for ch in tok.text))


def bound_abbreviations(doc: Doc, actors: list[Span], taken: set[int]) -> list[Span]:
    """An abbreviation in brackets right after an actor's name ("The Dark Overlord (TDO)") names the same actor
    for the rest of the article: its initials, with or without a leading "The", or its first letter."""
    out: list[Span] = []
    orths = None
    for span in actors:
        end = span.end
        if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
            continue
        abbr = doc[end + 1]
        initials = "".join(w[0] for w in span.text.split()).upper()
        if not (abbr.is_upper and abbr.is_alpha and 2 <= len(abbr) <= 6) or abbr.i in taken:
            continue
        if abbr.text not in (initials, initials[1:]) and abbr.text[0] != span.text[0].upper():
            continue
        orths = doc.to_array([ORTH]).reshape(-1) if orths is None else orths
        for i in numpy.flatnonzero(orths[end + 1 :] == abbr.orth) + end + 1:
            if int(i) not in taken:
                taken.add(int(i))
                out.append(Span(doc, int(i), int(i) + 1, label=THREAT_ACTOR, kb_id=span.kb_id_))
    return out


def inside_longer_name(span: Span) -> bool:
    """The name is the first part of a longer proper name: a capitalised noun it modifies follows."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and after.pos_ == "PROPN" and after.is_title and span.root.head.i == after.i


def acts_as_subject(span: Span, verbs: frozenset[str]) -> bool:
    """The name is the subject of an action verb ("Anonymous leaked ...")."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in verbs
