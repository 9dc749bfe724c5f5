"""Who the claimants are and how many independent sources an entry has: the ledger's summary an analyst can trust.

**Claimant type** (:func:`claimant_type`), in this order: a claim in the article's own voice is ``media`` (the
outlet says it); a claimant tied to the state the claim names as party (an agency of that country the record
lists, or a name or affiliation with that state's word: "China", "the Chinese embassy") is ``accused state``;
one that is (or speaks for) an organisation the record lists takes that organisation's kind (``government`` for
an agency, ``vendor``, ``media``); an anonymous speaker is ``anonymous``; a body named with a state and a
government word ("U.S. officials" when not anonymous, "Germany's foreign office"; words in
``data/claimant_words.tsv``) is ``government``; anyone else is ``other``.

**Claimant key** (:func:`claimant_identity`): a claimant tied to a listed organisation is that organisation
("the FBI", "FBI officials", "the bureau" when the record resolves it to the FBI: one claimant); a person
keeps their name (and their affiliation is listed with them).

**Independent sources** (:class:`Reprints`): attributions whose evidence is the same sentence once case,
punctuation and spacing are ignored, or shares its first :data:`LEAD_WORDS` words, come from one story
(a wire report reprinted by several sites) and count once.

**Consensus** (:func:`consensus`), the first rule that holds:

1. ``denied only``: denials and no attribution;
2. ``contested``: attributions and a denial listed under the entry (one naming this actor, or one denying
   the party's involvement in an article that ties this actor to it);
3. ``attributed by >= 2 governments``: two or more distinct government claimants;
4. ``government-attributed``: one government claimant;
5. ``vendor-only``: every typed claimant is a security vendor;
6. ``media-only``: only the articles' own voice or media organisations;
7. ``reported``: anything else (people, anonymous sources, other bodies).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from models import ArticleRecord, Claim, Organization, Speaker, SpeakerKind
from pipeline.data import read_rows
from pipeline.nlp.tables import countries

#: Words of the evidence compared to tell a reprint: its opening words.
LEAD_WORDS = 12
#: Most evidence fingerprints remembered per entry; past it, new ones count as independent (bounded memory).
MAX_FINGERPRINTS = 20_000
#: Government words that make a state-named claimant a government body.
WORDS_TABLE = "claimant_words.tsv"
#: Organisation kinds as claimant types.
ORG_TYPES = {"agency": "government", "vendor": "vendor", "media": "media"}
_WORD = re.compile(r"\w+")


@cache
def _whole_word(form: str) -> re.Pattern[str]:
    """``form`` as a whole-word pattern, compiled once per form (claims ask for the same few names again)."""
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")


def _org_named(record: ArticleRecord, *names: str | None) -> Organization | None:
    """The record's organisation named by any of ``names`` (its canonical name, or one of its mentions, or a
    name that contains one: "FBI officials" → FBI)."""
    wanted = [n.casefold() for n in names if n]
    if not wanted:
        return None
    for org in record.organizations:
        forms = {org.name.casefold(), *(m.text.casefold() for m in org.mentions)}
        for name in wanted:
            if name in forms or any(_whole_word(form).search(name) for form in forms if form):
                return org
    return None


def claimant_org(record: ArticleRecord, claim: Claim, speaker: Speaker | None) -> Organization | None:
    """The listed organisation the claimant is or speaks for, if any."""
    org = _org_named(record, claim.claimant_name, speaker.name if speaker else None)
    if org is None and speaker is not None:
        org = _org_named(record, speaker.affiliation)
    return org


@cache
def _state_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each state word of the country table (names, demonyms, capitals) as a whole-word pattern, with its code."""
    return tuple((re.compile(rf"(?<!\w){re.escape(row.name)}(?!\w)"), row.iso2) for row in countries())


@cache
def _government_words() -> re.Pattern[str]:
    phrases = sorted({word for role, word in read_rows(WORDS_TABLE) if role == "government"}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)", re.IGNORECASE)


def states_named(*texts: str | None) -> set[str]:
    """The ISO codes of the states ``texts`` name (case-sensitive whole words, as the claim rules match them)."""
    return {code for text in texts if text for pattern, code in _state_words() if pattern.search(text)}


def claimant_type(record: ArticleRecord, claim: Claim, speaker: Speaker | None, *, party_country: str | None) -> str:
    """The claimant's type (see the module docstring)."""
    if not claim.claimant_name and speaker is None:
        return "media"
    name = claim.claimant_name or (speaker.name if speaker else None)
    affiliation = speaker.affiliation if speaker else None
    org = claimant_org(record, claim, speaker)
    named = states_named(name, affiliation)
    if party_country and (
        party_country in named or (org is not None and org.kind == "agency" and org.country == party_country)
    ):
        return "accused state"
    if org is not None:
        return ORG_TYPES.get(org.kind, "other")
    if speaker is not None and speaker.kind == SpeakerKind.anonymous:
        return "anonymous"
    if named and (
        _government_words().search(f"{name or ''} {affiliation or ''}")
        or (speaker is None or speaker.kind != SpeakerKind.person)
    ):
        return "government"
    return "other"


def claimant_identity(record: ArticleRecord, claim: Claim, speaker: Speaker | None) -> str | None:
    """One key per claimant across articles: the organisation's id when tied to one, else the folded name.

    A person stays a person (their own name), even when affiliated: two FBI officials are two claimants.
    """
    name = claim.claimant_name or (speaker.name if speaker else None)
    if not name:
        return None
    if speaker is None or speaker.kind != SpeakerKind.person:
        org = _org_named(record, claim.claimant_name, speaker.name if speaker else None)
        if org is not None:
            return "org:" + org.id
    return " ".join(re.sub(r"^(?:the|a|an)\s+", "", name.casefold().replace("’", "'")).split())


def fingerprints(evidence: str) -> tuple[str, str]:
    """Two keys of an evidence sentence: its words (case, punctuation, spacing ignored) and its opening words."""
    words = _WORD.findall(evidence.casefold())
    return " ".join(words), " ".join(words[:LEAD_WORDS])


@dataclass
class Reprints:
    """Counts attributions as independent sources, a reprinted sentence once."""

    seen: set[str] = field(default_factory=set)
    independent: int = 0

    def add(self, evidence: str) -> None:
        whole, lead = fingerprints(evidence)
        if whole in self.seen or (len(lead.split()) >= LEAD_WORDS and lead in self.seen):
            return
        self.independent += 1
        if len(self.seen) < MAX_FINGERPRINTS:
            self.seen.update((whole, lead))


def consensus(*, attributions: int, denials: int, types: dict[str, set[str]]) -> str:
    """The entry's consensus label; ``types`` maps a claimant type to the distinct claimants of that type."""
    if not attributions:
        return "denied only" if denials else "none"
    if denials:
        return "contested"
    governments = len(types.get("government", ()))
    if governments >= 2:
        return "attributed by >= 2 governments"
    if governments == 1:
        return "government-attributed"
    typed = {t for t, who in types.items() if who}
    if typed == {"vendor"}:
        return "vendor-only"
    if typed and typed <= {"media"}:
        return "media-only"
    return "reported"
