"""Quotation marks: one left-to-right scan per paragraph finds the quoted stretches (linear in the text)."""

from __future__ import annotations

from pipeline.nlp.annotations import CharSpan


def paragraphs(text: str) -> list[CharSpan]:
    """Character ranges of the non-empty lines of ``text`` (a line is a paragraph after cleaning)."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end))
        start = end + 1
    return out


def is_opening_straight(text: str, i: int) -> bool:
    """A straight mark opens when it starts the text or follows space or an opening bracket."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-:"


def find_quoted(text: str, openers: dict[str, str]) -> list[tuple[CharSpan, bool, list[CharSpan]]]:
    """Find quoted stretches: ``(content span, closed?, parts)`` in text order.

    One pass per paragraph with a single open-quote state, so thousands of unbalanced marks cost
    linear time. A mark may be two characters (the two apostrophes some papers print for a straight
    double quote); the longer mark wins. A quote still open at a paragraph's end continues when the
    next paragraph opens with the same mark (the news convention for quotes over several paragraphs);
    otherwise it ends at the paragraph end, unclosed.
    """
    results: list[tuple[CharSpan, bool, list[CharSpan]]] = []
    longest = max(map(len, openers), default=1)
    carry: list[CharSpan] | None = None  # parts of a quote continued from the previous paragraph
    carry_close = ""
    for p_start, p_end in paragraphs(text):
        i = p_start
        open_at: int | None = None
        close_mark = ""
        if carry is not None:
            first = mark_at(text, p_start, openers, longest)
            if first and openers[first] == carry_close:
                open_at, close_mark = p_start + len(first), carry_close
                i = open_at
            else:  # the previous quote never closed and does not continue
                results.append((cover(carry), False, carry))
                carry = None
        while i < p_end:
            if open_at is None:
                mark = mark_at(text, i, openers, longest)
                if mark and (mark[0] not in "\"'" or is_opening_straight(text, i)):
                    if mark == "‘" and not single_opens(text, i):
                        i += 1
                        continue
                    open_at, close_mark = i + len(mark), openers[mark]
                    i = open_at
                    continue
            elif text.startswith(close_mark, i) and (close_mark != "’" or not is_apostrophe(text, i)):
                part = strip_span(text, open_at, i)
                parts = (carry or []) + ([part] if part[1] > part[0] else [])
                if parts:
                    results.append((cover(parts), True, parts))
                open_at, carry = None, None
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
