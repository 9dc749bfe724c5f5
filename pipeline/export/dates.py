"""A record's ``published`` as a UTC timestamp, whatever the field holds: exports never die of a date.

Records should carry an ISO date (``YYYY-MM-DD``), but a record from an older run or another tool may
carry a full timestamp with an offset, a date in words or nonsense. :func:`read_published` reads what it
can and says why when it cannot, so the caller can export the article as undated and tell the user.

- ISO 8601 date or datetime (``datetime.fromisoformat``): offset-aware → converted to UTC; no offset →
  taken as UTC; a plain date → midnight UTC;
- an RFC 2822 date (``Fri, 05 Jan 2024 10:00:00 GMT``, as feeds write it);
- one of the formats in ``pipeline/data/date_formats.txt`` (``Jan 5, 2024``, ``5 January 2024``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache

from pipeline.data import read_lines

#: Longest part of an unreadable value quoted back in a message.
QUOTED_CHARS = 60


@cache
def date_formats() -> tuple[str, ...]:
    """The ``strptime`` formats tried after ISO 8601 and RFC 2822 (``pipeline/data/date_formats.txt``)."""
    return read_lines("date_formats.txt")


@dataclass(frozen=True)
class Published:
    """A ``published`` value read: ``timestamp`` (``YYYY-MM-DDTHH:MM:SSZ``, UTC) or ``None`` when undated.

    ``problem`` says why a non-empty value gave no timestamp; it is ``None`` when the value was read or
    when there was no value at all (an undated article is not a problem).
    """

    timestamp: str | None
    problem: str | None = None

    @property
    def date(self) -> str:
        """``YYYY-MM-DD`` of the timestamp, or ``""`` when undated (a sort key for the report)."""
        return self.timestamp[:10] if self.timestamp else ""


def _parse(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in date_formats():
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def read_published(value: str | None) -> Published:
    """Read a record's ``published``; see the module docstring for what is read and how."""
    text = (value or "").strip()
    if not text:
        return Published(None)
    when = _parse(text)
    quoted = repr(text if len(text) <= QUOTED_CHARS else text[:QUOTED_CHARS] + "…")
    if when is None:
        return Published(None, f"published {quoted} is not a date")
    try:
        utc = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    except (OverflowError, ValueError):  # an offset pushing year 1 or 9999 out of range
        return Published(None, f"published {quoted} is out of range")
    # isoformat, not strftime: glibc's %Y writes year 1 as "1", not "0001"
    return Published(utc.replace(tzinfo=None, microsecond=0).isoformat() + "Z")
