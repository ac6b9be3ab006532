"""A web page's title and description from the first bytes of its markup.

Korean, Chinese and Japanese sites still serve legacy encodings, often mislabelled or
unlabelled, so decoding tries each declaration strictly before falling back to detection.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from charset_normalizer import from_bytes

from .safe_text import TITLE_MAX, cleaned

DESCRIPTION_MAX = 1000

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# Legacy East Asian labels name a subset of what servers really send (cp949 Hangul,
# GBK characters, Windows Shift_JIS extensions): decode with the superset. Latin-1
# labels mean windows-1252 on the web.
_SUPERSET = {
    "euc_kr": "cp949", "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932",
    "iso8859-1": "cp1252", "ascii": "cp1252",
}
# Labels browsers accept that Python's codec registry does not know.
_WEB_LABELS = {"x-windows-949": "cp949", "windows-949": "cp949", "x-gbk": "gb18030",
               "x-sjis": "cp932", "x-euc-kr": "cp949", "windows-31j": "cp932"}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_WEB_LABELS.get(label, label)).name
    except LookupError:
        return None
    return _SUPERSET.get(name, name)


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Decode a page by BOM, HTTP charset, <meta> charset, then detection."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace")
    meta = _META_CHARSET.search(data[:8192])
    candidates = [_codec(header_charset), _codec(meta.group(1).decode("ascii") if meta else None)]
    for name in filter(None, candidates):
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        data.decode("utf-8")
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    name = _codec(best.encoding if best else None)
    declared = next(filter(None, candidates), None)
    return data.decode(name or declared or "utf-8", errors="replace")


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title: str | None = None
        self._in_title = False
        self._svg = 0
        self._parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self._svg += 1  # an inline SVG's <title> is not the page's
        elif tag == "title" and self._svg == 0 and self.title is None:
            self._in_title, self._parts = True, []
        elif tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or "").strip().lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"]

    def handle_startendtag(self, tag, attrs):
        if tag == "meta":  # a self-closed <title/> or <svg/> opens nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "svg" and self._svg:
            self._svg -= 1
        elif tag == "title" and self._in_title:
            self._in_title = False
            self.title = "".join(self._parts)

    def handle_data(self, data):
        if self._in_title:
            self._parts.append(data)


def _clean(text: str | None, suffixes: tuple[str, ...] = (), limit: int = TITLE_MAX) -> str | None:
    if text is None:
        return None
    # The intake boundary: no control, bidi or invisible character of a page reaches a post.
    text = cleaned(text, limit)
    for suffix in suffixes:
        suffix = cleaned(suffix)
        if suffix and text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)].rstrip()
            break
    return text or None


def parse_head(html: str, strip_suffixes: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    """(title, description) from a page's markup."""
    parser = _HeadParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient, but a title is never worth a crash
        pass
    if parser._in_title:  # page cut off inside <title>
        parser.title = "".join(parser._parts)
    meta = parser.meta
    title = None
    for candidate in (meta.get("og:title"), parser.title, meta.get("twitter:title")):
        title = _clean(candidate, strip_suffixes)
        if title:
            break
    description = None
    for candidate in (meta.get("og:description"), meta.get("description"),
                      meta.get("twitter:description")):
        description = _clean(candidate, limit=DESCRIPTION_MAX)
        if description:
            break
    return title, description
