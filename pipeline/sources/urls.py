"""Telling a URL input from a path, without importing the HTTP client (``threatnews run`` on folders never
fetches, so it should not pay for loading httpx)."""

from __future__ import annotations

from urllib.parse import urlsplit

#: The schemes threatnews fetches.
SCHEMES: frozenset[str] = frozenset({"http", "https"})


def is_url(text: str) -> bool:
    """Whether a command-line input is a URL rather than a path."""
    return urlsplit(text).scheme.lower() in SCHEMES and "://" in text
