"""Week-of-month titles and date formats that survive a round trip.

The series titles each post by the week of its publication date, and `date`
must be written back exactly as the author wrote it, so parsing a date also
yields the strftime format that reproduces it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

SATURDAY = 5  # weekday numbers as datetime.weekday(): Monday=0

DEFAULT_TITLE_TEMPLATE = "Weekly ML/DL News ({month}월 {week}주차)"

_PLACEHOLDERS = ("year", "month", "week", "day")

# Python 3.11's strftime has no colon offset, and ISO 8601 / TOML authors
# almost always write "+09:00", so the formats use this private directive.
COLON_OFFSET = "%:z"
_UTC_Z = "Z"

# Order matters only where two formats could both reproduce a text, which the
# round-trip check in parse_date rules out; longer formats first for clarity.
_FORMATS = (
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y.%m.%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S.%f",
)
# Offsets may follow any time-bearing format, glued (ISO) or after a space
# (YAML timestamps allow "2020-06-20 12:00:00 +09:00").
_OFFSET_SUFFIXES = (COLON_OFFSET, "%z", _UTC_Z, " " + COLON_OFFSET, " %z", " " + _UTC_Z)


def week_of_month(d: date, week_start: int = SATURDAY) -> tuple[int, int]:
    """Return (month, week); the month's first, partial week is week 1."""
    first = d.replace(day=1)
    # Days between the start of the week containing the 1st and the 1st itself.
    lead = (first.weekday() - week_start) % 7
    return d.month, (d.day - 1 + lead) // 7 + 1


def render_title(template: str, d: date, week_start: int = SATURDAY) -> str:
    month, week = week_of_month(d, week_start)
    values = {"year": d.year, "month": month, "week": week, "day": d.day}
    # Plain replacement rather than str.format so literal braces elsewhere in
    # a user's template cannot raise.
    out = template
    for name in _PLACEHOLDERS:
        out = out.replace("{" + name + "}", str(values[name]))
    return out


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{(?:year|month|week|day)\})", template)
    pattern = "".join(r"\d+" if i % 2 else re.escape(p) for i, p in enumerate(parts))
    return re.compile(pattern)


def title_matches_template(title: str, template: str) -> bool:
    """True when `title` is `template` with numbers in its placeholders."""
    if title is None:
        return False
    return _template_regex(template).fullmatch(title.strip()) is not None


def format_date(value: datetime, fmt: str) -> str:
    has_offset = COLON_OFFSET in fmt or "%z" in fmt or fmt.endswith(_UTC_Z)
    if has_offset and value.tzinfo is None:
        # A naive "now" is local time; the post's format wants an offset.
        value = value.astimezone()
    if fmt.endswith(_UTC_Z):
        value = value.astimezone(timezone.utc)
    if COLON_OFFSET in fmt:
        raw = value.strftime("%z")
        colon = f"{raw[:3]}:{raw[3:5]}" if raw else ""
        fmt = fmt.replace(COLON_OFFSET, colon.replace("%", "%%"))
    return value.strftime(fmt)


def _candidates():
    for base in _FORMATS:
        yield base
        if "%H" in base:
            for suffix in _OFFSET_SUFFIXES:
                yield base + suffix


def parse_date(text: str) -> tuple[datetime, str]:
    """Detect the format of a `date` value; the format reproduces `text` exactly.

    A text that parses but would not be written back identically (say an
    unpadded "2020.6.20") is rejected, so a save never restyles a date.
    """
    text = text.strip()
    for fmt in _candidates():
        parse_fmt = fmt.replace(COLON_OFFSET, "%z")
        if parse_fmt.endswith(_UTC_Z):
            parse_fmt = parse_fmt[: -len(_UTC_Z)] + "%z"
        try:
            value = datetime.strptime(text, parse_fmt)
        except ValueError:
            continue
        if format_date(value, fmt) == text:
            return value, fmt
    raise ValueError(f"unrecognised date format: {text!r}")
