"""Authors named in unusual markup: a trailing "Author" label, an "Author" heading in an aside, an author's
picture, a byline that is a user name."""

import pytest
from trafilatura.utils import load_html

from pipeline.clean.author_pick import pick_authors
from pipeline.clean.authors import people
from pipeline.clean.page import Page

URL = "https://www.packetline.example/security/spies-read-email"
BODY = (
    "<article><h1>Spies read email</h1><p>Hackers working for a foreign intelligence service spent nearly three "
    "months reading the email of senior executives at a software maker, the company said.</p></article>"
)


def _page(body: str) -> Page:
    html = f"<html><head><title>Spies read email</title></head><body>{BODY}{body}</body></html>"
    return Page(load_html(html), URL, html)


def test_a_trailing_author_label_is_a_role():
    assert people("Ana Ortiz | Author", _page(""), stated=False) == ["Ana Ortiz"]


def test_an_author_heading_in_an_aside_names_the_author_in_the_next_element():
    assert pick_authors(_page("<aside><h3>Author</h3><p>Lisa D. Ellis</p></aside>")) == (["Lisa D. Ellis"], "byline")


def test_an_aside_without_an_author_label_names_nobody():
    assert pick_authors(_page("<aside><h3>More</h3><p>By Lisa Ellis</p></aside>")) == ([], None)


def test_an_authors_picture_names_the_author():
    body = '<div class="post_author-image"><img src="/a.jpg" alt="Photo of Ana Ortiz"></div>'
    assert pick_authors(_page(body)) == (["Ana Ortiz"], "byline")


def test_a_picture_outside_an_author_box_names_nobody():
    assert pick_authors(_page('<div class="hero"><img src="/a.jpg" alt="Ana Ortiz"></div>')) == ([], None)


def test_a_byline_with_a_lead_in_may_be_a_user_name():
    body = '<span class="story-byline">Posted by BeauHD on Friday December 19, 2025 @08:00PM</span>'
    assert pick_authors(_page(body)) == (["BeauHD"], "byline")


def test_a_byline_user_name_linked_to_its_user_page():
    body = '<span class="author"><a href="/users/jsteinhardt?from=post">jsteinhardt</a></span>'
    assert pick_authors(_page(body)) == (["jsteinhardt"], "byline")


def test_a_lone_word_in_a_byline_box_is_no_user_name():
    assert pick_authors(_page('<span class="author-meta">August</span><span class="byline">profile</span>')) == (
        [],
        None,
    )


def test_a_weekday_after_a_user_name_is_date_noise():
    body = '<span class="story-byline">Posted by BeauHD on Friday @08:00PM from the jobs dept.</span>'
    assert people("Posted by BeauHD on Friday @08:00PM", _page(""), stated=False) == ["BeauHD"]
    assert pick_authors(_page(body + '<div class="details">by Zuck Enabler</div>')) == (["BeauHD"], "byline")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("<p>by   ibby</p>", "ibby"),
        ("<div>Written by Eliz</div>", "Eliz"),
        ('<span class="posted">Posted by David at December 16, 2025 11:15 AM</span>', "David"),
    ],
)
def test_a_lead_in_on_its_own_line_vouches_for_a_one_word_name(line, name):
    assert pick_authors(_page(line)) == ([name], "byline")


@pytest.mark.parametrize(
    "line",
    [
        '<p>Bill clients <a href="/fixed">by project</a> instead.</p>',
        "<ul><li>By Category</li><li>By Manufacturer</li></ul>",
        "<p>Written Communication</p>",
    ],
)
def test_a_lead_in_word_inside_a_sentence_or_a_menu_names_nobody(line):
    assert pick_authors(_page(line)) == ([], None)


def test_a_template_field_path_in_the_author_tag_is_no_author():
    head = '<meta name="author" content="page.head.extra.author">'
    html = f"<html><head>{head}</head><body>{BODY}</body></html>"
    assert pick_authors(Page(load_html(html), URL, html)) == ([], None)


def test_an_aside_around_the_pages_main_is_no_sidebar():
    body = '<main><div class="blog-meta"><span class="blog-meta-author">Tim Enwall</span></div></main>'
    html = f"<html><body><aside class='banner'>{body}{BODY}</aside></body></html>"
    assert pick_authors(Page(load_html(html), URL, html)) == (["Tim Enwall"], "byline")


def test_a_contributors_label_names_the_author_after_it():
    assert pick_authors(_page("<div><strong>Contributors:</strong> Janet Loughrey</div>")) == (
        ["Janet Loughrey"],
        "byline",
    )


def test_a_stated_user_name_yields_to_the_person_the_byline_shows():
    head = '<meta name="author" content="andrew.keaveney">'
    body = '<div class="author-info"><span>Denise Everheart</span></div>'
    html = f"<html><head>{head}</head><body>{BODY}{body}</body></html>"
    assert pick_authors(Page(load_html(html), URL, html)) == (["Denise Everheart"], "byline")


@pytest.mark.parametrize(("value", "credit"), [("packetline", "packetline"), ("PacketLine.com", "PacketLine.com")])
def test_the_sites_own_handle_or_domain_in_the_author_tag_is_its_credit(value, credit):
    html = f'<html><head><meta name="author" content="{value}"></head><body>{BODY}</body></html>'
    assert pick_authors(Page(load_html(html), URL, html)) == ([credit], "meta")


def test_the_sites_own_handle_in_a_byline_is_its_credit():
    assert pick_authors(_page('<p class="byline">by packetline | Apr 21, 2025</p>')) == (["packetline"], "byline")
