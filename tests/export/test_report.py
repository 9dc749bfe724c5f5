"""The HTML review report: escaping, self-containment, highlights from offsets, filters in a real browser.

Links and the Content-Security-Policy: test_report_links.py; claim rows (grouping, links): test_report_claims.py.
"""

from __future__ import annotations

import re

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export import read_records, render_report, write_report
from pipeline.export.report import claim_group_key, highlights, segment
from tests.conftest import REPO  # noqa: E402
from tests.export.conftest import open_report
from tests.export.test_reading import HAND_TEXT, corpus_records_path, hand_record

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
    assert html.count("<script") == 1 and html.count("<style") == 1


def test_report_is_self_contained():
    html = render_report(read_records(corpus_records_path()))
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html)
    assert not re.search(r"<script[^>]+src=", html) and "@import" not in html and "url(" not in html
    assert re.search(r'<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;', html)
    # the only outward links are the articles' own URLs, written as plain anchors
    assert all(href.startswith(("#", "https://", "http://")) for href in re.findall(r'href="([^"]*)"', html))


def test_report_segments_rebuild_the_text_and_keep_nested_highlights():
    record = hand_record(HAND_TEXT)
    pieces = segment(record.text, highlights(record), anchor_prefix="a1-")
    assert "".join(p.text for p in pieces) == record.text
    actor = next(p for p in pieces if p.text == "Volt Typhoon")
    assert actor.kinds == ["actor", "claim"] and actor.claim_ids == ["c1", "c2", "c4"] and actor.anchor == "a1-c1"
    # every claim starting here gets its anchor, so each claim's link leads somewhere
    assert actor.anchors == ["a1-c1", "a1-c2", "a1-c4"] and actor.actor_ids == ["volt-typhoon"]
    quote = next(p for p in pieces if p.text == "they are patient")
    assert quote.kinds == ["quote", "claim"] and quote.anchors == ["a1-quote-q1"] and quote.quote_ids == ["q1"]


def test_report_index_counts_and_claim_list(tmp_path):
    records = read_records(corpus_records_path())
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(corpus_records_path()), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.count('<article class="doc"') == len(records)
    # identical claims in one article share a row (test_report_claims.py)
    assert html.count('<li class="claim-item"') == sum(len({claim_group_key(c) for c in r.claims}) for r in records)
    first = records[0]
    row = re.search(r'<tr id="row-a1".*?</tr>', html).group(0)
    counts = [int(n) for n in re.findall(r'<td class="n"[^>]*>(\d+)</td>', row)]
    assert counts == [len(first.actors), len(first.speakers), len(first.quotes), len(first.claims)]


def test_report_cli_missing_records_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["report", str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2


def visible_docs(page) -> list[str]:
    return page.eval_on_selector_all("article.doc", "els => els.filter(e => !e.hidden).map(e => e.dataset.docId)")


def shown_claims(page, attribute: str) -> list[str]:
    """``data-{attribute}`` of every claim row shown (in a shown article, not filtered off)."""
    return page.eval_on_selector_all(
        "article.doc:not([hidden]) li.claim-item",
        f"els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.{attribute})",
    )


def test_report_filters_in_the_browser(browser, tmp_path):
    records = read_records(corpus_records_path()) + [script_record()]
    path = tmp_path / "report.html"
    write_report(records, path)
    page, seen = open_report(browser, path)
    dialogs = seen["dialogs"]
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
    shown_stances = shown_claims(page, "stance")
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

    # claim kind: articles with a claim of that kind, and only such claims listed; other highlights dimmed
    page.click("#filter-reset")
    page.select_option("#filter-kind", "targeting")
    with_kind = [r.doc_id for r in records if any(c.kind == "targeting" for c in r.claims)]
    assert visible_docs(page) == with_kind and 0 < len(with_kind) < len(records)
    assert page.locator("#index tbody tr:visible").count() == len(with_kind)
    assert set(shown_claims(page, "kind")) == {"targeting"}
    assert page.locator("article.doc:not([hidden]) .text span.hl.dim").count() > 0
    lit = page.eval_on_selector_all(
        "article.doc:not([hidden]) .text span.hl[data-claims]:not(.dim)", "els => els.map(e => e.dataset.claims)"
    )
    targeting = {c.id for r in records for c in r.claims if c.kind == "targeting"}
    assert lit and all(set(ids.split()) & targeting for ids in lit)

    # a search narrows the articles and their claim rows further, as one types
    page.fill("#filter-search", "Utilities")
    page.wait_for_function(f"() => document.getElementById('shown-count').textContent !== '{len(with_kind)}'")
    searched = visible_docs(page)
    assert 0 < len(searched) < len(with_kind) and set(searched) <= set(with_kind)
    assert page.locator("#index tbody tr:visible").count() == len(searched)
    rows = page.eval_on_selector_all(
        "article.doc:not([hidden]) li.claim-item",
        "els => els.filter(e => e.offsetParent).map(e => e.textContent + ' ' + e.title)",
    )
    assert rows and all("utilities" in row.lower() for row in rows)

    # a search alone: only the article holding the words
    page.click("#filter-reset")
    page.fill("#filter-search", "reader wrote")
    page.wait_for_function("() => document.getElementById('shown-count').textContent === '1'")
    assert visible_docs(page) == ["script01"] and page.locator("#index tbody tr:visible").count() == 1
    page.click("#filter-reset")
    assert len(visible_docs(page)) == len(records)

    # the index sorts by a column: claims ascending, then descending; ties keep the article order
    page.click("#index th:nth-child(8) button")
    counts = [
        int(n)
        for n in page.eval_on_selector_all("#index tbody tr td:nth-child(8)", "els => els.map(e => e.textContent)")
    ]
    assert counts == sorted(counts) and counts != [len(r.claims) for r in records]
    page.click("#index th:nth-child(8) button")
    counts = [
        int(n)
        for n in page.eval_on_selector_all("#index tbody tr td:nth-child(8)", "els => els.map(e => e.textContent)")
    ]
    assert counts == sorted(counts, reverse=True)
    assert page.get_attribute("#index th:nth-child(8)", "aria-sort") == "descending"
    page.click("#index th:nth-child(2) button")
    in_order = page.eval_on_selector_all(  # text sorts as the browser collates (localeCompare), not by code point
        "#index tbody tr td:nth-child(2)",
        "els => els.map(e => e.textContent.trim().toLowerCase()).every((t, i, all) => !i || all[i - 1].localeCompare(t) <= 0)",
    )
    assert in_order

    # a claim's anchor lands below the sticky header, and its evidence is marked
    page.click("article#a1 a.claim-link >> nth=0")
    page.wait_for_function("() => location.hash.startsWith('#a1-')")
    top, header = page.evaluate(
        "() => [document.querySelector(location.hash).getBoundingClientRect().top,"
        " document.querySelector('header').getBoundingClientRect().bottom]"
    )
    assert header <= top < header + 60
    assert page.locator("article#a1 .text span.focus").count() > 0

    # the page ran under its Content-Security-Policy without a violation or an error
    assert not [m for m in seen["console"] if "Content Security Policy" in m] and seen["errors"] == []
    assert dialogs == []

    # a screenshot of a filtered view for people to look at
    page.click("#filter-reset")
    page.select_option("#filter-actor", "volt-typhoon")
    out = REPO / "out"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / "report.png"))
    assert (out / "report.png").stat().st_size > 10_000
    page.close()
