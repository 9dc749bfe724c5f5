"""Language identification of a cleaned body, offline (py3langid ships its model in the package).

The body is what counts, not the page's ``lang`` attribute (often a site-wide default). A body too
short to judge falls back to the language the page or the source declared.
"""

from __future__ import annotations

from functools import cache

#: Characters of the body looked at: enough to judge, bounded for speed.
SAMPLE_CHARS = 4000
#: Shortest body judged by the classifier; shorter ones take the declared language.
MIN_CHARS = 40
#: The setting that accepts every language.
ANY_LANGUAGE = "any"


@cache
def _classify():  # noqa: ANN202  (py3langid has no type hints)
    import py3langid  # loads its packaged model on the first call, never from the network

    return py3langid.classify


def identify_language(text: str, declared: str | None = None) -> str | None:
    """The ISO 639-1 code of ``text``'s language (``en``), or ``declared`` when ``text`` is too short.

    Args:
        text: the cleaned body.
        declared: a language the page or source declared (``en-US`` is read as ``en``).
    """
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) >= MIN_CHARS:
        code, _score = _classify()(sample)
        return code
    return primary_subtag(declared)


def primary_subtag(tag: str | None) -> str | None:
    """``en-US`` → ``en``; None or blank → None."""
    if not tag or not tag.strip():
        return None
    return tag.strip().replace("_", "-").split("-", 1)[0].lower()


def language_accepted(language: str | None, wanted: str) -> bool:
    """Whether a document in ``language`` is processed when the settings ask for ``wanted``.

    A document whose language is unknown is processed (nothing says it is unsupported).
    """
    if wanted == ANY_LANGUAGE or language is None:
        return True
    return language == primary_subtag(wanted)
