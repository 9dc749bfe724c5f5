"""Small facts about the parse that several components need, kept in one place."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

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
            ent = entity_of(doc[j])
            return ent.root if ent is not None else doc[j]
    return None


# -- per-document caches ---------------------------------------------------------------------------------
# ``Doc.text`` is rebuilt from the tokens and ``Doc.ents`` / ``Span.ents`` build a Span for every entity on
# each access; rule components ask for them hundreds of times per document, so they read them once here.
# The caches are filled after the entity labels are final (tn_actors runs first).
_TEXT = ("threatnews", "text")
_ENTS = ("threatnews", "ents")


def doc_text(doc: Doc) -> str:
    if _TEXT not in doc.user_data:
        doc.user_data[_TEXT] = doc.text
    return doc.user_data[_TEXT]


def doc_ents(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    """The document's entities and their start tokens (for bisect), read once."""
    if _ENTS not in doc.user_data:
        ents = tuple(doc.ents)
        doc.user_data[_ENTS] = (ents, [e.start for e in ents])
    return doc.user_data[_ENTS]


def entity_of(tok: Token) -> Span | None:
    """The entity a token belongs to, if any."""
    if not tok.ent_type:
        return None
    ents, starts = doc_ents(tok.doc)
    k = bisect_right(starts, tok.i) - 1
    return ents[k] if k >= 0 and ents[k].start <= tok.i < ents[k].end else None


def ents_within(span: Span) -> list[Span]:
    """The entities lying wholly inside ``span`` (what ``span.ents`` gives, without rebuilding them all)."""
    ents, starts = doc_ents(span.doc)
    lo = bisect_left(starts, span.start)
    out = []
    for ent in ents[lo:]:
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out
