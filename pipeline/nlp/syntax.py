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
    """The document's entities and their start tokens (for bisect), read once.

    The cache keeps plain offsets, not Spans: a Span refers back to its Doc, and a Doc holding Spans of
    itself in ``user_data`` is a reference cycle that only the garbage collector frees, late, with the
    Doc's arrays; in a long run that shows as growing memory.
    """
    if _ENTS not in doc.user_data:
        doc.user_data[_ENTS] = tuple((e.start, e.end, e.label) for e in doc.ents)
    bounds = doc.user_data[_ENTS]
    return tuple(Span(doc, s, e, label=label) for s, e, label in bounds), [s for s, _, _ in bounds]


def entity_of(tok: Token) -> Span | None:
    """The entity a token belongs to, if any."""
    if not tok.ent_type:
        return None
    doc = tok.doc
    if _ENTS not in doc.user_data:
        doc_ents(doc)
    bounds = doc.user_data[_ENTS]
    k = bisect_right([s for s, _, _ in bounds], tok.i) - 1
    if k >= 0 and bounds[k][0] <= tok.i < bounds[k][1]:
        s, e, label = bounds[k]
        return Span(doc, s, e, label=label)
    return None


def ents_within(span: Span) -> list[Span]:
    """The entities lying wholly inside ``span`` (what ``span.ents`` gives, without rebuilding them all)."""
    doc = span.doc
    if _ENTS not in doc.user_data:
        doc_ents(doc)
    bounds = doc.user_data[_ENTS]
    lo = bisect_left([s for s, _, _ in bounds], span.start)
    out = []
    for s, e, label in bounds[lo:]:
        if s >= span.end:
            break
        if e <= span.end:
            out.append(Span(doc, s, e, label=label))
    return out
