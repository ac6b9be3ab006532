from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from tui.digest.weeks import (
    SATURDAY,
    format_date,
    parse_date,
    render_title,
    title_matches_template,
    week_of_month,
)

TEMPLATE = "Weekly ML/DL News ({month}월 {week}주차)"


@pytest.mark.parametrize(
    "d, expected",
    [
        (date(2020, 6, 20), (6, 4)),
        (date(2020, 6, 13), (6, 3)),
        (date(2020, 5, 30), (5, 6)),
        (date(2020, 6, 1), (6, 1)),  # a Monday: the partial first week
        (date(2020, 6, 6), (6, 2)),  # the first Saturday opens week 2
        (date(2020, 8, 1), (8, 1)),  # a month that starts on Saturday
        (date(2020, 8, 7), (8, 1)),
        (date(2020, 8, 8), (8, 2)),
    ],
)
def test_week_vectors(d, expected):
    assert week_of_month(d) == expected


def test_week_start_is_configurable():
    # 2020-06-01 is a Monday: with Monday weeks the 8th opens week 2.
    assert week_of_month(date(2020, 6, 7), week_start=0) == (6, 1)
    assert week_of_month(date(2020, 6, 8), week_start=0) == (6, 2)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(0, 6))
def test_week_properties(d, week_start):
    month, week = week_of_month(d, week_start)
    assert month == d.month
    assert 1 <= week <= 6
    if d.day == 1:
        assert week == 1
    else:
        prev = week_of_month(d - timedelta(days=1), week_start)[1]
        # Weeks never go backwards in a month and advance exactly on week_start days.
        assert week == prev + (1 if d.weekday() == week_start else 0)


def test_render_title_defaults_reproduce_the_series():
    assert render_title(TEMPLATE, date(2020, 6, 20)) == "Weekly ML/DL News (6월 4주차)"
    assert render_title(TEMPLATE, date(2020, 5, 30), SATURDAY) == "Weekly ML/DL News (5월 6주차)"


def test_render_title_all_placeholders_and_literal_braces():
    out = render_title("{year}-{month}-{day} w{week} {note}", date(2021, 1, 2))
    assert out == "2021-1-2 w2 {note}"


@pytest.mark.parametrize(
    "title, managed",
    [
        ("Weekly ML/DL News (6월 4주차)", True),
        ("Weekly ML/DL News (12월 1주차)", True),
        ("Weekly ML/DL News (6월 4주차) 특집", False),
        ("Weekly ML/DL News (유월 4주차)", False),
        ("My own title", False),
        ("Weekly MLxDL News (6월 4주차)", False),  # "/" is literal, not a wildcard
    ],
)
def test_title_matches_template(title, managed):
    assert title_matches_template(title, TEMPLATE) is managed


def test_template_with_regex_metacharacters():
    assert title_matches_template("News [2020] week 3?", "News [{year}] week {week}?")
    assert not title_matches_template("News [2020] week 3x", "News [{year}] week {week}?")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020.06.20 12:00:00", datetime(2020, 6, 20, 12, 0, 0)),
        ("2020-06-20 12:00:00", datetime(2020, 6, 20, 12, 0, 0)),
        ("2020-06-20", datetime(2020, 6, 20)),
        ("2020/06/20 12:00", datetime(2020, 6, 20, 12, 0)),
        ("2020-06-20T12:00:00", datetime(2020, 6, 20, 12, 0)),
        ("2020-06-20T12:00:00+09:00", datetime(2020, 6, 20, 12, tzinfo=timezone(timedelta(hours=9)))),
        ("2020-06-20T03:00:00Z", datetime(2020, 6, 20, 3, tzinfo=timezone.utc)),
        ("2020-06-20T12:00:00-0430", datetime(2020, 6, 20, 12, tzinfo=timezone(-timedelta(hours=4, minutes=30)))),
        ("2020-06-20 12:00:00 +09:00", datetime(2020, 6, 20, 12, tzinfo=timezone(timedelta(hours=9)))),
    ],
)
def test_parse_date_round_trips(text, expected):
    value, fmt = parse_date(text)
    assert value == expected
    assert format_date(value, fmt) == text


@pytest.mark.parametrize("text", ["", "next tuesday", "2020.6.20", "20/06/2020", "2020-13-01"])
def test_parse_date_rejects(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_format_date_writes_other_times_in_the_same_format():
    _, fmt = parse_date("2020.06.20 12:00:00")
    assert format_date(datetime(2021, 1, 2, 3, 4, 5), fmt) == "2021.01.02 03:04:05"
    _, fmt = parse_date("2020-06-20T12:00:00+09:00")
    kst = timezone(timedelta(hours=9))
    assert format_date(datetime(2021, 1, 2, 3, 4, 5, tzinfo=kst), fmt) == "2021-01-02T03:04:05+09:00"
    _, fmt = parse_date("2020-06-20T03:00:00Z")
    assert format_date(datetime(2021, 1, 2, 9, 0, tzinfo=kst), fmt) == "2021-01-02T00:00:00Z"


@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1)))
def test_every_format_round_trips(value):
    value = value.replace(microsecond=0)
    kst = value.replace(tzinfo=timezone(timedelta(hours=9)))
    for sample in ("2020.06.20 12:00:00", "2020-06-20 12:00:00", "2020/06/20 12:00"):
        fmt = parse_date(sample)[1]
        text = format_date(value, fmt)
        assert format_date(parse_date(text)[0], parse_date(text)[1]) == text
    fmt = parse_date("2020-06-20T12:00:00+09:00")[1]
    text = format_date(kst, fmt)
    assert parse_date(text) == (kst, fmt)
