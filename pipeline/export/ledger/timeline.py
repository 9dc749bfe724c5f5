"""The report's ledger timeline: per actor, one lane per party, one mark per attribution (coloured by stance)
and per denial (a diamond; hollow when it names no actor), on one date axis shared by every actor.

Plain inline SVG: positions are SVG attributes (``cx``, ``points``), colours are classes of the report's
stylesheet, so the page needs no inline ``style`` (its Content-Security-Policy allows none). Undated
statements sit in their own column right of the axis. Each mark links to its claim in the article below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from models import LedgerEntry, LedgerStatement

#: SVG geometry (user units; the SVG scales to the page's width).
WIDTH, LABEL_W, AXIS_END, UNDATED_X, LANE_H, AXIS_H = 1000, 230, 890, 950, 30, 22
#: Most ticks on the date axis.
MAX_TICKS = 6
#: Longest evidence quoted in a mark's tooltip.
TOOLTIP_CHARS = 200


@dataclass
class Mark:
    x: float
    y: float
    stance: str
    denial: bool
    direct: bool
    href: str | None
    title: str
    claimant_type: str = "other"

    @property
    def type_class(self) -> str:
        """The CSS class of the claimant's type (the mark's ring)."""
        return "t-" + self.claimant_type.replace(" ", "-")

    @property
    def points(self) -> str:
        """A diamond around (x, y), for a denial."""
        x, y = self.x, self.y
        return f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"


@dataclass
class Lane:
    label: str
    detail: str
    y: float
    marks: list[Mark] = field(default_factory=list)


@dataclass
class ActorTimeline:
    actor_id: str
    name: str
    anchor: str
    note: str
    height: int
    lanes: list[Lane]


@dataclass
class Timeline:
    actors: list[ActorTimeline]
    ticks: list[tuple[float, str]]
    undated: bool
    width: int = WIDTH
    label_w: int = LABEL_W
    axis_end: int = AXIS_END
    undated_x: int = UNDATED_X
    axis_h: int = AXIS_H


def _ordinal(day: str) -> int | None:
    try:
        return date.fromisoformat(day).toordinal()
    except ValueError:
        return None


def _ticks(low: int, high: int, scale) -> list[tuple[float, str]]:  # noqa: ANN001 - ordinal -> x
    """Month (or year, over long spans) starts between ``low`` and ``high``, at most :data:`MAX_TICKS`."""
    first, last = date.fromordinal(low), date.fromordinal(high)
    if last.year - first.year >= MAX_TICKS - 1:
        starts = [date(y, 1, 1) for y in range(first.year + 1, last.year + 1)]
        labels = [str(d.year) for d in starts]
    else:
        months = (last.year - first.year) * 12 + last.month - first.month
        starts = [
            date(first.year + (first.month - 1 + k) // 12, (first.month - 1 + k) % 12 + 1, 1)
            for k in range(1, months + 1)
        ]
        labels = [d.strftime("%Y-%m") for d in starts]
    if not starts:
        return [(scale(low), first.isoformat())] + ([(scale(high), last.isoformat())] if high != low else [])
    step = -(-len(starts) // MAX_TICKS)
    return [(scale(d.toordinal()), label) for d, label in list(zip(starts, labels, strict=True))[::step]]


def _title(s: LedgerStatement, denial: bool) -> str:
    evidence = s.evidence.text if len(s.evidence.text) <= TOOLTIP_CHARS else s.evidence.text[: TOOLTIP_CHARS - 1] + "…"
    what = "denial" if denial else f"{s.stance} {s.kind}"
    who = f"{s.claimant_name or '(the article)'} ({s.claimant_type or '?'})"
    return f"{s.published or 'undated'} · {who} · {what} · {s.site or s.doc_id}\n{evidence}"


def build_timeline(entries: list[LedgerEntry], anchors: dict[str, str]) -> Timeline:
    """The timeline of ``entries``; ``anchors`` maps a doc_id to its article's anchor in the report (``a3``)."""
    days = [
        o
        for e in entries
        for s in (*e.attributions_listed, *e.denials_listed)
        if s.published and (o := _ordinal(s.published)) is not None
    ]
    low, high = (min(days), max(days)) if days else (0, 0)

    def scale(ordinal: int) -> float:
        if high == low:
            return (LABEL_W + AXIS_END) / 2
        return LABEL_W + 10 + (AXIS_END - LABEL_W - 20) * (ordinal - low) / (high - low)

    undated = False
    actors = []
    for number, (_, group) in enumerate(groupby(entries, key=lambda e: (e.actor_id, e.actor_name)), start=1):
        group = list(group)
        lanes = []
        for i, entry in enumerate(group):
            y = AXIS_H + LANE_H * i + LANE_H / 2
            party = entry.party.name + (f" ({entry.party.country})" if entry.party.country else "")
            detail = f"{entry.attributions} attr." + (f" · {entry.denials} denied" if entry.denials else "")
            detail += f" · {entry.consensus}"
            lane = Lane(label=party, detail=detail, y=y)
            seen: dict[int, int] = {}
            statements = [(s, False) for s in entry.attributions_listed] + [(d, True) for d in entry.denials_listed]
            for s, denial in statements:
                ordinal = _ordinal(s.published) if s.published else None
                undated = undated or ordinal is None
                x = scale(ordinal) if ordinal is not None else UNDATED_X
                k = seen[round(x)] = seen.get(round(x), -1) + 1
                dx, dy = 9 * (k // 3) * (-1 if ordinal is None else 1), (0, -8, 8)[k % 3]
                doc = anchors.get(s.doc_id)
                lane.marks.append(
                    Mark(
                        x=x + dx,
                        y=y + dy,
                        stance=s.stance,
                        denial=denial,
                        direct=getattr(s, "direct", True),
                        href=f"#{doc}-{s.claim_id}" if doc else None,
                        title=_title(s, denial),
                        claimant_type=s.claimant_type or "other",
                    )
                )
            lanes.append(lane)
        first = group[0]
        note = (
            f"gazetteer (not evidence): {first.gazetteer.country} ({first.gazetteer.source})" if first.gazetteer else ""
        )
        actors.append(
            ActorTimeline(
                actor_id=first.actor_id or "",
                name=first.actor_name,
                anchor=f"ledger-{number}",
                note=note,
                height=AXIS_H + LANE_H * len(group) + 4,
                lanes=lanes,
            )
        )
    return Timeline(actors=actors, ticks=_ticks(low, high, scale) if days else [], undated=undated)
