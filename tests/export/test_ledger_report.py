"""The ledger's timeline in the HTML report: a mark per statement, linked to its claim, escaped, within the
Content-Security-Policy, following the actor filter in a real browser. Also the ledger of a hand-made record."""

from __future__ import annotations

import re

from pipeline.export import read_records, render_report, write_report
from pipeline.export.ledger import build_ledger
from tests.export.conftest import open_report
from tests.export.test_reading import HAND_TEXT, corpus_records_path, hand_record


def test_ledger_of_a_hand_record():
    # hand_record: c1 Volt Typhoon → China (Dana Whitfield, hedged); c2 "the hackers" → Beijing (the article,
    # asserted); c4 a targeting claim (never an attribution); c3 the Chinese embassy denies, naming no actor.
    entries = build_ledger([hand_record(HAND_TEXT)])
    assert [(e.actor_name, e.party.key) for e in entries] == [("Volt Typhoon", "CN"), ("unnamed actor", "CN")]
    volt, unnamed = entries
    assert [(s.claim_id, s.claimant_name, s.stance, s.published) for s in volt.attributions_listed] == [
        ("c1", "Dana Whitfield", "hedged", "2025-01-02")
    ]
    assert volt.attributions_listed[0].claimant_kind == "person"
    assert [(d.claim_id, d.direct, d.denies, d.attributions_before) for d in volt.denials_listed] == [
        ("c3", False, ["c1"], 1)
    ]
    assert (volt.gazetteer.country, volt.gazetteer.agrees) == ("CN", True)
    assert [(s.claim_id, s.claimant_name, s.party_text) for s in unnamed.attributions_listed] == [
        ("c2", None, "Beijing")
    ]
    assert [(d.claim_id, d.direct, d.denies) for d in unnamed.denials_listed] == [("c3", True, ["c2"])]
    assert unnamed.gazetteer is None and unnamed.party.names == ["Beijing", "Chinese embassy"]


def test_ledger_report_has_a_mark_per_statement_linked_to_its_claim():
    records = read_records(corpus_records_path())
    html = render_report(records)
    section = re.search(r'<section class="ledger" id="ledger">.*?</section>', html, re.DOTALL).group(0)
    entries = build_ledger(records)
    statements = sum(len(e.attributions_listed) + len(e.denials_listed) for e in entries)
    assert section.count("<circle ") + section.count("<polygon ") == statements
    assert section.count('<div class="tl" ') == len({(e.actor_id, e.actor_name) for e in entries})
    number = next(n for n, r in enumerate(records, start=1) if any(a.id == "flax-typhoon" for a in r.actors))
    flax = next(e for e in entries if e.actor_id == "flax-typhoon")
    for statement in flax.attributions_listed:
        assert f'<a href="#a{number}-{statement.claim_id}">' in section
    assert f'id="a{number}-{flax.attributions_listed[0].claim_id}"' in html
    assert not re.search(r"<[a-z][^>]*\s(on[a-z]+|style)=", html)  # the CSP allows no inline style


def test_ledger_report_escapes_article_text_in_the_timeline():
    record = hand_record(HAND_TEXT)
    claims = [c.model_copy(update={"claimant_name": "<img src=x onerror=alert(1)>"}) for c in record.claims]
    html = render_report([record.model_copy(update={"claims": claims})])
    section = re.search(r'<section class="ledger".*?</section>', html, re.DOTALL).group(0)
    assert "<img" not in section and "&lt;img src=x onerror=alert(1)&gt;" in section


def test_ledger_report_timeline_in_the_browser(browser, tmp_path):
    records = read_records(corpus_records_path())
    path = tmp_path / "report.html"
    write_report(records, path)
    page, seen = open_report(browser, path)
    ledger = page.locator("#ledger")
    assert ledger.is_visible()
    box = page.locator("#ledger svg").first.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 30  # drawn, at the page's width
    timelines = page.locator("div.tl")
    total = timelines.count()
    page.select_option("#filter-actor", "volt-typhoon")
    assert page.locator("div.tl:visible").count() == 1
    assert page.locator("div.tl:visible h3").inner_text().startswith("Volt Typhoon")
    page.click("#filter-reset")
    assert page.locator("div.tl:visible").count() == total
    page.locator("#ledger svg a").first.click()
    assert re.search(r"#a\d+-c\d+$", page.url)
    shot = tmp_path / "ledger.png"
    ledger.screenshot(path=str(shot))
    assert shot.stat().st_size > 1000
    assert seen["errors"] == [] and not [m for m in seen["console"] if "Content Security Policy" in m]
