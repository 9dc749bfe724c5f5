"""Clean: RawDocument → CleanArticle. The article body and its metadata, page furniture removed.

HTML goes through trafilatura (main text plus metadata); plain text keeps its wording exactly, with
line endings normalised to ``\\n``, so offsets into the body stay honest. This module knows nothing
of spaCy.
"""

from __future__ import annotations

import codecs

import charset_normalizer
import trafilatura

from pipeline.documents import CleanArticle, RawDocument
from pipeline.errors import Errors, InputError

#: Byte-order marks and the codec each announces, longest first (UTF-32 LE starts like UTF-16 LE).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Share of control characters above which bytes are taken for binary, not text.
BINARY_CONTROL_SHARE = 0.1


def decode(data: bytes | str) -> str:
    """Decode bytes to text: a BOM first, then UTF-8, then charset detection.

    Raises:
        InputError: the bytes are binary or in no encoding that can be detected.
    """
    if isinstance(data, str):
        return data
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(Errors.E003, str(exc), stage="clean") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise InputError(Errors.E002, "no text encoding fits", stage="clean") from None
        text = str(best)
    controls = sum(1 for ch in text[:4096] if ch < " " and ch not in "\t\n\r\f")
    if "\x00" in text or controls > BINARY_CONTROL_SHARE * min(len(text), 4096):
        raise InputError(Errors.E002, "control characters", stage="clean")
    return text


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(raw: RawDocument) -> CleanArticle:
    """A plain-text article: the wording exactly as in the file, outer blank lines dropped."""
    text = normalise_newlines(decode(raw.content)).strip()
    if not text:
        raise InputError(Errors.E001, stage="clean")
    return CleanArticle(
        provenance=raw.provenance,
        text=text,
        title=raw.hints.get("title"),
        url=raw.provenance.url,
        published=raw.hints.get("published"),
    )


def clean_html(raw: RawDocument) -> CleanArticle:
    """An HTML page: trafilatura's main text and metadata, comments off."""
    html = decode(raw.content)
    doc = trafilatura.bare_extraction(
        html,
        url=raw.provenance.url,
        with_metadata=True,
        include_comments=False,
    )
    body = normalise_newlines(doc.text or "").strip() if doc is not None else ""
    if not body:
        raise InputError(Errors.E005, stage="clean")
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return CleanArticle(
        provenance=raw.provenance,
        text=body,
        title=doc.title or raw.hints.get("title"),
        authors=authors,
        published=doc.date or raw.hints.get("published"),
        site=doc.sitename,
        url=doc.url or raw.provenance.url,
        language=doc.language,
    )


def clean(raw: RawDocument) -> CleanArticle:
    """Clean one raw document by its format.

    Raises:
        InputError: nothing usable in it (empty, binary, no article).
    """
    return clean_html(raw) if raw.format == "html" else clean_text(raw)
