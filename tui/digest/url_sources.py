"""Where `add` finds URLs: any text, or a file exported by a browser, a feed reader or a
read-it-later service, its format told from its content rather than its name (exports are
often saved as .txt or .xml whatever they hold).

Every entry carries the date the export gives it (None when it gives none), so
``--since`` can keep the week's and drop years of old bookmarks.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import NamedTuple

# Closing punctuation that ends a sentence around a URL is not part of it.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\""
_PAIRS = {")": "(", "]": "[", "}": "{", ">": "<"}


class Entry(NamedTuple):
    url: str
    title: str | None = None
    when: datetime | None = None  # naive, UTC


def urls_in_text(text: str) -> list[str]:
    """Every http(s) URL in free text (a chat message, a mail, one URL per line)."""
    found = []
    for match in _URL_IN_TEXT.finditer(text):
        url = match.group(0)
        while url and (url[-1] in _TRAILING or (url[-1] in _PAIRS and url.count(url[-1]) > url.count(_PAIRS[url[-1]]))):
            url = url[:-1]
        if "://" in url and len(url) > len("https://"):
            found.append(url)
    return found


def _is_web(url: str | None) -> bool:
    return bool(url) and url.strip().lower().startswith(("http://", "https://"))


def _naive_utc(when: datetime) -> datetime:
    return when.astimezone(timezone.utc).replace(tzinfo=None) if when.tzinfo else when


def parse_when(value: str | None) -> datetime | None:
    """A date as exports write them: unix seconds (or ms), ISO 8601, RFC 822, or a plain date."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{9,13}", value):
        seconds = int(value) / (1000 if len(value) == 13 else 1)
        return datetime.fromtimestamp(seconds, timezone.utc).replace(tzinfo=None)
    try:
        return _naive_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _naive_utc(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        pass
    match = re.match(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})", value)
    if match:
        try:
            return datetime(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    return None


# -- formats ---------------------------------------------------------------------------------


class _Bookmarks(HTMLParser):
    """Netscape bookmark files: ``<DT><A HREF=… ADD_DATE=…>title</A>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[Entry] = []
        self._open: dict | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = {k.lower(): v or "" for k, v in attrs}
            self._text = []

    def handle_data(self, data):
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            href = self._open.get("href", "")
            if _is_web(href):
                title = " ".join("".join(self._text).split()) or None
                self.entries.append(Entry(href.strip(), title, parse_when(self._open.get("add_date"))))
            self._open = None


def _bookmarks(text: str) -> list[Entry]:
    parser = _Bookmarks()
    parser.feed(text)
    parser.close()
    return parser.entries


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _child_text(element, *names: str) -> str | None:
    for child in element:
        if _local(child.tag) in names and (child.text or "").strip():
            return child.text.strip()
    return None


def _xml(text: str) -> list[Entry]:
    import xml.etree.ElementTree as ET

    # Python's expat refuses external entities and (expat >= 2.4) entity expansion bombs.
    root = ET.fromstring(text.encode("utf-8"))
    kind = _local(root.tag)
    entries = []
    if kind == "opml":
        for outline in root.iter():
            if _local(outline.tag) != "outline":
                continue
            attrs = {k.lower(): v for k, v in outline.attrib.items()}
            url = attrs.get("htmlurl") or attrs.get("url") or attrs.get("xmlurl")
            if _is_web(url):
                when = parse_when(attrs.get("created") or attrs.get("date"))
                entries.append(Entry(url.strip(), attrs.get("title") or attrs.get("text"), when))
        return entries
    for element in root.iter():
        name = _local(element.tag)
        if name == "item":  # RSS 2.0 and RSS 1.0 (RDF)
            url = _child_text(element, "link")
            if not _is_web(url):
                guid = _child_text(element, "guid")
                url = guid if _is_web(guid) else None
            if url:
                when = parse_when(_child_text(element, "pubdate", "date", "updated", "published"))
                entries.append(Entry(url, _child_text(element, "title"), when))
        elif name == "entry":  # Atom
            url = None
            for link in element:
                if _local(link.tag) == "link" and link.get("rel", "alternate") == "alternate":
                    url = link.get("href")
                    break
            if _is_web(url):
                when = parse_when(_child_text(element, "published", "updated"))
                entries.append(Entry(url.strip(), _child_text(element, "title"), when))
    return entries


_CSV_URL = ("url", "link", "href", "uri")
_CSV_TITLE = ("title", "name")
_CSV_WHEN = ("time_added", "timestamp", "created", "date", "added", "created_at", "time")


def _csv(text: str) -> list[Entry]:
    rows = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(rows, [])]

    def column(names):
        return next((header.index(n) for n in names if n in header), None)

    url_at, title_at, when_at = column(_CSV_URL), column(_CSV_TITLE), column(_CSV_WHEN)
    if url_at is None:
        return []
    entries = []
    for row in rows:
        if len(row) <= url_at or not _is_web(row[url_at]):
            continue
        title = row[title_at].strip() if title_at is not None and len(row) > title_at else None
        when = parse_when(row[when_at]) if when_at is not None and len(row) > when_at else None
        entries.append(Entry(row[url_at].strip(), title or None, when))
    return entries


def detect_format(text: str) -> str:
    """"bookmarks", "xml" (OPML, RSS, Atom), "csv" or "text"."""
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    lower = head.lower()
    if "netscape-bookmark-file" in lower or (lower.startswith(("<!doctype", "<html", "<dl", "<meta"))
                                             and "<a " in text.lower()):
        return "bookmarks"
    if lower.startswith("<?xml") or re.match(r"<(rss|feed|opml|rdf:rdf)\b", lower):
        return "xml"
    first = head.split("\n", 1)[0]
    if "," in first or "\t" in first:
        cells = [c.strip().strip('"').lower() for c in re.split(r"[,\t]", first)]
        if any(c in _CSV_URL for c in cells):
            return "csv"
    return "text"


def entries_from(text: str) -> tuple[str, list[Entry]]:
    """(format, entries) of an export or any text; a broken XML file is read as text."""
    kind = detect_format(text)
    if kind == "bookmarks":
        return kind, _bookmarks(text)
    if kind == "xml":
        try:
            return "rss/atom/opml", _xml(text.lstrip("\ufeff"))
        except Exception:  # ParseError, or expat refusing an entity: fall back to URLs in text
            kind = "text"
    if kind == "csv":
        if "\t" in text.split("\n", 1)[0] and "," not in text.split("\n", 1)[0]:
            text = text.replace("\t", ",")
        return kind, _csv(text.lstrip("\ufeff"))
    return "text", [Entry(url) for url in urls_in_text(text)]


def since(entries: list[Entry], day: datetime) -> tuple[list[Entry], int]:
    """The entries dated on or after ``day``, and how many had no date (left out)."""
    kept = [e for e in entries if e.when is not None and e.when >= day]
    return kept, sum(1 for e in entries if e.when is None)
