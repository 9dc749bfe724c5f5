"""Publication dates as inputs give them (a JSONL line's or a sidecar's ``published``), made ISO 8601 once.

Every source hands its ``published`` value to :func:`published_hints`: an ISO 8601 date or date-time is
kept (written out again by :mod:`datetime`), a few common other spellings (``Jan 5, 2024``, RFC 2822
``Fri, 05 Jan 2024 10:00:00 GMT``, ``2024/01/05``, ``05.01.2024``) are turned into ISO 8601, and anything
else (``2024-13-45``, ``yesterday``, a number) becomes no date and a ``published_note`` hint saying why.
An ambiguous ``01/02/2024`` (day or month first?) is not guessed at.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

#: Longest ``published`` value looked at (anything longer is no date).
MAX_DATE_CHARS = 64
#: Longest part of a bad value quoted in the note.
MAX_NOTE_QUOTE = 80
#: An RFC 2822 date as in e-mail and RSS (``Fri, 05 Jan 2024 10:00:00 GMT``), weekday optional.
RFC_2822 = re.compile(r"(?:[A-Za-z]{3}, )?\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|[A-Z]{1,5})")
#: ``strptime`` spellings tried after ISO 8601, with and without a time of day.
DATE_FORMATS: tuple[str, ...] = (
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%d %b, %Y",
    "%d %B, %Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
)
TIME_FORMATS: tuple[str, ...] = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", ", %H:%M", ", %I:%M %p")


def normalise_published(value: str) -> str | None:
    """``value`` as an ISO 8601 date (``2024-01-05``) or date-time, or None when it is not a date."""
    text = " ".join(value.split())
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return parse(text).isoformat()
        except ValueError:
            pass
    if RFC_2822.fullmatch(text):
        try:
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    text = text.replace("Sept ", "Sep ")
    for day_format in DATE_FORMATS:
        for time_format in TIME_FORMATS:
            try:
                parsed = datetime.strptime(text, day_format + time_format)
            except ValueError:
                continue
            return parsed.date().isoformat() if not time_format else parsed.isoformat()
    return None


def published_hints(value: object) -> dict[str, str]:
    """The hints an input's ``published`` value gives a RawDocument.

    ``{"published": ISO}`` when it is a date, ``{}`` when it is absent or blank, and
    ``{"published_note": "unparseable published date: ..."}`` otherwise; never raises.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return {}
    if isinstance(value, str):
        iso = normalise_published(value)
        if iso is not None:
            return {"published": iso}
    quoted = repr(value)
    if len(quoted) > MAX_NOTE_QUOTE:
        quoted = quoted[:MAX_NOTE_QUOTE] + "…"
    return {"published_note": f"unparseable published date: {quoted}"}
