"""The article container's blocks that trafilatura left out are put back where the page has them."""

from trafilatura.utils import load_html

from pipeline.clean.blocks import merge_missing_blocks
from pipeline.clean.core import clean
from pipeline.documents import Provenance, RawDocument

P1 = "Hackers working for a foreign intelligence service spent nearly three months reading executives' email."
P2 = "The company said it had notified other customers whose cloud tenants showed signs of the same technique."
P3 = "It was working with national authorities in several countries to contain the intrusion, it added."


def _page(article: str, after: str = "") -> str:
    return (
        '<html><body><nav><a href="/">Home</a></nav><article><h1>Spies read email</h1>'
        f"{article}</article>{after}</body></html>"
    )


def test_a_missing_subheading_and_linked_list_are_inserted_in_place():
    html = _page(
        f"<p>{P1}</p><h2>What was taken</h2>"
        '<ul><li><a href="/a">Mail of the board</a></li><li><a href="/b">Calendar entries</a></li></ul>'
        f"<p>{P2}</p><p>{P3}</p>"
    )
    text = f"{P1}\n{P2}\n{P3}"
    assert merge_missing_blocks(load_html(html), text) == (
        f"{P1}\nWhat was taken\nMail of the board\nCalendar entries\n{P2}\n{P3}"
    )


def test_nothing_is_added_before_the_first_or_after_the_last_kept_block():
    html = _page(
        f"<h2>Share this story</h2><p>{P1}</p><p>{P2}</p><p>{P3}</p><h2>Related stories</h2><p>Other spies.</p>"
    )
    text = f"{P1}\n{P2}\n{P3}"
    assert merge_missing_blocks(load_html(html), text) == text


def test_captions_teasers_in_capitals_and_repeats_are_not_added():
    caption = '<div class="image-caption"><p>The company headquarters in March.</p></div>'
    teaser = "<p><strong>SPIES ALSO READ CABINET MAIL, REPORT SAYS</strong></p>"
    repeat = "<p>Sign up for our newsletter</p>"
    html = _page(f"<p>{P1}</p>{caption}{teaser}{repeat}<p>{P2}</p>{repeat}<p>{P3}</p>")
    text = f"{P1}\n{P2}\n{P3}"
    assert merge_missing_blocks(load_html(html), text) == f"{P1}\nSign up for our newsletter\n{P2}\n{P3}"


def test_a_page_whose_text_is_not_found_in_blocks_is_left_as_it_is():
    html = _page(f"<div>{P1}</div><h2>Heading</h2><div>{P2}</div>")
    assert merge_missing_blocks(load_html(html), f"{P1}\n{P2}") == f"{P1}\n{P2}"


def test_clean_puts_back_a_linked_list_under_its_subheading():
    items = '<ul><li><a href="/a">The mail of the board of directors</a></li><li><a href="/b">Calendar entries</a></li></ul>'
    html = _page(f"<p>{P1} {P1}</p><h2>What was taken</h2>{items}<p>{P2} {P2}</p><p>{P3} {P3}</p>")
    article = clean(RawDocument(Provenance(url="https://news.example/spies"), "html", html.encode()))
    lines = article.text.split("\n")
    assert lines[1:4] == ["What was taken", "The mail of the board of directors", "Calendar entries"]


def test_promotion_and_newsletter_boxes_and_complementary_landmarks_are_not_added():
    promo = '<div class="promo newsletter-box"><h3>Get Security Weekly</h3><p>Our editors pick the stories.</p></div>'
    inline = '<div class="box" role="complementary"><p>Our weekly letter on the region. Sign up free.</p></div>'
    html = _page(f"<p>{P1}</p>{promo}<p>{P2}</p>{inline}<p>{P3}</p>")
    text = f"{P1}\n{P2}\n{P3}"
    assert merge_missing_blocks(load_html(html), text) == text


P4 = "Investigators found the same tooling on servers in two other countries, according to the incident report."
P5 = "Officials declined to say whether any of the stolen mail had been published or passed to third parties."


def test_a_run_of_prose_after_the_last_kept_block_is_added_up_to_the_first_block_that_is_not_prose():
    after = f"<p>{P4}</p><p>{P5}</p><p>Read more</p><p>{P1} again, in a later paragraph that is prose too.</p>"
    html = _page(f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>{after}")
    text = f"{P1}\n{P2}\n{P3}"
    assert merge_missing_blocks(load_html(html), text) == f"{text}\n{P4}\n{P5}"


def test_short_linked_or_unfinished_blocks_after_the_last_kept_block_are_not_added():
    linked = f'<p><a href="/x">{P4}</a></p>'
    unfinished = (
        "<p>The ministry said the following systems were affected by the intrusion in the spring of last year</p>"
    )
    for after in (linked, unfinished, "<p>Short line.</p>"):
        html = _page(f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>{after}<p>{P5}</p>")
        text = f"{P1}\n{P2}\n{P3}"
        assert merge_missing_blocks(load_html(html), text) == text


def test_clean_drops_furniture_lines_among_the_added_blocks():
    items = (
        '<ul><li><a href="/a">The mail of the board of directors</a></li>'
        '<li><a href="/n">Sign up for our newsletter</a></li><li><a href="/b">Calendar entries</a></li></ul>'
    )
    html = _page(f"<p>{P1} {P1}</p><h2>What was taken</h2>{items}<p>{P2} {P2}</p><p>{P3} {P3}</p>")
    article = clean(RawDocument(Provenance(url="https://news.example/spies"), "html", html.encode()))
    assert "Calendar entries" in article.text
    assert "newsletter" not in article.text
