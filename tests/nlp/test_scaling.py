"""Our components' work grows linearly with the document: counted in Python function calls, not timed."""

from __future__ import annotations

import sys
from pathlib import Path

import pipeline

PARAGRAPH = (
    '"We are still finding them in the networks," said Dana Reyes, a director at CISA, adding that Volt Typhoon, '
    "a group linked to China, hit water utilities in Texas. The Chinese embassy denied the accusations as baseless."
)
PACKAGE = str(Path(pipeline.__file__).parent)


def _calls_in_our_code(nlp, paragraphs: int) -> int:
    """Python-level calls made in pipeline/ while the whole pipeline runs over ``paragraphs`` paragraphs."""
    doc = nlp.make_doc("\n\n".join([PARAGRAPH] * paragraphs))
    count = 0

    def profiler(frame, event, arg):
        nonlocal count
        if event == "call" and frame.f_code.co_filename.startswith(PACKAGE):
            count += 1

    sys.setprofile(profiler)
    try:
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    finally:
        sys.setprofile(None)
    assert len(doc._.tn_quotes) >= paragraphs and len(doc._.tn_claims) >= paragraphs
    return count


def test_scaling_rule_components_are_linear_in_repeated_paragraphs(nlp):
    small, large = _calls_in_our_code(nlp, 40), _calls_in_our_code(nlp, 160)
    assert large <= 4.4 * small, f"40 paragraphs: {small} calls; 160 paragraphs: {large} (x{large / small:.2f})"
