"""The report's claim rows: identical claims grouped with a count, each row linked to its evidence, quote and
claimant, with its confidence; every link inside the page leads somewhere (issue 12, finding 4)."""

from __future__ import annotations

import re

from models import Span, Stance
from pipeline.export import read_records, render_report
from pipeline.export.report import claim_views
from tests.export.test_reading import HAND_TEXT, corpus_records_path, hand_record, span

REPEATED_TEXT = HAND_TEXT + "\n\nAgain, Dana Whitfield tied Volt Typhoon to China."


def repeated_record():
    """The hand record plus c5 (c1 again, later in the text, from the quote) and c6 (c1 again but asserted)."""
    record = hand_record(REPEATED_TEXT)
    c1 = record.claims[0]
    again = Span(**span(REPEATED_TEXT, "Again, Dana Whitfield tied Volt Typhoon to China."))
    c5 = c1.model_copy(update={"id": "c5", "evidence": again, "quote_id": "q1", "confidence": 0.9})
    c6 = c1.model_copy(update={"id": "c6", "evidence": again, "stance": Stance.asserted})
    return record.model_copy(update={"claims": [*record.claims, c5, c6]})


def test_report_claims_identical_claims_share_a_row_with_a_count():
    rows = claim_views(repeated_record(), "a1")
    assert [row.ids for row in rows] == [["c1", "c5"], ["c2"], ["c4"], ["c3"], ["c6"]]
    grouped = rows[0]
    assert grouped.count == 2 and grouped.anchor == "a1-c1" and grouped.confidence == 0.9
    assert grouped.quotes == [("q1", "a1-quote-q1")] and grouped.claimant_anchor == "a1-speaker-s1"
    html = render_report([repeated_record()])
    assert html.count('<li class="claim-item"') == 5
    assert 'data-claims="c1 c5"' in html and "×2</span>" in html
    assert 'Claims (<span class="claims-shown">5</span> of 5, 6 with repeats)' in html


def test_report_claims_link_to_quote_and_claimant_and_show_confidence():
    html = render_report([repeated_record()])
    row = re.search(r'<li class="claim-item" data-claims="c1 c5".*?</li>', html, re.DOTALL).group(0)
    assert '<a class="quote-link" href="#a1-quote-q1" data-quote="q1">quote</a>' in row
    assert re.search(
        r'<a class="claimant-link" href="#a1-speaker-s1" data-speaker="sp-[0-9a-f]+">Dana Whitfield</a>', row
    )
    assert '<span class="confidence" title="confidence (highest of 0.5, 0.9)">0.90</span>' in row
    assert 'id="a1-quote-q1"' in html and '<li class="speaker-item" id="a1-speaker-s1"' in html
    # a claimant who is no speaker of the record is named, not linked
    denial = re.search(r'<li class="claim-item" data-claims="c3".*?</li>', html, re.DOTALL).group(0)
    assert "by Chinese embassy" in denial and "claimant-link" not in denial


def test_report_claims_every_link_in_the_page_leads_somewhere():
    records = read_records(corpus_records_path()) + [repeated_record()]
    html = render_report(records)
    ids = set(re.findall(r' id="([^"]+)"', html))
    targets = {href[1:] for href in re.findall(r'href="(#[^"]*)"', html)}
    assert targets and not targets - ids
    # each claim of every article has its own anchor, even when several start on the same words
    for number, record in enumerate(records, start=1):
        assert {f"a{number}-{claim.id}" for claim in record.claims} <= ids
