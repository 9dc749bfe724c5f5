"""Summary quotes: what was said, summarised by the reporter as a noun phrase or an infinitive rather than a
clause ("denied the report", "vowed to retaliate", "called for an inquiry", "called the mayor a liar").

The cue verbs and the forms their content takes are in ``data/summary_verbs.tsv``. The content is the verb's
object with the complements that go with it ("described the hack as sophisticated", "criticized Trump for his
comments"), its infinitive, or the object of "for"; the speaker is the verb's subject.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.data import read_rows

#: Prepositions after the object that belong to what was said: "criticized X for Y", "accused X of Y".
CONTENT_PREPS = frozenset({"for", "of", "as", "over", "about"})
#: Tags of the first word of an aside after the object: "Scott, who ...", "the plan, citing ...".
ASIDE_TAGS = frozenset({"WP", "WDT", "VBG", "VBN"})
OPENING_MARKS = frozenset({'"', "“", "‘"})
CLOSING_MARKS = frozenset({'"', "”", "’"})
DASHES = frozenset({"--", "—", "–"})
#: Conjunctions that open a clause about the circumstances, not what was said.
TAIL_MARKS = frozenset({"while", "because", "when", "after", "before", "since", "although", "though"})
#: Fewest words (determiners aside) of an object content.
MIN_WORDS = 2
#: Forms that are a preposition after the verb: "called for", "spoke about", "called on X to".
PREP_FORMS = frozenset({"for", "about", "on"})
#: Dependencies of the object and its complements.
OBJECT_DEPS = frozenset({"dobj", "dative", "oprd"})
#: Tags of a pronoun object ("denied it"): too little to be a summary of what was said.
PRONOUN_TAGS = frozenset({"PRP", "WP", "WDT", "DT", "EX"})


def summary_verbs() -> dict[str, frozenset[str]]:
    """Lemma → the forms its content takes (object, infinitive, for, label)."""
    return {row[0]: frozenset(f.strip() for f in row[1].split(",")) for row in read_rows("summary_verbs.tsv")}


def summary_content(verb: Token, forms: frozenset[str]) -> Span | None:
    """The content a summary cue verb reports, if it has one of its forms."""
    doc = verb.doc
    rights = [c for c in verb.rights if not c.is_punct]
    if not rights:
        return None
    if "infinitive" in forms:
        comp = next((c for c in rights if c.dep_ == "xcomp" and _is_infinitive(c)), None)
        if comp is not None and comp.left_edge.i == _next_word(verb):
            return _span(doc, comp.left_edge.i, comp.right_edge.i + 1)
    word = doc[_next_word(verb)] if _next_word(verb) < len(doc) else None
    if word is not None and word.lower_ in forms & PREP_FORMS:
        return _after_preposition(verb, word, rights)
    if "object" in forms or "label" in forms:
        obj = next((c for c in rights if c.dep_ == "dobj"), None)
        if obj is None and "label" in forms:  # "calls Clinton unqualified": the parser makes it a clause
            comp = next((c for c in rights if c.dep_ == "ccomp" and c.pos_ in ("ADJ", "NOUN")), None)
            if comp is not None and comp.left_edge.i == _next_word(verb):
                return _span(doc, comp.left_edge.i, comp.right_edge.i + 1)
        if obj is None or obj.left_edge.i != _next_word(verb):
            return None
        label = next((c for c in rights if c.dep_ in ("oprd", "ccomp") and c.i > obj.i), None)
        quoted = obj.right_edge.i + 1 < len(doc) and doc[obj.right_edge.i + 1].text in OPENING_MARKS
        if obj.tag_ in PRONOUN_TAGS and label is None and not quoted:
            return None  # "denied it": too little; "called her “weak”" is enough
        if "label" in forms and "object" not in forms and label is None and not quoted:
            return None
        end = _before_aside(obj)
        if label is not None:  # "called her vote in favor of the war a mistake"
            end = max(end, label.right_edge.i + 1)
        for child in rights:
            if child.i < end or doc[end].is_punct:
                continue
            if child.left_edge.i != end or not _complement(child):
                break
            end = child.right_edge.i + 1
        end = _through_quotation(doc, end, verb.sent.end)
        if sum(not t.is_punct and t.dep_ != "det" for t in doc[obj.left_edge.i : end]) < MIN_WORDS:
            return None  # "announced plans": too little to say what was said
        return _span(doc, obj.left_edge.i, end)
    return None


def _after_preposition(verb: Token, word: Token, rights: list[Token]) -> Span | None:
    """What follows "called for", "spoke about", "called on" (with the infinitive after its object: "called on
    Congress to act")."""
    doc = verb.doc
    if word.dep_ == "prep":
        end = word.right_edge.i + 1
    elif word.dep_ == "mark" and word.head.head.i == verb.i:  # "called for compensation to be clawed back"
        end = word.head.right_edge.i + 1
    else:
        return None
    for child in rights:
        if child.i >= end and child.left_edge.i == end and child.dep_ in ("xcomp", "advcl", "ccomp"):
            end = child.right_edge.i + 1
    if end - word.i - 1 < 1:
        return None
    return _span(doc, word.i + 1, end)


def _before_aside(obj: Token) -> int:
    """Where the object ends: before a relative clause or participle set off by a comma ("Scott, who ...")."""
    doc = obj.doc
    end = obj.right_edge.i + 1
    for tok in doc[obj.i + 1 : end - 1]:
        after = doc[tok.i + 1]
        if tok.text == "," and (after.tag_ in ASIDE_TAGS or after.lower_ == "whose"):
            return tok.i
    return end


def _through_quotation(doc: Doc, end: int, limit: int) -> int:
    """A quotation right after the content is part of it: 'called the holiday “a celebration ...”'."""
    if end >= limit or doc[end].text not in OPENING_MARKS:
        return end
    for tok in doc[end + 1 : limit]:
        if tok.text in CLOSING_MARKS:
            return tok.i + 1
    return end


def _next_word(verb: Token) -> int:
    """The first token after the verb that is not an adverb or a particle ("vowed again to ...")."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].dep_ in ("advmod", "prt") and doc[i].head.i == verb.i:
        i += 1
    return i


def _is_infinitive(comp: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children) and comp.pos_ in ("VERB", "AUX")


def _complement(child: Token) -> bool:
    """A complement of the object that is part of what was said: "a liar", "for Y", "as sophisticated"."""
    if child.dep_ in OBJECT_DEPS:
        return True
    if child.dep_ == "prep":
        return child.lower_ in CONTENT_PREPS
    return child.dep_ in ("advcl", "ccomp") and child.left_edge.lower_ == "as"


def _span(doc: Doc, start: int, end: int) -> Span | None:
    """The content from ``start`` to ``end`` without trailing punctuation or a trailing date ("on Tuesday"),
    ending before a dash or a subordinate clause ("... while at the convention", "... because he was born")."""
    for tok in doc[start + 1 : end]:
        if tok.text in DASHES or (tok.dep_ == "mark" and tok.head.dep_ == "advcl" and tok.lower_ in TAIL_MARKS):
            end = tok.i
            break
    last = doc[end - 1] if end > start else None
    if last is not None and last.ent_type_ in ("DATE", "TIME") and last.head.dep_ == "prep":
        prep = last.head
        if prep.right_edge.i == end - 1 and prep.i > start:
            end = prep.i
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in {'"', "”"} or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None
