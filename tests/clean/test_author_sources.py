"""Authors named in unusual markup: a trailing "Author" label, an "Author" heading in an aside, an author's
picture, a byline that is a user name."""

from trafilatura.utils import load_html

from pipeline.clean.authors import people, pick_authors
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
