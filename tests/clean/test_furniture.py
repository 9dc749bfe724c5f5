"""The furniture table: it loads, every kind has an example, and body sentences are left alone."""

import pytest

from pipeline.clean.furniture import FURNITURE_TABLE, drop_lines, find_furniture, load_rules
from pipeline.data import read_rows

FURNITURE_LINES = [
    ("credit", "Photo by Kevin Frayer/Getty Images"),
    ("credit", "Image: Jane Roe/Reuters"),
    ("credit", "(Reporting by Will Dunham; Editing by Tom Brown)"),
    ("credit", "Associated Press writer Alan Fram contributed to this report."),
    ("copyright", "© 2025 Example Media LLC. All rights reserved."),
    ("copyright", "Copyright 2019 Dow Jones & Company, Inc. All Rights Reserved"),
    ("copyright", "This copy is for your personal, non-commercial use only."),
    ("newsletter", "Like Example News? Sign up for our newsletters and get stories like this direct to your inbox."),
    ("newsletter", "Get the Ledger morning briefing. Subscribe for free."),
    ("newsletter", "Like our coverage? Get the Example Times in your inbox every weekday morning. Sign up here."),
    ("newsletter", "Cyber Brief — The week in cybersecurity, explained. Sign up to get it every Wednesday."),
    ("tip", "Want to leave a tip?"),
    ("tip", "Send documents securely through our tip line."),
    ("tip", "Support independent journalism: become a member today."),
    ("conversation", "Want to join the conversation?"),
    ("conversation", "12 Comments"),
    ("subscriber", "Already a subscriber?"),
    ("subscriber", "Log in"),
    ("share", "Follow us on Twitter @example and on Facebook."),
    ("share", "Advertisement"),
    ("related", "READ MORE: Hackers hit another water utility"),
    ("disclosure", "If you buy something through this post, Example may get a share of the sale."),
]


def test_clean_furniture_table_rows_are_well_formed():
    rows = read_rows(FURNITURE_TABLE)
    assert rows and all(len(row) == 3 for row in rows)
    rules = load_rules()
    kinds = {rule.kind for rule in rules.rules}
    assert {
        "credit",
        "copyright",
        "newsletter",
        "tip",
        "conversation",
        "subscriber",
        "handle",
        "byline",
        "bio",
    } <= kinds


@pytest.mark.parametrize(("kind", "line"), FURNITURE_LINES)
def test_clean_furniture_line_is_recognised_anywhere(kind, line):
    hit = load_rules().match(line, where="body")
    assert hit is not None and hit[0].kind == kind


@pytest.mark.parametrize(
    "line",
    [
        "The agency said it would sign up for a newsletter service run by CISA, officials told reporters on Monday.",
        "Photographs of the control room showed the operators' screens going dark one after another that evening.",
        "John Hultquist is the chief analyst at Google Threat Intelligence.",
        "By Monday, the company had restored most of its systems.",
        "@example",
        "“We will not comment on ongoing investigations,” the spokesperson said.",
    ],
)
def test_clean_furniture_body_sentences_are_not_furniture(line):
    assert load_rules().match(line, where="body") is None


def test_clean_furniture_trailing_block_gives_author_and_bridges_short_lines():
    lines = [
        "Body paragraph one says what happened, and who said it, in enough words to be a paragraph.",
        "",
        "Want to leave a tip?",
        "Our reporters read every message.",
        "Ana Ortiz",
        "",
        "Ana Ortiz is a staff writer for the Example Ledger.",
        "@ana_writes",
    ]
    found = find_furniture(lines)
    assert found.authors == ["Ana Ortiz"]
    assert drop_lines("\n".join(lines), found.drop) == lines[0]


def test_clean_furniture_long_trailing_list_is_body():
    items = [f"{i}) An item of a list that belongs to the article" for i in range(6)]
    lines = ["Intro paragraph of the article with enough words to count as body text here.", *items, "Share"]
    found = find_furniture(lines)
    assert found.drop == {len(lines) - 1}


def test_clean_furniture_drop_lines_keeps_lines_and_squeezes_blanks():
    text = "a\n\nfurniture\n\nb  \n\n\nc"
    assert drop_lines(text, {2}) == "a\n\nb  \n\nc"


@pytest.mark.parametrize(
    ("copyright_line", "bio", "site"),
    [
        (
            "© 2025 Example Line Media. All rights reserved.",
            "Ana Ortiz is a staff writer for Example Line.",
            "Example Line",
        ),
        ("© 2025 Blaze Media LLC. All rights reserved.", "Ana Ortiz is a staff writer for Blaze News.", "Blaze Media"),
        ("", "Ana Ortiz is a staff writer for The Longwave.", "The Longwave"),
    ],
)
def test_clean_furniture_site_from_copyright_or_bio(copyright_line, bio, site):
    lines = [copyright_line, "A headline about hackers", "Body paragraph with enough words to count as the body.", bio]
    assert find_furniture(lines).site == site
