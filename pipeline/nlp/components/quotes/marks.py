"""Quotation marks: one left-to-right scan per paragraph finds the quoted stretches (linear in the text)."""

from __future__ import annotations

import re

from pipeline.nlp.annotations import CharSpan
from pipeline.nlp.components.quotes.rules import CLOSERS

#: A transcript's speaker label at the start of a quoted paragraph ("PENCE: Well, look, ..."): a new turn, a new
#: quotation, even where the paragraph continues a quotation left open.
SPEAKER_LABEL = re.compile(r"[A-Z][A-Z.'’ -]{1,40}: ")


def paragraphs(text: str) -> list[CharSpan]:
    """Character ranges of the non-empty lines of ``text`` (a line is a paragraph after cleaning)."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end))
        start = end + 1
    return out


def can_open(text: str, i: int, mark: str, close: str) -> bool:
    """Whether ``mark`` at ``i`` opens a quotation. A mark that also closes opens only where it cannot close: after
    a space or a bracket; a closing curly mark (”) opens only before a word, as web text sometimes types it
    ('¶”Mr. Trump embodies ...”')."""
    if close != mark:
        return True
    if not is_opening_straight(text, i):
        return False
    return mark[0] in "\"'" or text[i + len(mark) : i + len(mark) + 1].isalnum()


def is_opening_straight(text: str, i: int) -> bool:
    """A straight mark opens when it starts the text or follows space or an opening bracket."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-:"


def find_quoted(text: str, openers: dict[str, str]) -> list[tuple[CharSpan, bool, list[CharSpan]]]:
    """Find quoted stretches: ``(content span, closed?, parts)`` in text order.

    One pass per paragraph with a single open-quote state, so thousands of unbalanced marks cost
    linear time. A mark may be two characters (the two apostrophes some papers print for a straight
    double quote); the longer mark wins. A quote still open at a paragraph's end continues when the
    next paragraph opens with the same mark (the news convention for quotes over several paragraphs) and no
    transcript speaker label ("PENCE: "); otherwise it ends at the paragraph end, unclosed.
    """
    results: list[tuple[CharSpan, bool, list[CharSpan]]] = []
    longest = max(map(len, openers), default=1)
    carry: list[CharSpan] | None = None  # parts of a quote continued from the previous paragraph
    carry_close = ""
    for p_start, p_end in paragraphs(text):
        i = p_start
        open_at: int | None = None
        close_mark = ""
        nested = 0  # marks of the other double style opened inside the quotation and not yet closed
        if carry is not None:
            first = mark_at(text, p_start, openers, longest)
            if first and openers[first] == carry_close and not SPEAKER_LABEL.match(text, p_start + len(first)):
                open_at, close_mark = p_start + len(first), carry_close
                i = open_at
            else:  # the previous quote never closed and does not continue (or a new speaker's turn begins)
                results.append((cover(carry), False, carry))
                carry = None
        while i < p_end:
            if open_at is None:
                mark = mark_at(text, i, openers, longest)
                if mark and can_open(text, i, mark, openers[mark]):
                    if mark == "‘" and not single_opens(text, i):
                        i += 1
                        continue
                    open_at, close_mark, nested = i + len(mark), openers[mark], 0
                    if label := SPEAKER_LABEL.match(text, open_at):  # "WALLACE: ...": the words follow the label
                        open_at = label.end()
                    i = open_at
                    continue
            else:
                other = other_double(text, i, close_mark)
                if other == "open" or (other == "close" and nested):  # “Shark Tank” inside a "-quoted paragraph
                    nested += 1 if other == "open" else -1
                elif other == "close" or (
                    text.startswith(close_mark, i) and (close_mark != "’" or not is_apostrophe(text, i))
                ):
                    part = strip_span(text, open_at, i)
                    parts = (carry or []) + ([part] if part[1] > part[0] else [])
                    if parts:
                        results.append((cover(parts), True, parts))
                    open_at, carry, nested = None, None, 0
                    i += len(close_mark)
                    continue
            i += 1
        if open_at is not None:
            part = strip_span(text, open_at, p_end)
            carry = (carry or []) + ([part] if part[1] > part[0] else [])
            carry_close = close_mark
            if not carry:
                carry = None
    if carry:
        results.append((cover(carry), False, carry))
    return results


def other_double(text: str, i: int, close_mark: str) -> str:
    """Whether a double mark of the other typography at ``i`` opens ("open") or closes ("close") inside a double
    quotation that ``close_mark`` closes. Papers mix the two (“no evidence" yet, "work-related” emails): one that
    closes ends the quotation, unless one of its style opened inside it first (a "-quoted paragraph naming
    “Shark Tank”). A straight mark opens where a straight mark can open (after a space)."""
    if close_mark not in CLOSERS or text[i] == close_mark:
        return ""
    if close_mark == '"':
        return {"“": "open", "”": "close"}.get(text[i], "")
    if text[i] == '"':
        return "open" if is_opening_straight(text, i) else "close"
    return ""


def mark_at(text: str, i: int, openers: dict[str, str], longest: int) -> str:
    """The longest opening mark starting at ``i``, or ""."""
    for width in range(longest, 0, -1):
        if text[i : i + width] in openers:
            return text[i : i + width]
    return ""


def single_opens(text: str, i: int) -> bool:
    return i == 0 or not text[i - 1].isalnum()


def is_apostrophe(text: str, i: int) -> bool:
    """’ between letters (don’t) or after s before a space (officials’ view) is an apostrophe."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def strip_span(text: str, start: int, end: int) -> CharSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def cover(parts: list[CharSpan]) -> CharSpan:
    return parts[0][0], parts[-1][1]
