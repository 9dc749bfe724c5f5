"""Reading a record's ``published`` for exports: whatever it holds, a timestamp or a reason (issue 12, finding 2)."""

import pytest

from pipeline.export.dates import Published, read_published


@pytest.mark.parametrize(
    ("value", "timestamp"),
    [
        ("2024-01-05", "2024-01-05T00:00:00Z"),
        (" 2024-01-05 ", "2024-01-05T00:00:00Z"),
        ("2024-01-05T10:00:00+02:00", "2024-01-05T08:00:00Z"),
        ("2024-01-05T10:00:00.123456Z", "2024-01-05T10:00:00Z"),
        ("2024-01-05 10:00", "2024-01-05T10:00:00Z"),  # no offset: taken as UTC
        ("Jan 5, 2024", "2024-01-05T00:00:00Z"),
        ("January 5, 2024", "2024-01-05T00:00:00Z"),
        ("5 January 2024", "2024-01-05T00:00:00Z"),
        ("Fri, 05 Jan 2024 10:00:00 GMT", "2024-01-05T10:00:00Z"),
        ("0001-01-01", "0001-01-01T00:00:00Z"),
    ],
)
def test_dates_read_published(value, timestamp):
    assert read_published(value) == Published(timestamp)


@pytest.mark.parametrize("value", ["2024-13-45", "01/05/2024", "Jan 2024", "yesterday", "x" * 500])
def test_dates_unreadable_published_says_why(value):
    published = read_published(value)
    assert published.timestamp is None and published.date == ""
    assert published.problem.startswith("published '") and "is not a date" in published.problem
    assert len(published.problem) < 100


def test_dates_out_of_range_and_absent():
    assert read_published("0001-01-01T00:00:00+05:00").problem.endswith("is out of range")
    assert read_published(None) == read_published("  ") == Published(None)
