"""WARC web archives (``.warc``, ``.warc.gz``), read with warcio.

Each HTTP ``response`` record that holds an HTML page becomes a :class:`RawDocument` whose provenance
names the archive, the record's number in it (from 1, counting every record) and its target URI.
A response that is not a usable HTML page (another content type, an HTTP error status) becomes a
:class:`Failed`; other record types (``warcinfo``, ``request``, ``metadata``) are skipped. A corrupt
or truncated archive ends with one :class:`Failed` at the record where reading stopped. A record's
body is read through its (decompressing) content stream and never past ``max_input_bytes + 1``
bytes: a bigger one becomes an E016 failure and the archive goes on.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from pipeline.documents import Failed, Provenance, RawDocument
from pipeline.errors import Errors, InputError
from pipeline.sources.charset import charset_from_content_type
from pipeline.sources.files import default_limit, failed, read_limited

#: Content types read as HTML pages.
HTML_CONTENT_TYPES: frozenset[str] = frozenset({"text/html", "application/xhtml+xml"})


def media_type(content_type: str | None) -> str:
    """``text/html; charset=utf-8`` → ``text/html``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def iter_warc(path: Path, limit: int | None = None) -> Iterator[RawDocument | Failed]:
    """The HTML pages of one WARC file; see the module docstring for what is skipped or failed.

    Args:
        path: the archive.
        limit: most bytes of one page body; ``max_input_bytes`` of the default settings when None.
    """
    limit = default_limit() if limit is None else limit
    number = 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):  # noqa: B007
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                provenance = Provenance(path=str(path), url=url, record=number)
                try:
                    yield _document(record, provenance, limit)
                except InputError as exc:
                    yield failed(provenance, exc)
    except OSError as exc:
        yield failed(Provenance(path=str(path), record=number or None), InputError(Errors.E012, str(exc)))
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as exc:
        where = Provenance(path=str(path), record=number + 1)
        yield failed(where, InputError(Errors.E014, str(exc) or type(exc).__name__))


def _document(record, provenance: Provenance, limit: int) -> RawDocument:  # noqa: ANN001  (warcio record)
    """One response record → a RawDocument, reading at most ``limit + 1`` bytes of its body.

    Raises:
        InputError: not an HTTP response with an HTML body (E014), a body over ``limit`` bytes (E016),
            or empty (E001).
    """
    http = record.http_headers
    if http is None:
        raise InputError(Errors.E014, "no HTTP headers")
    status = http.get_statuscode()
    if not status or not status.startswith("2"):
        raise InputError(Errors.E014, f"HTTP status {status}")
    content_type = http.get_header("Content-Type")
    if media_type(content_type) not in HTML_CONTENT_TYPES:
        raise InputError(Errors.E014, f"not HTML ({media_type(content_type) or 'no content type'})")
    body = read_limited(record.content_stream(), limit)
    if not body.strip():
        raise InputError(Errors.E001)
    charset = charset_from_content_type(content_type)
    return RawDocument(
        provenance=provenance, format="html", content=body, hints={"charset": charset} if charset else {}
    )
