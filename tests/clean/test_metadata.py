"""HTML metadata: the headline not the <title>, the people who wrote it, the publication date, and where each
was read. Every page here is hand-made and names no real site."""

import json

import pytest
from trafilatura.utils import load_html

from models import ArticleRecord
from pipeline.clean.authors import people
from pipeline.clean.core import clean
from pipeline.clean.dates import _is_update as is_update_label
from pipeline.clean.dates import parse_date, url_date
from pipeline.clean.metadata import page_metadata
from pipeline.clean.page import Page
from pipeline.clean.titles import strip_site
from pipeline.documents import Provenance, RawDocument

URL = "https://www.packetline.example/security/spies-read-email"
BODY = (
    "<p>Hackers working for a foreign intelligence service spent nearly three months reading the email of senior "
    "executives at a software maker, according to a report released on Wednesday by the company.</p>"
    "<p>The company said it had notified other customers whose cloud tenants showed signs of the same technique, "
    "and that it was working with national authorities in several countries to contain the intrusion.</p>"
)


def _page(head: str = "", body: str = "", url: str | None = URL) -> Page:
    html = f"<html><head>{head}</head><body>{body}<article>{BODY}</article></body></html>"
    return Page(load_html(html), url, html)


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _clean(head: str = "", body: str = "", url: str | None = URL):
    html = f"<html><head>{head}</head><body>{body}<article>{BODY}</article></body></html>"
    return clean(RawDocument(Provenance(url=url), "html", html.encode("utf-8")))


# Title ---------------------------------------------------------------------------------------------------------


def test_title_site_suffix_is_stripped_by_the_pages_own_site_name():
    page = _page(
        '<title>Spies read email for months | Packet Line</title><meta property="og:site_name" content="Packet Line">'
    )
    assert page_metadata(page).title == "Spies read email for months"
    assert page_metadata(page).sources["title"] == "title-tag"


def test_title_keeps_its_own_colons_and_dashes():
    head = '<title>Volt Typhoon: what we know - so far | Northgate Review</title><meta property="og:site_name" content="Northgate Review">'
    assert page_metadata(_page(head, url=None)).title == "Volt Typhoon: what we know - so far"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Packet Line: Spies read email for months", "Spies read email for months"),
        ("Spies read email for months - Packet Line News", "Spies read email for months"),  # the domain's words
        ("Spies read email for months – packetline.example", "Spies read email for months"),
        ("Spies read email for months | Packet Line | Security news you can use", "Spies read email for months"),
        ("Lessons: Spies read email for months", "Lessons: Spies read email for months"),  # not the site's name
    ],
)
def test_title_site_prefixes_and_suffixes(title, expected):
    assert strip_site(title, _page('<meta property="og:site_name" content="Packet Line">')) == expected


def test_title_is_the_headline_when_it_agrees_with_og_title():
    head = (
        "<title>Spies read email for months (and what to do) | Packet Line</title>"
        '<meta property="og:title" content="Spies read email for months (and what to do)">'
    )
    meta = page_metadata(_page(head, "<h1>Spies read email for months (and what to do)</h1>"))
    assert (meta.title, meta.sources["title"]) == ("Spies read email for months (and what to do)", "h1")


def test_title_a_site_name_h1_is_no_headline():
    head = (
        '<title>Spies read email for months - Packet Line</title><meta property="og:site_name" content="Packet Line">'
    )
    assert page_metadata(_page(head, "<h1>Packet Line</h1>")).title == "Spies read email for months"


# Authors -------------------------------------------------------------------------------------------------------


def test_authors_json_ld_nested_list_with_id_references():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": "Spies",
                "author": [{"@id": "#ana"}, {"@type": "Person", "name": "Ben Lee"}],
            },
            {"@type": "Person", "@id": "#ana", "name": "Ana Ortiz"},
        ],
    }
    meta = page_metadata(_page(_ld(graph)))
    assert meta.authors == ("Ana Ortiz", "Ben Lee") and meta.sources["authors"] == "json-ld"


def test_authors_byline_by_a_and_b_staff_writers():
    meta = page_metadata(_page(body='<div class="byline">By Ana Ortiz and Ben Lee, Staff Writers</div>'))
    assert meta.authors == ("Ana Ortiz", "Ben Lee") and meta.sources["authors"] == "byline"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Ana Ortiz and Ben Lee, Staff Writers", ["Ana Ortiz", "Ben Lee"]),
        ("Written by Ana Ortiz | Senior Correspondent", ["Ana Ortiz"]),
        ("Ana Ortiz, Ben Lee & Chen Wu", ["Ana Ortiz", "Ben Lee", "Chen Wu"]),
        ("By Ana Ortiz March 17, 2025", ["Ana Ortiz"]),
        ("Ana Ortiz, MD Reviewed by Ben Lee, RN", ["Ana Ortiz"]),
        ("By Ana Ortiz for Packet Line", ["Ana Ortiz"]),
        ("By A. J. Neal", ["A. J. Neal"]),
        ("https://social.example/ana", []),
        ("admin", []),
    ],
)
def test_authors_values_are_cleaned_to_people(value, expected):
    assert people(value, _page('<meta property="og:site_name" content="Packet Line">')) == expected


@pytest.mark.parametrize(
    ("head", "credit", "source"),
    [
        ('<meta name="author" content="Northgate Media Inc.">', "Northgate Media Inc", "meta"),
        ('<meta name="author" content="The Packet Line Editorial Team">', "The Packet Line Editorial Team", "meta"),
        (
            '<meta name="author" content="PacketLine"><meta property="og:site_name" content="PacketLine">',
            "PacketLine",
            "meta",
        ),
        (
            _ld({"@type": "Article", "headline": "Spies", "author": {"@type": "Organization", "name": "Northgate"}}),
            "Northgate",
            "json-ld",
        ),
    ],
)
def test_authors_an_organisation_credited_in_a_field_is_kept_when_no_person_is_named(head, credit, source):
    meta = page_metadata(_page(head))
    assert meta.authors == (credit,) and meta.sources["authors"] == source


def test_authors_a_person_named_anywhere_beats_an_organisation_credit():
    head = '<meta name="author" content="Northgate Media Inc.">'
    meta = page_metadata(_page(head, '<p class="byline">By Ana Ortiz</p>'))
    assert meta.authors == ("Ana Ortiz",)


@pytest.mark.parametrize(
    ("byline", "credit"),
    [
        ('<p class="byline">By the Packet Line Team</p>', "the Packet Line Team"),
        ('<p class="author-name">Northgate Media Inc. · March 17, 2025</p>', "Northgate Media Inc"),
        ('<p class="byline">Packet Line</p>', "Packet Line"),  # the site's own name
    ],
)
def test_authors_a_desk_or_the_site_credited_in_a_byline_is_kept_when_no_person_is_named(byline, credit):
    meta = page_metadata(_page('<meta property="og:site_name" content="Packet Line">', byline))
    assert meta.authors == (credit,) and meta.sources["authors"] == "byline"


@pytest.mark.parametrize(
    "byline",
    [
        '<p class="byline">Staff</p>',  # only a desk word: no credit
        '<p class="author">Northgate</p>',  # neither a desk nor the site, and one word short of a person
        '<p class="author">Share on Bluesky</p>',
    ],
)
def test_authors_a_byline_that_credits_no_one_is_no_author(byline):
    assert page_metadata(_page("<title>Spies</title>", byline)).authors == ()


def test_authors_a_person_on_behalf_of_a_group():
    assert people("Dec. 19, 2025 · Ana Ortiz on behalf of the Vision Group", _page(), stated=False) == ["Ana Ortiz"]


def test_authors_the_byline_under_the_headline_beats_a_stated_account():
    head = '<meta name="author" content="Luke Daigle">'
    meta = page_metadata(_page(head, "<h1>Spies read email for months</h1><p>By: Paul Fenaroli</p>"))
    assert (meta.authors, meta.sources["authors"]) == (("Paul Fenaroli",), "byline")


def test_authors_a_one_word_name_in_the_byline_under_the_headline():
    meta = page_metadata(_page(body="<h1>Spies read email for months</h1><p>by Amanda · Dec 20, 2025</p>"))
    assert meta.authors == ("Amanda",)


def test_authors_a_headline_byline_word_after_the_date_is_no_name():
    head = '<meta name="author" content="Bryon Powell">'
    body = "<h1>Spies read email for months</h1><p>By Bryon Powell on March 1, 2026 | Comments</p>"
    assert page_metadata(_page(head, body)).authors == ("Bryon Powell",)


def test_authors_a_desk_of_two_organisation_words_is_a_credit():
    meta = page_metadata(_page(body="<h1>Spies read email for months</h1><p>by Marketing Team</p>"))
    assert meta.authors == ("Marketing Team",)


def test_authors_none_when_the_page_names_none():
    assert page_metadata(_page("<title>Spies</title>", '<a href="/people/">Our people</a>')).authors == ()


def test_authors_a_personal_site_keeps_its_author():
    head = _ld({"@type": "BlogPosting", "author": {"@type": "Person", "name": "Ana Ortiz"}})
    assert page_metadata(_page(head, url="https://anaortiz.example/post")).authors == ("Ana Ortiz",)


# Dates ---------------------------------------------------------------------------------------------------------


def test_date_modified_is_never_taken_over_published():
    head = '<meta property="article:modified_time" content="2025-05-01T09:00:00Z">' + _ld(
        {"@type": "NewsArticle", "dateModified": "2025-05-01", "datePublished": "2025-03-17T08:00:00-04:00"}
    )
    meta = page_metadata(_page(head))
    assert (meta.published, meta.sources["published"]) == ("2025-03-17", "json-ld")


def test_date_only_a_modified_date_means_undated():
    head = '<meta property="article:modified_time" content="2025-05-01T09:00:00Z">'
    meta = page_metadata(_page(head, url="https://packetline.example/spies"))
    assert meta.published is None and "published" not in meta.sources


def test_date_an_update_time_element_is_not_the_publication_date():
    body = '<p class="dates">Updated <time datetime="2025-05-01">May 1, 2025</time></p>'
    assert page_metadata(_page(body=body)).published is None


def test_date_url_date_is_the_fallback():
    meta = page_metadata(_page(url="https://packetline.example/2025/03/17/spies-read-email/"))
    assert (meta.published, meta.sources["published"]) == ("2025-03-17", "url")


def test_date_shown_under_the_headline_beats_a_stated_one():
    head = _ld({"@type": "Article", "datePublished": "2025-06-24"})
    body = "<h1>Spies read email for months</h1><p>Ana Ortiz</p><p>August 25, 2024</p>"
    meta = page_metadata(_page(head, body))
    assert (meta.published, meta.sources["published"]) == ("2024-08-25", "text")


def test_date_stated_is_kept_when_the_headline_shows_it_a_day_apart():
    head = _ld({"@type": "Article", "datePublished": "2025-03-18T01:00:00Z"})
    meta = page_metadata(_page(head, "<h1>Spies read email for months</h1><p>March 17, 2025</p>"))
    assert (meta.published, meta.sources["published"]) == ("2025-03-18", "json-ld")


def test_date_a_shown_update_yields_to_a_stated_meta_publication_date():
    head = '<meta property="article:published_time" content="2019-09-16T08:00:00Z">'
    meta = page_metadata(_page(head, "<h1>Spies read email for months</h1><p>Last updated: February 28, 2026</p>"))
    assert (meta.published, meta.sources["published"]) == ("2019-09-16", "meta")


def test_date_a_shown_update_beats_a_json_ld_publication_date_the_page_never_shows():
    head = _ld({"@type": "Article", "datePublished": "2019-09-16"})
    meta = page_metadata(_page(head, "<h1>Spies read email for months</h1><p>Last updated: February 28, 2026</p>"))
    assert (meta.published, meta.sources["published"]) == ("2026-02-28", "text")


def test_date_a_json_ld_publication_date_a_meta_tag_repeats_beats_a_shown_update():
    head = '<meta property="article:published_time" content="2019-09-16T08:00:00Z">' + _ld(
        {"@type": "Article", "datePublished": "2019-09-16"}
    )
    meta = page_metadata(_page(head, "<h1>Spies read email for months</h1><p>Last updated: February 28, 2026</p>"))
    assert (meta.published, meta.sources["published"]) == ("2019-09-16", "json-ld")


@pytest.mark.parametrize(
    ("source", "shown", "expected"),
    [
        # escaped in an attribute: read as written
        ('<div data-props="{&quot;datePublished&quot;:&quot;2025-11-17T09:00:00&quot;}"></div>', "", "2025-11-17"),
        ('<script>var d = {\\"publishDate\\":\\"2025-11-17\\"};</script>', "", "2025-11-17"),
        # a date only the source holds yields to the update the headline shows...
        ('<script>var d = {"publishDate": "2023-04-07"};</script>', "<p>Updated: December 31, 2024</p>", "2024-12-31"),
        # ...but not when the page writes it out
        (
            '<script>var d = {"publishDate": "2023-04-07"};</script>',
            "<p>Updated: December 31, 2024</p><footer><p>First published April 7, 2023</p></footer>",
            "2023-04-07",
        ),
    ],
)
def test_date_a_publication_date_in_the_pages_source(source, shown, expected):
    body = f"<h1>Spies read email for months</h1>{shown}{source}"
    meta = page_metadata(_page(body=body, url="https://packetline.example/spies"))
    assert meta.published == expected


def test_date_a_json_ld_publication_date_the_page_writes_beats_a_shown_update():
    head = _ld({"@type": "Article", "datePublished": "2019-09-16"})
    body = (
        "<h1>Spies read email for months</h1><p>Last updated: February 28, 2026</p>"
        "<footer><p>First published September 16, 2019</p></footer>"
    )
    assert page_metadata(_page(head, body)).published == "2019-09-16"


def test_date_a_labelled_publication_date_beats_a_stated_date_the_update_shows():
    head = _ld({"@type": "Article", "datePublished": "2025-08-21"})
    body = "<h1>Spies read email for months</h1><p>By Ana Ortiz, Published Apr 26, 2023 Updated Aug 21, 2025</p>"
    meta = page_metadata(_page(head, body))
    assert (meta.published, meta.sources["published"]) == ("2023-04-26", "text")


def test_date_a_shown_date_the_page_states_as_its_modification_yields_to_the_publication_date():
    head = (
        '<meta property="article:published_time" content="2022-01-03T10:00:00Z">'
        '<meta property="article:modified_time" content="2025-11-03T10:00:00Z">'
    )
    meta = page_metadata(_page(head, "<h1>Spies read email for months</h1><p>November 3, 2025</p>"))
    assert (meta.published, meta.sources["published"]) == ("2022-01-03", "meta")


STANDFIRST = "<p>" + "A long standfirst that tells the reader what the article holds and why. " * 6 + "</p>"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<p>Published March 9, 2026</p>", "2026-03-09"),  # labelled: read further under the headline
        ("<p>Ana Ortiz</p><p>August 25, 2024</p>", "2024-08-25"),  # after the author's name: the byline's date
        ("<p>Valid until March 9, 2026</p>", None),  # neither: too far to be the headline's
    ],
)
def test_date_labelled_or_byline_dates_further_under_the_headline(line, expected):
    head = '<meta name="author" content="Ana Ortiz">'
    body = f"<h1>Spies read email for months</h1>{STANDFIRST}{line}"
    assert page_metadata(_page(head, body, url="https://packetline.example/spies")).published == expected


def test_date_a_numeric_date_is_read_the_way_that_gives_the_stated_date():
    head = _ld({"@type": "Article", "datePublished": "2024-09-10"})
    meta = page_metadata(_page(head, "<h1>Spies read email for months</h1><p>By Ana Ortiz 09.10.2024</p>"))
    assert meta.published == "2024-09-10"


def test_date_a_modified_class_extending_a_date_class_is_an_update():
    assert is_update_label("has-link-color post-date__modified-date post-date")
    assert not is_update_label("entry-date published updated")  # a publication date also marked updated
    assert not is_update_label("Published: Apr 26, 2023 |")


def test_date_a_shown_update_is_the_date_when_the_page_states_no_other():
    body = "<h1>Spies read email for months</h1><p>By Ana Ortiz</p><p>Updated on: December 11, 2025</p>"
    assert page_metadata(_page(body=body)).published == "2025-12-11"


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("EditorialNovember 22, 2018", "2018-11-22"),  # glued to a label
        ("Dec 17, 2025Ana Ortiz", "2025-12-17"),  # glued to the byline
        ("Published: 2025.12.17 | Essay", "2025-12-17"),
        ("03/01/2017 by Ana Ortiz", "2017-03-01"),  # slashed: month first
        ("17.05.2021", "2021-05-17"),  # dotted: day first
    ],
)
def test_date_shown_forms(shown, expected):
    meta = page_metadata(_page(body=f"<h1>Spies read email for months</h1><p>{shown}</p>"))
    assert meta.published == expected


def test_date_shown_around_the_title_when_the_page_has_no_h1():
    body = "<div>Spies read email for months</div><div>Team</div><p>Feb 16, 2026</p>"
    head = '<meta property="og:title" content="Spies read email for months">'
    assert page_metadata(_page(head, body)).published == "2026-02-16"


def test_date_written_under_the_headline():
    meta = page_metadata(_page(body="<h1>Spies read email for months</h1><p>Published March 17, 2025</p>"))
    assert (meta.published, meta.sources["published"]) == ("2025-03-17", "text")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-17T08:00:00-04:00", "2025-03-17"),
        ("Mon, 17 Mar 2025 08:00:00 GMT", "2025-03-17"),
        ("March 17th, 2025", "2025-03-17"),
        ("17 March 2025", "2025-03-17"),
        ("05/03/2025", None),  # day-first or month-first: cannot tell
        ("1970-01-01", None),
    ],
)
def test_date_parse(value, expected):
    assert parse_date(value) == expected


def test_date_url_forms():
    assert url_date("https://x.example/news/2024-11-05-story") == "2024-11-05"
    assert url_date("https://x.example/news/20241105/story") == "2024-11-05"
    assert url_date("https://x.example/news/2024/story") is None
    assert url_date("https://x.example/blog/2023/october/03/story") == "2023-10-03"


# Sources -------------------------------------------------------------------------------------------------------


def test_sources_filled_for_every_field_found_and_carried_into_the_record():
    head = (
        '<title>Spies read email for months | Packet Line</title><meta property="og:site_name" content="Packet Line">'
        '<meta name="author" content="Ana Ortiz"><meta property="article:published_time" content="2025-03-17">'
    )
    article = _clean(head, "<h1>Spies read email for months</h1>")
    assert article.title == "Spies read email for months" and article.authors == ("Ana Ortiz",)
    assert article.published == "2025-03-17" and article.site == "Packet Line"
    assert article.metadata_sources == {"title": "h1", "authors": "meta", "published": "meta", "site": "meta"}


def test_sources_empty_fields_have_none_and_the_site_falls_back_to_the_domain():
    article = _clean(url="https://packetline.example/spies")
    assert article.authors == () and article.published is None
    assert article.site == "packetline.example" and article.metadata_sources["site"] == "domain"
    assert set(article.metadata_sources) <= {"title", "site"}


def test_sources_text_inputs_name_their_hints():
    raw = RawDocument(
        Provenance(path="a.txt"),
        "text",
        "Spies read email\n\nBy Ana Ortiz\n\n" + "Body text here. " * 10,
        {"published": "2025-03-17"},
    )
    article = clean(raw)
    assert article.metadata_sources == {"title": "text", "authors": "text", "published": "hints"}


def test_sources_record_field_is_optional_for_older_records():
    old = {"doc_id": "x", "source": {}, "text": "t", "pipeline": {"version": "0", "model": "m"}}
    assert ArticleRecord.model_validate(old).metadata_sources == {}


# Encoding and body ---------------------------------------------------------------------------------------------


def test_encoding_double_encoded_utf8_is_repaired_and_real_text_left_alone():
    from pipeline.clean.encoding import decode, repair_mojibake

    text = "A DIY Investor’s Guide — the “étude”"
    as_latin1 = text.encode().decode("latin-1").encode("utf-8")  # the page's bytes say "Investorâ\x80\x99s"
    assert decode(as_latin1, html=True) == text
    as_cp1252 = "Investor’s Guide — the étude".encode().decode("cp1252").encode("utf-8")  # "Investorâ€™s"
    assert decode(as_cp1252, html=True) == "Investor’s Guide — the étude"
    assert repair_mojibake("Café © 2025 Â© naïve Zürich") == "Café © 2025 Â© naïve Zürich"


class _Doc:
    def __init__(self, text):
        self.text = text


def _stub_extraction(monkeypatch, precise: str, balanced: str, wide: str | None = None) -> list[str]:
    """trafilatura replaced by a stub: the precise pass gives ``precise``, the balanced one ``balanced``, the one
    favouring recall ``wide`` (the balanced text when not given)."""
    import pipeline.clean.core as core

    calls: list[str] = []

    def bare_extraction(tree, url=None, **options):
        kind = "precise" if options.get("favor_precision") else "wide" if options.get("favor_recall") else "balanced"
        calls.append(kind)
        return _Doc({"precise": precise, "balanced": balanced, "wide": balanced if wide is None else wide}[kind])

    monkeypatch.setattr(core.trafilatura, "bare_extraction", bare_extraction)
    return calls


PARAGRAPH = "The intruders used stolen credentials to reach the mail servers and stayed for weeks. "


def test_body_balanced_pass_taken_when_the_precise_pass_lost_most_of_the_page(monkeypatch):
    page = "".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(8))
    calls = _stub_extraction(monkeypatch, precise=PARAGRAPH * 3, balanced="\n".join([PARAGRAPH * 3] * 8))
    article = clean(RawDocument(Provenance(url=URL), "html", f"<html><body>{page}</body></html>".encode()))
    assert calls == ["precise", "balanced", "wide"] and article.text.count("intruders") == 24


def test_body_recall_pass_taken_when_it_holds_more_than_the_balanced_one(monkeypatch):
    page = "".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(8))
    balanced, wide = "\n".join([PARAGRAPH * 3] * 4), "\n".join([PARAGRAPH * 3] * 8)
    calls = _stub_extraction(monkeypatch, precise=PARAGRAPH * 3, balanced=balanced, wide=wide)
    article = clean(RawDocument(Provenance(url=URL), "html", f"<html><body>{page}</body></html>".encode()))
    assert calls == ["precise", "balanced", "wide"] and article.text.count("intruders") == 24


def test_body_no_recall_pass_when_the_balanced_one_was_not_taken(monkeypatch):
    page = "".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(8))
    calls = _stub_extraction(monkeypatch, precise=PARAGRAPH * 3, balanced=PARAGRAPH * 4)
    article = clean(RawDocument(Provenance(url=URL), "html", f"<html><body>{page}</body></html>".encode()))
    assert calls == ["precise", "balanced"] and article.text.count("intruders") == 3


def test_body_no_second_pass_when_the_precise_body_holds_the_page(monkeypatch):
    page = "".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(8))
    precise = "\n".join([PARAGRAPH * 3] * 8)
    calls = _stub_extraction(monkeypatch, precise=precise, balanced=precise + "\nRelated stories")
    article = clean(RawDocument(Provenance(url=URL), "html", f"<html><body>{page}</body></html>".encode()))
    assert calls == ["precise"] and "Related" not in article.text
