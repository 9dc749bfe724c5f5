"""Typed loaders for the tables in ``pipeline/data`` that several stages share: the one country table and the
function words (pronoun classes, prepositions) the rule components read.

Each table is read once per process (cached) and handed out frozen. Tables that belong to one component
(cue phrases, hedges, speaker head words) are loaded by that component's rules object.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pipeline.data import read_rows

#: Roles of the country rows the claim rules read as a state party of a claim.
PARTY_ROLES = frozenset({"state", "party"})
#: Roles of the rows that name a country for the gazetteer (sponsor countries, country-named agencies).
COUNTRY_ROLES = frozenset({"name", "state"})


@dataclass(frozen=True)
class CountryName:
    """One way news names a state: ``name`` (as written), its ISO alpha-2 code, and its role in the table."""

    name: str
    iso2: str
    role: str


@cache
def countries() -> tuple[CountryName, ...]:
    """Every row of ``countries.tsv``, in table order (a code's first row is its canonical noun name)."""
    return tuple(CountryName(name, iso2, role) for name, iso2, role in read_rows("countries.tsv"))


@cache
def country_names() -> dict[str, str]:
    """ISO alpha-2 → the name to show for it (the code's first row)."""
    names: dict[str, str] = {}
    for row in country_words():
        names.setdefault(row.iso2, row.name)
    return names


def state_words() -> tuple[CountryName, ...]:
    """The rows the claim rules match as a state party of a claim."""
    return tuple(row for row in countries() if row.role in PARTY_ROLES)


def country_words() -> tuple[CountryName, ...]:
    """The rows the gazetteer reads as a country's name (not the claim-only party words)."""
    return tuple(row for row in countries() if row.role in COUNTRY_ROLES)


@cache
def function_words() -> dict[str, frozenset[str]]:
    """Role → words, from ``function_words.tsv`` (pronoun classes and prepositions with a job in the rules)."""
    words: dict[str, set[str]] = {}
    for role, word in read_rows("function_words.tsv"):
        words.setdefault(role, set()).add(word)
    return {role: frozenset(ws) for role, ws in words.items()}


def words(role: str) -> frozenset[str]:
    """The words of one role of ``function_words.tsv``.

    Raises:
        KeyError: the table has no such role (a typo in a component, caught by the data tests).
    """
    return function_words()[role]
