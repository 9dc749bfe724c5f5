"""Bytes → text: byte-order marks, declared charsets (HTTP header, HTML meta), then detection.

Used by ``clean`` for every input that arrives as bytes. Undecodable bytes never crash the run: they
end as an :class:`~pipeline.errors.InputError` (binary, decode) that the runner records.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

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
#: How much of the start of a text is inspected for control characters.
BINARY_SNIFF_CHARS = 4096
#: How far into an HTML page a ``<meta charset>`` is looked for (the HTML standard says 1024 bytes).
META_SNIFF_BYTES = 4096
#: ``<meta charset="x">`` and ``<meta http-equiv="Content-Type" content="text/html; charset=x">``.
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: Characters a UTF-8 continuation byte (0x80-0xBF) becomes when misread as Windows-1252 or Latin-1.
_CONTINUATION = "".join(
    sorted({c for b in range(0x80, 0xC0) for c in (chr(b), bytes([b]).decode("cp1252", "ignore")) if c})
)
#: UTF-8 read as Windows-1252 or Latin-1 ("â€™" for "’", "Ã©" for "é"): a lead byte's character, then as many
#: continuation bytes' characters as the lead announces.
MOJIBAKE = re.compile(
    f"[\u00c2-\u00df][{re.escape(_CONTINUATION)}]|[\u00e0-\u00ef][{re.escape(_CONTINUATION)}]{{2}}"
    f"|[\u00f0-\u00f4][{re.escape(_CONTINUATION)}]{{3}}"
)
#: Fewest such runs in a text before it is repaired (one may be a real "Â©"-like pair).
MIN_MOJIBAKE = 3
#: What every such sequence starts with: scanned for first, as one character class is quick to search for and the
#: three-way pattern is not (a page's whole source is searched).
_MOJIBAKE_START = re.compile(f"[\u00c2-\u00f4][{re.escape(_CONTINUATION)}]")


def _unmangle(found: re.Match[str]) -> str:
    """One run of misread UTF-8 decoded again; left as it is when its bytes are not UTF-8."""
    run = found.group(0)
    try:
        data = bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in run)
        return data.decode("utf-8")
    except (UnicodeError, ValueError):
        return run


def repair_mojibake(text: str) -> str:
    """Text whose UTF-8 was decoded twice (the page's own bytes say "Investorâ€™s") read as its writer meant."""
    for pattern in (_MOJIBAKE_START, MOJIBAKE):  # fewer starts than MIN_MOJIBAKE: fewer sequences too
        runs = pattern.finditer(text)
        if sum(1 for _, _ in zip(range(MIN_MOJIBAKE), runs, strict=False)) < MIN_MOJIBAKE:
            return text
    return MOJIBAKE.sub(_unmangle, text)


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its start, if any."""
    match = META_CHARSET.search(data[:META_SNIFF_BYTES])
    return match.group(1).decode("ascii", "ignore") if match else None


def _codec(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None when Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _check_not_binary(text: str) -> str:
    head = text[:BINARY_SNIFF_CHARS]
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\n\r\f")
    if "\x00" in head or controls > BINARY_CONTROL_SHARE * len(head):
        raise InputError(Errors.E002, "control characters", stage="clean")
    return text


def decode(data: bytes | str, *, declared: str | None = None, html: bool = False) -> str:
    """Decode bytes to text.

    The order is the one browsers use: a BOM wins; then the charset the transport declared (HTTP
    header, WARC record, fetch sidecar), then for HTML a ``<meta>`` charset; then UTF-8; then
    charset detection. A declared charset that does not fit the bytes is passed over, not trusted.

    Args:
        data: the raw bytes (text passes through, checked for binary content only).
        declared: a charset from outside the bytes, e.g. an HTTP ``Content-Type`` parameter.
        html: look for a ``<meta>`` charset too.

    Raises:
        InputError: the bytes are binary (E002) or in no encoding that can be detected (E003).
    """
    if isinstance(data, str):
        return _check_not_binary(data)
    return repair_mojibake(_decode_bytes(data, declared=declared, html=html))


def _decode_bytes(data: bytes, *, declared: str | None, html: bool) -> str:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _check_not_binary(data.decode(codec))
            except UnicodeDecodeError as exc:
                raise InputError(Errors.E003, str(exc), stage="clean") from exc
    candidates = [_codec(declared), _codec(meta_charset(data)) if html else None, "utf-8"]
    # Browsers read a declared Latin-1 as its superset Windows-1252 (curly quotes live there).
    candidates = [c2 for c in candidates for c2 in (("cp1252", c) if c == "iso8859-1" else (c,))]
    for codec in dict.fromkeys(c for c in candidates if c):
        try:
            return _check_not_binary(data.decode(codec))
        except UnicodeDecodeError:
            continue
    if b"\x00" in data[:BINARY_SNIFF_CHARS]:
        raise InputError(Errors.E002, "NUL bytes", stage="clean")
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(Errors.E003, "no text encoding fits", stage="clean")
    return _check_not_binary(str(best))
