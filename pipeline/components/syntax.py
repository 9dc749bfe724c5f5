"""Small facts about the parse that several components need, kept in one place."""

from __future__ import annotations

from spacy.tokens import Token

#: Dashes that end a dateline ("BERLIN — Germany on Thursday ...").
DATELINE_DASHES = frozenset({"—", "–", "-"})


def is_dateline(tok: Token) -> bool:
    """An upper-case place name before a dash at the start of a sentence: a dateline, not a subject."""
    doc = tok.doc
    return (
        tok.is_upper
        and tok.i - tok.sent.start <= 3
        and any(doc[j].text in DATELINE_DASHES for j in range(tok.i + 1, min(tok.i + 6, tok.sent.end)))
    )


def after_dateline(tok: Token) -> Token | None:
    """The subject the parser lost to a dateline: the first named entity after the dash."""
    doc = tok.doc
    dash = next((j for j in range(tok.i + 1, tok.sent.end) if doc[j].text in DATELINE_DASHES), None)
    if dash is None:
        return None
    for j in range(dash + 1, min(dash + 4, tok.sent.end)):
        if doc[j].ent_type_:
            ent = next((e for e in doc.ents if e.start <= j < e.end), None)
            return ent.root if ent is not None else doc[j]
    return None
