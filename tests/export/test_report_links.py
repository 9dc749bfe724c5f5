"""The report's only outward links are http(s) source URLs, and a Content-Security-Policy allows nothing but
its own inline script and style: a record's ``source.url`` cannot run script (issue 12, finding 1)."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from models import Source
from pipeline.export import render_report, write_report
from pipeline.export.report import safe_link
from tests.export.conftest import open_report
from tests.export.test_reading import HAND_TEXT, hand_record

#: Source URLs a browser would run as script (or load as a document) if they were links.
SCRIPT_URLS = [
    "javascript:alert(document.domain)//",
    "JaVaScRiPt:alert(document.domain)//",
    "   javascript:alert(document.domain)//",
    "java\tscript:alert(document.domain)//",
    "java\nscript:alert(document.domain)//",
    "\x01javascript:alert(document.domain)//",
    "javascript:document.title='pwned'//",
    "javascript:window.pwned=1//",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "http:javascript:alert(1)",
    "//evil.example/x",
]


def url_record(url: str, number: int):
    record = hand_record(HAND_TEXT, title=f"url {number}", doc_id=f"url{number:04d}")
    return record.model_copy(update={"source": Source(path="hand.txt", url=url)})


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_report_safe_link_refuses_everything_but_http(url):
    assert safe_link(url) is None


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://news.example/a?b=1&c=2", "https://news.example/a?b=1&c=2"),
        ("  http://news.example/a  ", "http://news.example/a"),
        ("HTTPS://News.Example/A", "https://News.Example/A"),
        ("https://news.example/\ta", "https://news.example/a"),
    ],
)
def test_report_safe_link_keeps_http_urls_as_browsers_read_them(url, link):
    assert safe_link(url) == link


def test_report_links_only_http_urls_and_shows_the_rest_as_text():
    records = [url_record(url, n) for n, url in enumerate(SCRIPT_URLS)] + [hand_record(HAND_TEXT)]
    html = render_report(records)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert [h for h in hrefs if not h.startswith("#")] == ["https://news.example/hand"]
    assert "javascript:" not in "".join(hrefs).lower()
    # the refused URL is still shown, escaped, as text
    assert (
        '<span class="url" title="not an http(s) URL: shown as text, not linked">javascript:alert(document.domain)//</span>'
        in html
    )
    assert "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_report_csp_allows_only_its_own_inline_script_and_style():
    html = render_report([hand_record(HAND_TEXT)])
    csp = (
        re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1).replace("&#39;", "'")
    )
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives == {
        "default-src": "'none'",
        "script-src": _hash(script),
        "style-src": _hash(style),
        "base-uri": "'none'",
        "form-action": "'none'",
    }
    assert "unsafe" not in csp
    # the policy comes before anything it governs, and nothing needs more than it allows
    assert html.index("Content-Security-Policy") < html.index("<style>") < html.index("<script>")
    assert not re.search(r"<[a-z][^>]*\s(on[a-z]+|style)=", html)  # no inline handlers or styles, which it blocks


def test_report_script_urls_do_not_run_in_the_browser(browser, tmp_path):
    records = [url_record(url, n) for n, url in enumerate(SCRIPT_URLS)] + [hand_record(HAND_TEXT)]
    path = tmp_path / "report.html"
    write_report(records, path, title="links")
    page, seen = open_report(browser, path)
    for record in records[:-1]:
        meta = page.locator(f'article[data-doc-id="{record.doc_id}"] .meta')
        assert meta.locator("a").count() == 0, record.source.url
        shown = meta.locator(".url")
        assert shown.count() == 1
        shown.click()
        page.wait_for_timeout(50)
    assert page.evaluate("() => [document.title, typeof window.pwned, location.protocol]") == [
        "links",
        "undefined",
        "file:",
    ]
    assert seen["dialogs"] == [] and seen["errors"] == []
    # the http(s) source is still a link, and opens without telling the site where it came from
    link = page.locator('article[data-doc-id="hand0001"] .meta a.url')
    assert link.get_attribute("href") == "https://news.example/hand"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert not [m for m in seen["console"] if "Content Security Policy" in m]
    page.close()


@pytest.mark.parametrize("command", ["report", "stix", "csv"])
def test_exports_replace_a_symlink_planted_at_their_path_instead_of_following_it(tmp_path, command):
    """`-o` / `--to` through a planted symbolic link must not overwrite the file it points to."""
    from typer.testing import CliRunner

    from pipeline.cli import app
    from tests.export.test_reading import corpus_records_path

    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    name = {"report": "report.html", "stix": "bundle.json", "csv": "claims.csv"}[command]
    link = tmp_path / name
    link.symlink_to(victim)
    if command == "report":
        args = ["report", str(corpus_records_path()), "-o", str(link)]
    else:
        args = ["export", str(corpus_records_path()), "--to", str(link)]
        args += ["--format", "stix"] if command == "stix" else []
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "precious\n"
    assert not link.is_symlink() and link.stat().st_size > 100
    assert not list(tmp_path.glob(".*.tmp"))
