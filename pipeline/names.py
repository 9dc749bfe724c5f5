"""Names as people write them: one place that says when two ways of writing a name are the same name."""

from __future__ import annotations

#: Possessive endings stripped from a name ("the FBI's" → "FBI"), straight and curly apostrophe.
POSSESSIVE_SUFFIXES = ("'s", "’s")
#: A leading article stripped from a name ("the Kremlin" → "Kremlin").
LEADING_ARTICLE = "the "


def bare_name(name: str) -> str:
    """A name without a leading "the" and a trailing possessive, case kept: "the FBI's" → "FBI"."""
    text = name.strip()
    for suffix in POSSESSIVE_SUFFIXES:
        text = text.removesuffix(suffix)
    if text[: len(LEADING_ARTICLE)].lower() == LEADING_ARTICLE:
        text = text[len(LEADING_ARTICLE) :]
    return text


def name_key(name: str) -> str:
    """The key under which two spellings of one name compare equal (case-folded :func:`bare_name`)."""
    return bare_name(name.lower())
