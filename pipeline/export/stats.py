"""Counts over a run, for ``threatnews stats``: actors, speakers, claims, the ledger's top entries, quotes, errors.

The counting is plain data (:class:`RunStats`, Counters) so it can be tested and reused; the CLI turns it
into rich tables (:func:`stats_tables`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text

from models import ArticleRecord, ErrorRecord, LedgerEntry
from pipeline.export.ledger.build import LedgerBuilder


@dataclass
class RunStats:
    """What a run found, counted."""

    articles: int = 0
    actor_mentions: Counter[str] = field(default_factory=Counter)
    actor_articles: Counter[str] = field(default_factory=Counter)
    actor_country: dict[str, str] = field(default_factory=dict)
    actors_by_country: Counter[str] = field(default_factory=Counter)
    speaker_quotes: Counter[str] = field(default_factory=Counter)
    speaker_articles: Counter[str] = field(default_factory=Counter)
    claims_by_stance: Counter[tuple[str, str]] = field(default_factory=Counter)
    quotes_by_kind: Counter[str] = field(default_factory=Counter)
    errors_by_type: Counter[tuple[str, str]] | None = None
    ledger: list[LedgerEntry] = field(default_factory=list)


def compute_stats(records: Iterable[ArticleRecord], errors: Iterable[ErrorRecord] | None = None) -> RunStats:
    """Count actors (mentions, articles, by sponsor country), speakers by quotes, claims by kind and stance,
    quotes by kind and, when an errors file was read, errors by code and type.

    Speakers are counted by name across articles ("Dana Whitfield" in two articles is one row); an actor by
    its canonical id, shown with its preferred name. ``errors=None`` means no errors file was found, which
    is shown differently from an empty one.
    """
    stats = RunStats()
    ledger = LedgerBuilder(limit=1)  # the summaries only: no statement lists are needed here
    for record in records:
        ledger.add(record)
        stats.articles += 1
        for actor in record.actors:
            stats.actor_mentions[actor.name] += len(actor.mentions)
            stats.actor_articles[actor.name] += 1
            stats.actor_country[actor.name] = actor.country or "?"
        names = {s.id: s.name for s in record.speakers}
        for quote in record.quotes:
            stats.quotes_by_kind[quote.kind.value] += 1
            if quote.speaker_id in names:
                stats.speaker_quotes[names[quote.speaker_id]] += 1
        for name in set(names.values()):
            stats.speaker_articles[name] += 1
        for claim in record.claims:
            stats.claims_by_stance[(claim.kind.value, claim.stance.value)] += 1
    for country in stats.actor_country.values():
        stats.actors_by_country[country] += 1
    stats.ledger = ledger.entries()
    if errors is not None:
        stats.errors_by_type = Counter((e.code, e.error_type) for e in errors)
    return stats


#: Columns holding counts, right-aligned.
COUNT_COLUMNS = {"mentions", "articles", "actors", "quotes", "claims", "errors", "attributions", "denials"}


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold")
    for column in columns:
        table.add_column(column, justify="right" if column in COUNT_COLUMNS else "left")
    return table


def _or_none(table: Table, note: str = "(none)") -> Table | Text:
    """The table, or its title over ``note`` when it has no rows (a bare header reads as a broken table)."""
    if table.row_count:
        return table
    return Text.assemble((str(table.title), "bold"), "\n", note)


def stats_tables(stats: RunStats, *, top: int = 10) -> list[Table | Text]:
    """What ``threatnews stats`` prints: a rich table per section, most frequent first (ties by name), or
    the section's title and "(none)" when it has no rows."""
    tables = []
    actors = _table(f"Actors by mentions ({stats.articles} articles)", "actor", "country", "mentions", "articles")
    for name, mentions in sorted(stats.actor_mentions.items(), key=lambda kv: (-kv[1], kv[0])):
        actors.add_row(name, stats.actor_country[name], str(mentions), str(stats.actor_articles[name]))
    tables.append(_or_none(actors))

    countries = _table("Actors by country", "country", "actors", "mentions")
    for country, count in sorted(stats.actors_by_country.items(), key=lambda kv: (-kv[1], kv[0])):
        mentions = sum(m for name, m in stats.actor_mentions.items() if stats.actor_country[name] == country)
        countries.add_row(country, str(count), str(mentions))
    tables.append(_or_none(countries))

    speakers = _table(f"Top {top} speakers by quotes", "speaker", "quotes", "articles")
    for name, quotes in sorted(stats.speaker_quotes.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        speakers.add_row(name, str(quotes), str(stats.speaker_articles[name]))
    tables.append(_or_none(speakers))

    claims = _table("Claims by stance", "kind", "stance", "claims")
    for (kind, stance), count in sorted(stats.claims_by_stance.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        claims.add_row(kind, stance, str(count))
    tables.append(_or_none(claims))

    ledger = _table(
        f"Top {top} ledger entries by attributions", "actor", "party", "attributions", "denials", "consensus"
    )
    ranked = sorted(stats.ledger, key=lambda e: (-e.attributions, -e.denials, e.actor_name.casefold(), e.party.key))
    for entry in ranked[:top]:
        party = entry.party.country or entry.party.name
        ledger.add_row(entry.actor_name, party, str(entry.attributions), str(entry.denials), entry.consensus)
    tables.append(_or_none(ledger))

    quotes = _table("Quotes by kind", "kind", "quotes")
    for kind, count in sorted(stats.quotes_by_kind.items(), key=lambda kv: (-kv[1], kv[0])):
        quotes.add_row(kind, str(count))
    tables.append(_or_none(quotes))

    if stats.errors_by_type is None:
        tables.append(
            _or_none(_table("Errors by type", "type", "code", "errors"), "(no errors file beside the records)")
        )
    else:
        total = sum(stats.errors_by_type.values())
        errors = _table(f"Errors by type: {total}", "type", "code", "errors")
        for (code, error_type), count in sorted(stats.errors_by_type.items(), key=lambda kv: (-kv[1], kv[0])):
            errors.add_row(error_type, code, str(count))
        tables.append(_or_none(errors, "(none: every input became a record)"))
    return tables
