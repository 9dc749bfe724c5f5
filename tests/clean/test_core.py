"""The clean stage: .txt wording kept exactly, furniture dropped as whole lines, HTML metadata, charsets."""

import codecs
import json

import pytest

from pipeline.clean.core import clean
from pipeline.documents import Provenance, RawDocument
from pipeline.errors import InputError
from tests.conftest import CORPUS, SEEDS

BODY = (
    "Officials said the intrusion began in March.\n\n"
    "“We saw the same tooling in both cases,” said Dana Ruiz, an analyst at Mandiant.\n"
)


def _text(content, **hints):
    return clean(RawDocument(Provenance(path="a.txt"), "text", content, hints))


def _html(content, url=None, **hints):
    return clean(RawDocument(Provenance(url=url), "html", content, hints))


def test_clean_seed_furniture_gone_title_author_site_right(seed_text):
    gold = json.loads((SEEDS / "blaze-volt-typhoon.gold.json").read_text(encoding="utf-8"))
    article = _text(seed_text.encode("utf-8"))
    for furniture in gold["must_not_be_in_body"]:
        assert furniture not in article.text
    assert article.title == gold["metadata"]["title"]
    assert list(article.authors) == gold["metadata"]["authors"]
    assert article.site == gold["metadata"]["site"]
    assert article.language == "en"
    assert article.text.startswith("The communist regime apparently winked")
    assert article.text.endswith("so-called disinformation.")


def test_clean_seed_kept_lines_are_the_files_lines_unchanged(seed_text):
    article = _text(seed_text.encode("utf-8"))
    source_lines = set(seed_text.replace("\r\n", "\n").split("\n"))
    assert all(line in source_lines for line in article.text.split("\n"))
    assert article.text.count("“") == seed_text.count("“") and article.text.count('"') == seed_text.count('"')


def test_clean_corpus_txt_articles_lose_no_body_line():
    paths = sorted((CORPUS / "articles").glob("*.txt"))
    if not paths:
        pytest.skip("corpus/articles has no .txt yet")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        article = _text(text.encode("utf-8"))
        kept = set(article.text.split("\n"))
        assert kept <= set(text.split("\n")), path.name
        long_lines = [line for line in text.split("\n") if len(line.split()) > 40]
        assert all(line in kept for line in long_lines), path.name
        assert article.title and article.authors, path.name


def test_clean_txt_crlf_becomes_lf_and_nothing_else_changes():
    article = _text(BODY.replace("\n", "\r\n").encode("utf-8"))
    assert article.text == BODY.strip("\n")


def test_clean_txt_headline_and_byline_are_metadata():
    text = "Hackers hit a water utility in Texas\n\nBy Ana Ortiz and Ben Lee\n\n" + BODY
    article = _text(text)
    assert article.title == "Hackers hit a water utility in Texas"
    assert article.authors == ("Ana Ortiz", "Ben Lee")
    assert article.text == BODY.strip("\n")


def test_clean_txt_bio_in_the_middle_of_an_article_stays():
    text = "John Hultquist is the chief analyst at Google Threat Intelligence, and he said so.\n\n" + BODY
    assert "John Hultquist is the chief analyst" in _text(text).text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF16_LE + BODY.encode("utf-16-le"), BODY),
        (codecs.BOM_UTF8 + BODY.encode("utf-8"), BODY),
        (BODY.encode("cp1252"), BODY),
    ],
)
def test_clean_txt_charsets(data, expected):
    assert _text(data).text == expected.strip("\n")


@pytest.mark.parametrize(
    ("data", "error_type"),
    [(b"", "empty"), (bytes(range(256)) * 8, "binary"), (b"\x00\x01\x02PK\x03\x04" * 100, "binary")],
)
def test_clean_bad_bytes_raise_coded_errors(data, error_type):
    with pytest.raises(InputError) as info:
        _text(data)
    assert info.value.code.error_type == error_type


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="windows-1252">
<title>Spies read executive email for months | Northgate Review</title>
<meta name="author" content="Owen Castellanos"><meta property="og:site_name" content="Northgate Review">
<meta property="article:published_time" content="2025-04-09T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/security">Security</a></nav><article>
<h1>Spies read executive email for months</h1>
<p>Hackers working for Russia’s foreign intelligence service spent nearly three months reading the email of
senior executives at a Norwegian software maker, according to a report released on Wednesday.</p>
<blockquote><p>“This is classic SVR: quiet, patient and interested in what governments are planning,” he said.</p></blockquote>
<p>Microsoft said it had notified other customers whose cloud tenants showed signs of the same technique, and
that it was working with national authorities in several countries to contain the intrusion.</p>
<p>Sign up for our security newsletter.</p>
<p>© 2025 Northgate Media LLC. All rights reserved.</p>
</article><footer>About us</footer></body></html>"""


def test_clean_html_metadata_meta_charset_quotes_and_furniture():
    article = _html(PAGE.encode("cp1252"), url="https://northgate.example/spies")
    assert article.title == "Spies read executive email for months"
    assert article.authors == ("Owen Castellanos",)
    assert article.site == "Northgate Review" and article.published == "2025-04-09"
    assert article.url == "https://northgate.example/spies" and article.language == "en"
    assert "“This is classic SVR" in article.text and "Russia’s" in article.text
    assert "newsletter" not in article.text and "All rights reserved" not in article.text
    assert not article.text.startswith("Spies read executive email")


def test_clean_html_without_article_is_no_article():
    with pytest.raises(InputError) as info:
        _html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert info.value.code.error_type == "no-article"


def test_clean_identifies_german():
    text = (
        "Die Bundesregierung hat Russland für den Cyberangriff auf das Beschaffungsamt verantwortlich gemacht, "
        "sagte ein Sprecher des Auswärtigen Amtes am Donnerstag in Berlin."
    )
    assert _text(text).language == "de"
