"""The tables the claim finder reads, loaded once per component, and how cue phrases become patterns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from pipeline.data import read_lines, read_rows
from pipeline.nlp.tables import country_names, state_words

#: Cue types whose lemma must be a verb ("attack" the verb, not "the attacks").
VERB_CUE_TYPES = frozenset({"agent", "target", "target_prep", "admission", "accusation"})
#: Cue types whose lemma must be a noun.
NOUN_CUE_TYPES = frozenset({"target_noun"})
LEMMA_PREFIX = "LEMMA:"

Phrase = tuple[str, ...]
#: What a phrase's first word is keyed by, in the order a token is tried, and the matching token columns.
FIRST_KEYS = ("LEMMA", "LOWER", "ORTH")
FIRST_ATTRS = [LEMMA, LOWER, ORTH]


@dataclass(frozen=True)
class ClaimRules:
    """Cue phrases, state names, hedges and word classes, from ``pipeline/data``."""

    cues: tuple[tuple[str, str, Phrase], ...]  # (kind, type, phrase tokens)
    states: dict[Phrase, str]  # phrase tokens → ISO code
    state_names: dict[str, str]  # ISO code of a claim-party state → the name the country table shows for it
    hedges: tuple[Phrase, ...]
    second_hand: tuple[Phrase, ...]
    words: dict[str, frozenset[str]]  # role → lemmas (claim_words.tsv)
    modals: frozenset[str]
    reporting_verbs: frozenset[str]
    anonymity: tuple[Phrase, ...]

    @classmethod
    def from_data(cls) -> ClaimRules:
        words: dict[str, set[str]] = {}
        for role, lemma in read_rows("claim_words.tsv"):
            words.setdefault(role, set()).add(lemma)
        states = {tuple(row.name.replace("'s", " 's").split()): row.iso2 for row in state_words()}
        return cls(
            cues=tuple((row[0], row[1], tuple(row[2].split())) for row in read_rows("claim_cues.tsv")),
            states=states,
            state_names={row.iso2: country_names()[row.iso2] for row in state_words()},
            hedges=_phrases("hedges.txt"),
            second_hand=_phrases("second_hand_markers.txt"),
            words={role: frozenset(lemmas) for role, lemmas in words.items()},
            modals=frozenset(read_lines("hypothetical_modals.txt")),
            reporting_verbs=frozenset(read_lines("reporting_verbs.txt")),
            anonymity=_phrases("anonymity_cues.txt"),
        )

    def word(self, role: str) -> frozenset[str]:
        """The lemmas of one word class of ``claim_words.tsv`` (empty if the table has none)."""
        return self.words.get(role, frozenset())


def _phrases(name: str) -> tuple[Phrase, ...]:
    return tuple(tuple(p.split()) for p in read_lines(name))


def token_pattern(phrase: Phrase, ctype: str) -> list[dict[str, str]]:
    """A spaCy ``Matcher`` pattern for a cue phrase of the given type."""
    pattern: list[dict[str, str]] = []
    for word in phrase:
        if word.startswith(LEMMA_PREFIX):
            token = {"LEMMA": word[len(LEMMA_PREFIX) :]}
            if ctype in VERB_CUE_TYPES:
                token["POS"] = "VERB"
            elif ctype in NOUN_CUE_TYPES:
                token["POS"] = "NOUN"
            pattern.append(token)
        else:
            pattern.append({"LOWER": word})
    return pattern


class PhraseTable:
    """Find many short phrases in a Doc with one dictionary look-up per token.

    A spaCy ``Matcher`` with a couple of hundred one- and two-token patterns walks a state machine per
    pattern; keying the phrases by their first word (its lemma, lower-case form or exact text) and
    checking the rest only on a hit is several times cheaper, which keeps the claim stage within its
    share of spaCy's time.
    """

    def __init__(self, strings: StringStore, entries: list[tuple[list[dict[str, str]], object]]) -> None:
        # Keyed by the hash of the first word, as spaCy stores it on tokens (no string built per token).
        self.by_first: dict[tuple[str, int], list[tuple[list[dict[str, str]], object]]] = {}
        for pattern, payload in entries:
            attr, value = next((k, v) for k, v in pattern[0].items() if k != "POS")
            self.by_first.setdefault((attr, strings.add(value)), []).append((pattern, payload))
        self.first_keys = {
            attr: numpy.array(sorted(h for a, h in self.by_first if a == attr), dtype=numpy.uint64)
            for attr in FIRST_KEYS
            if any(a == attr for a, _ in self.by_first)
        }

    def find(self, doc: Doc, start: int = 0, end: int | None = None) -> list[tuple[int, int, object]]:
        """(start, end, payload) of every phrase in ``doc[start:end]``, in text order.

        The first words are found column-wise (``Doc.to_array`` and ``numpy.isin``) so no Token object is made
        for a token that starts no phrase; hits come out in the order a token-by-token scan gives: by token,
        then lemma before lower-case form before text, then table order.
        """
        end = len(doc) if end is None else end
        if end <= start:
            return []
        columns = doc.to_array(FIRST_ATTRS)[start:end]
        hits: list[tuple[int, int, int, int, object]] = []
        for rank, attr in enumerate(FIRST_KEYS):
            keys = self.first_keys.get(attr)
            if keys is None:
                continue
            column = columns[:, rank]
            for j in numpy.flatnonzero(numpy.isin(column, keys)).tolist():
                i = start + j
                for order, (pattern, payload) in enumerate(self.by_first[(attr, int(column[j]))]):
                    stop = i + len(pattern)
                    if stop <= end and all(_matches(doc[i + k], spec) for k, spec in enumerate(pattern)):
                        hits.append((i, rank, order, stop, payload))
        hits.sort(key=_hit_order)
        return [(i, stop, payload) for i, _, _, stop, payload in hits]


def _hit_order(hit: tuple[int, int, int, int, object]) -> tuple[int, int, int]:
    return hit[0], hit[1], hit[2]


def _matches(tok: Token, spec: dict[str, str]) -> bool:
    for attr, value in spec.items():
        actual = {"LEMMA": tok.lemma_, "LOWER": tok.lower_, "ORTH": tok.text, "POS": tok.pos_}[attr]
        if actual != value:
            return False
    return True


def contains_phrase(words: list[str], phrases: tuple[Phrase, ...]) -> bool:
    """Whether any phrase occurs as consecutive items of ``words`` (lower-case token texts)."""
    return any(tuple(words[i : i + len(p)]) == p for p in phrases for i in range(len(words) - len(p) + 1))
