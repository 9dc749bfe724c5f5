"""Small facts about the parse that several components need, kept in one place."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.nlp.annotations import CharSpan

#: Dependency labels of a verb's subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Tags of relative pronouns, whose antecedent is the real subject ("CISA, which said ...").
RELATIVE_TAGS = frozenset({"WDT", "WP"})
#: Dependencies whose subtree is a clause, not part of a name: their people are not the speaker.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp"})
#: Children of a noun that hold words of their own, not the noun's: clauses and appositions.
CLAUSE_OR_APPOSITION_DEPS = CLAUSE_DEPS | {"appos"}
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
# The entity cache is (re)filled by the component that finalises the entity labels (tn_actors calls
# :func:`cache_entities`); a Doc that never met it (a test's hand-built Doc) is cached on first use.
_TEXT = ("threatnews", "text")
_ENTS = ("threatnews", "ents")


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document (or taken from :func:`make_doc`)."""
    if _TEXT not in doc.user_data:
        doc.user_data[_TEXT] = doc.text
    return doc.user_data[_TEXT]


def make_doc(nlp: Language, text: str) -> Doc:
    """The tokenised ``text``, remembering the text itself: spaCy never changes it (``doc.text == text``),
    and rebuilding it from the tokens costs a few percent of a run."""
    doc = nlp.make_doc(text)
    doc.user_data[_TEXT] = text
    return doc


def _first(bound: tuple[int, int, int]) -> int:
    return bound[0]


def cache_entities(doc: Doc) -> None:
    """Record the document's final entities for :func:`doc_ents`, :func:`entity_of` and :func:`ents_within`."""
    doc.user_data[_ENTS] = tuple((e.start, e.end, e.label) for e in doc.ents)


def doc_ents(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    """The document's entities and their start tokens (for bisect), read once.

    The cache keeps plain offsets, not Spans: a Span refers back to its Doc, and a Doc holding Spans of
    itself in ``user_data`` is a reference cycle that only the garbage collector frees, late, with the
    Doc's arrays; in a long run that shows as growing memory.
    """
    if _ENTS not in doc.user_data:
        cache_entities(doc)
    bounds = doc.user_data[_ENTS]
    return tuple(Span(doc, s, e, label=label) for s, e, label in bounds), [s for s, _, _ in bounds]


def entity_of(tok: Token) -> Span | None:
    """The entity a token belongs to, if any."""
    if not tok.ent_type:
        return None
    doc = tok.doc
    if _ENTS not in doc.user_data:
        cache_entities(doc)
    bounds = doc.user_data[_ENTS]
    k = bisect_right(bounds, tok.i, key=_first) - 1
    if k >= 0 and bounds[k][0] <= tok.i < bounds[k][1]:
        s, e, label = bounds[k]
        return Span(doc, s, e, label=label)
    return None


def ents_within(span: Span) -> list[Span]:
    """The entities lying wholly inside ``span`` (what ``span.ents`` gives, without rebuilding them all)."""
    doc = span.doc
    if _ENTS not in doc.user_data:
        cache_entities(doc)
    bounds = doc.user_data[_ENTS]
    lo = bisect_left(bounds, span.start, key=_first)
    out = []
    for s, e, label in bounds[lo:]:
        if s >= span.end:
            break
        if e <= span.end:
            out.append(Span(doc, s, e, label=label))
    return out


# -- noun phrases, clauses and character spans -------------------------------------------------------------


def noun_phrase(head: Token) -> Span:
    """A mention's noun phrase: the head with its left modifiers and an "of" complement.

    Relative clauses, appositives and participles on the right are left out, so the mention of
    "Dakota Cary, a China expert at ..." is "Dakota Cary".
    """
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if head.ent_type_:  # keep a named entity whole: "the Canadian Centre for Cyber Security"
        ent = entity_of(head)
        end = max(end, ent.end)
        start = min(start, ent.start)
    for child in head.rights:
        if child.i < end:
            continue
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            end = phrase_end(obj) if obj is not None else child.i + 1
        elif child.dep_ in ("compound", "flat"):
            end = child.i + 1
        elif child.dep_ == "amod":  # "people familiar with the matter"
            end = child.right_edge.i + 1
        else:
            break
    if head.ent_type_ != "PERSON":
        end = named_holder(head, end)
        if end == head.i + 1 and head.pos_ != "PROPN":  # "Special Agent [in Charge Hope Rivers]"
            end = max(end, proper_tail(head))
    return doc[start:end]


def proper_tail(head: Token) -> int:
    """The end of a run of title-case proper nouns closing a title's own words ("in Charge Hope Rivers")."""
    doc = head.doc
    last = head.right_edge.i
    if last == head.i or any(t.dep_ in CLAUSE_DEPS for t in doc[head.i + 1 : last + 1]):
        return head.i + 1
    run = 0
    for tok in reversed(doc[head.i + 1 : last + 1]):
        if tok.pos_ == "PROPN" and tok.is_title:
            run += 1
        else:
            break
    return last + 1 if run >= 2 else head.i + 1


#: Right-hand children that are part of a noun's own words in every phrase rule.
NOUN_TAIL_DEPS = frozenset({"compound", "flat", "cc"})
#: Right-hand modifiers a mention keeps ("[officials] familiar", "[unit] 26165").
MODIFIER_DEPS = frozenset({"amod", "nummod"})


def phrase_end(tok: Token, *, modifiers: bool = True, of_complement: bool = False) -> int:
    """The end of a noun's own words: itself, its compounds and coordinated nouns, never a clause.

    Args:
        tok: the noun.
        modifiers: keep right-hand adjectives and numbers (a mention's words); off for a subject's words.
        of_complement: keep an "of" complement whole ("the Ministry of State Security"): for subjects and
            parties of a claim, where the parser hangs the name's rest on "of".
    """
    tail = NOUN_TAIL_DEPS | MODIFIER_DEPS if modifiers else NOUN_TAIL_DEPS
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in tail:
            end = child.i + 1
        elif child.dep_ == "conj":
            end = phrase_end(child, modifiers=modifiers, of_complement=of_complement)
        elif of_complement and child.dep_ == "prep" and child.lower_ == "of":
            end = child.right_edge.i + 1
        else:
            break
    return end


def phrase_words(tok: Token) -> str:
    """A subject's words: the noun with its left modifiers, coordinated nouns ("X and Y") and an "of"
    complement, without determiners and what follows them ("Australia and seven allies [on Tuesday]")."""
    doc = tok.doc
    start, end = tok.left_edge.i, phrase_end(tok, modifiers=False, of_complement=True)
    while start < end and (doc[start].is_punct or doc[start].dep_ == "det"):
        start += 1
    return doc[start:end].text


def named_holder(head: Token, end: int) -> int:
    """Extend a title to the person holding it: "A spokesperson for the embassy, Zhao Yiming",
    "FBI Special Agent in Charge Hope Rivers" (the parser often makes the title the head)."""
    stack = [c for c in head.rights if c.dep_ not in CLAUSE_DEPS]
    holder_end = end
    while stack:
        tok = stack.pop()
        if tok.ent_type_ == "PERSON":
            ent = entity_of(tok)
            holder_end = max(holder_end, ent.end)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSE_DEPS)
    return holder_end


def clause_span(doc: Doc, verb: Token) -> Span | None:
    """The clause headed by ``verb``, without its complementizer ("that") or trailing punctuation."""
    start, end = verb.left_edge.i, verb.right_edge.i + 1
    while start < end and (doc[start].dep_ == "mark" or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in {'"', "”", "’"}:
        end -= 1
    if end - start <= 0:
        return None
    return doc[start:end]


def trim_end(sent: Span) -> int:
    """A sentence's end without trailing white space and punctuation (closing quote marks stay)."""
    end = sent.end
    doc = sent.doc
    while end > sent.start and (
        doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in {'"', "”"})
    ):
        end -= 1
    return end


def char_offsets(span: Span | None) -> CharSpan | None:
    return (span.start_char, span.end_char) if span is not None else None


def overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# -- subjects and agents --------------------------------------------------------------------------------------


def first_subject(verb: Token) -> Token | None:
    """The verb's first subject child, if any."""
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def subtree_bounds(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb; for a relative clause ("CISA, which urged"), the noun it modifies."""
    subject = first_subject(verb)
    if subject is not None and subject.tag_ in RELATIVE_TAGS:
        for above in (verb, *verb.ancestors):  # "Flax Typhoon, which the FBI says is sponsored by ..."
            if above.dep_ == "relcl":
                return above.head
        return subject
    if subject is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    return subject


def agent_of(verb: Token) -> Token | None:
    """The "by X" agent of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None
