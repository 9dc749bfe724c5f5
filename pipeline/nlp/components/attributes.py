"""``tn_attributes``: the model's own attribute rules (tag → POS and morphology, lemma exceptions), applied
by dictionary look-up instead of spaCy's ``Matcher``.

The English pipelines ship an ``attribute_ruler`` of about 180 token patterns. Run through a ``Matcher``
it costs about a tenth of the whole pipeline, more than all our rule stages together; nearly every pattern
is one token keyed by its tag, lower-case form or dependency, so an index from those values to the
patterns finds the same matches for a fraction of the time. This component takes the patterns and the
normalised attributes from the model's ``attribute_ruler`` when it is built, matches them the same way and
applies them in the same order with spaCy's own ``set_token_attrs``, so every token ends with exactly the
POS, morphology and lemma the original would give (a test compares them on the corpus).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.attrs import DEP, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

#: The pipe whose rules this component takes over.
SOURCE_PIPE = "attribute_ruler"
#: Token attributes a pattern may test, as the Matcher reads them.
TOKEN_VALUES: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
#: The Doc columns read for the look-up keys, in the order of the loop in ``FastAttributes.__call__``.
KEY_ATTRS = [TAG, LOWER, DEP]
#: Attributes a pattern can be indexed by, most selective first ("gets" before VBZ).
INDEX_KEYS: tuple[str, ...] = ("LOWER", "DEP", "TAG")

Spec = dict[str, object]
Rule = tuple[int, list[Spec]]  # (attribute id: the order the ruler added it, token specs; [] = found by key)


@Language.factory("tn_attributes", assigns=["token.pos", "token.morph", "token.lemma"], default_config={})
def make_fast_attributes(nlp: Language, name: str) -> FastAttributes:
    ruler = nlp.get_pipe(SOURCE_PIPE)
    if not isinstance(ruler, AttributeRuler):
        raise TypeError(f"{SOURCE_PIPE} is a {type(ruler).__name__}, not an AttributeRuler")
    return FastAttributes(nlp, name=name, ruler=ruler)


class FastAttributes:
    """Apply an ``AttributeRuler``'s patterns through an index on tag, lower-case form and dependency."""

    def __init__(self, nlp: Language, *, name: str, ruler: AttributeRuler) -> None:
        self.name = name
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        strings = nlp.vocab.strings
        self.indexed: dict[tuple[str, int], list[Rule]] = {}
        self.generic: list[Rule] = []
        for number, entry in enumerate(ruler.patterns):  # in the ruler's order: number = its attribute id
            for pattern in entry["patterns"]:
                rule = (number, [_compile(spec) for spec in pattern])
                keys = _index_keys(pattern[0])
                if not keys:
                    self.generic.append(rule)
                if len(pattern) == 1 and len(pattern[0]) == 1 and keys:
                    rule = (number, [])  # the look-up itself is the whole test ("TAG": "NN")
                for attr, value in keys:
                    self.indexed.setdefault((attr, strings.add(value)), []).append(rule)

    def __call__(self, doc: Doc) -> Doc:
        matches: list[tuple[int, int, int]] = []
        get = self.indexed.get
        n = len(doc)
        generic = self.generic
        # The keys come column-wise from the Doc's arrays: no Token is made for a look-up that finds nothing.
        for i, (tag, lower, dep) in enumerate(doc.to_array(KEY_ATTRS).tolist()):
            for found in (get(("TAG", tag)), get(("LOWER", lower)), get(("DEP", dep)), generic):
                if not found:
                    continue
                for number, specs in found:
                    if not specs:
                        matches.append((number, i, i + 1))
                    elif len(specs) == 1:
                        if _test(doc[i], specs[0]):
                            matches.append((number, i, i + 1))
                    elif i + len(specs) <= n and all(_test(doc[i + k], spec) for k, spec in enumerate(specs)):
                        matches.append((number, i, i + len(specs)))
        matches.sort()  # the ruler's order: later rules have precedence
        indices, attrs = self.indices, self.attrs
        for number, start, end in matches:
            index = indices[number]  # into the match, as the ruler reads it (negative from its end)
            set_token_attrs(doc[start + index if index >= 0 else end + index], attrs[number])
        return doc


def _index_keys(first: dict[str, object]) -> list[tuple[str, str]]:
    """The values a pattern's first token can be found by: one exact value, or each value of an IN list."""
    for attr in INDEX_KEYS:
        value = first.get(attr)
        if isinstance(value, str):
            return [(attr, value)]
    for attr in INDEX_KEYS:
        value = first.get(attr)
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [(attr, v) for v in value["IN"]]
    return []


def _compile(spec: dict[str, object]) -> Spec:
    """A token spec with its IN/NOT_IN lists as sets and its REGEX compiled."""
    out: Spec = {}
    for attr, value in spec.items():
        if attr not in TOKEN_VALUES:
            raise ValueError(f"attribute pattern tests {attr}, which tn_attributes does not know")
        if isinstance(value, dict):
            (op, arg), *rest = value.items()
            if rest or op not in ("IN", "NOT_IN", "REGEX"):
                raise ValueError(f"attribute pattern operator {value} is not supported")
            out[attr] = (op, re.compile(arg) if op == "REGEX" else frozenset(arg))
        else:
            out[attr] = ("==", value)
    return out


def _test(tok: Token, spec: Spec) -> bool:
    for attr, (op, arg) in spec.items():
        value = TOKEN_VALUES[attr](tok)
        if op == "==":
            ok = value == arg
        elif op == "IN":
            ok = value in arg
        elif op == "NOT_IN":
            ok = value not in arg
        else:
            ok = arg.search(value) is not None
        if not ok:
            return False
    return True
