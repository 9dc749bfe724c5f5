"""The HTML review report: escaping, self-containment, highlights from offsets, filters in a real browser."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export import read_records, render_report, write_report
from pipeline.export.report import highlights, segment
from tests.conftest import REPO  # noqa: E402
from tests.export.test_reading import HAND_TEXT, corpus_records_path, hand_record

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCRIPT_TEXT = HAND_TEXT + '\n\nA reader wrote <script>alert("x")</script> & <b>bold</b> in a comment.'

runner = CliRunner()


def script_record():
    return hand_record(SCRIPT_TEXT, title="<script>alert('title')</script> hack", doc_id="script01")


def test_report_escapes_markup_in_articles():
    html = render_report([script_record()])
    assert "<script>alert" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; hack" in html
    assert html.count("<script>") == 1  # the report's own filter script


def test_report_is_self_contained():
    html = render_report(read_records(corpus_records_path()))
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html)
    assert not re.search(r"<script[^>]+src=", html) and "@import" not in html and "url(" not in html
    # the only outward links are the articles' own URLs, written as plain anchors
    assert all(href.startswith(("#", "https://", "http://")) for href in re.findall(r'href="([^"]*)"', html))


def test_report_segments_rebuild_the_text_and_keep_nested_highlights():
    record = hand_record(HAND_TEXT)
    pieces = segment(record.text, highlights(record), anchor_prefix="a1-")
    assert "".join(p.text for p in pieces) == record.text
    actor = next(p for p in pieces if p.text == "Volt Typhoon")
    assert actor.kinds == ["actor", "claim"] and actor.claim_ids == ["c1", "c2", "c4"] and actor.anchor == "a1-c1"
    quote = next(p for p in pieces if p.text == "they are patient")
    assert quote.kinds == ["quote", "claim"]


def test_report_index_counts_and_claim_list(tmp_path):
    records = read_records(corpus_records_path())
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(corpus_records_path()), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.count('<article class="doc"') == len(records)
    assert html.count('<li class="claim-item"') == sum(len(r.claims) for r in records)
    first = records[0]
    row = re.search(r'<tr id="row-a1".*?</tr>', html).group(0)
    counts = [int(n) for n in re.findall(r'<td class="n"[^>]*>(\d+)</td>', row)]
    assert counts == [len(first.actors), len(first.speakers), len(first.quotes), len(first.claims)]


def test_report_cli_missing_records_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["report", str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("THREATNEWS_REQUIRE_BROWSER"):
            pytest.fail("/usr/bin/chromium is absent but CI requires the browser test (THREATNEWS_REQUIRE_BROWSER)")
        pytest.skip("/usr/bin/chromium is absent (Debian package chromium; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def visible_docs(page) -> list[str]:
    return page.eval_on_selector_all("article.doc", "els => els.filter(e => !e.hidden).map(e => e.dataset.docId)")


def test_report_filters_in_the_browser(browser, tmp_path):
    records = read_records(corpus_records_path()) + [script_record()]
    path = tmp_path / "report.html"
    write_report(records, path)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri())
    assert len(visible_docs(page)) == len(records)

    # the article holding markup shows it as text, and nothing in it ran
    script_doc = page.locator('article[data-doc-id="script01"]')
    assert '<script>alert("x")</script> & <b>bold</b>' in script_doc.locator(".text").inner_text()
    assert "<script>alert('title')</script> hack" in script_doc.locator("h2").inner_text()
    assert dialogs == []

    # filter by actor: exactly the articles naming it remain, in the index too
    page.select_option("#filter-actor", "volt-typhoon")
    expected = [r.doc_id for r in records if any(a.id == "volt-typhoon" for a in r.actors)]
    assert visible_docs(page) == expected and len(expected) >= 1
    assert page.inner_text("#shown-count") == str(len(expected))
    assert page.locator("#index tbody tr:visible").count() == len(expected)

    # add a stance: articles need a claim with it; claims with another stance are hidden from the side lists
    page.select_option("#filter-stance", "denied")
    expected = [
        r.doc_id
        for r in records
        if any(a.id == "volt-typhoon" for a in r.actors) and any(c.stance == "denied" for c in r.claims)
    ]
    assert visible_docs(page) == expected
    shown_stances = page.eval_on_selector_all(
        "article.doc:not([hidden]) li.claim-item",
        "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.stance)",
    )
    assert shown_stances and set(shown_stances) == {"denied"}

    # country filter alone
    page.click("#filter-reset")
    page.select_option("#filter-country", "KP")
    expected = [
        r.doc_id
        for r in records
        if any(a.country == "KP" for a in r.actors)
        or any(c.attributed_to and c.attributed_to.country == "KP" for c in r.claims)
    ]
    assert visible_docs(page) == expected and expected

    # a screenshot of a filtered view for people to look at
    page.click("#filter-reset")
    page.select_option("#filter-actor", "volt-typhoon")
    out = REPO / "out"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / "report.png"))
    assert (out / "report.png").stat().st_size > 10_000
    page.close()
