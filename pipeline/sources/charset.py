"""The charset a source was told about (an HTTP or WARC Content-Type header), handed on to ``clean`` as a hint."""

from __future__ import annotations

import re

#: ``charset=x`` inside a Content-Type header value.
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type value, if any (``text/html; charset=latin-1``)."""
    match = HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None
