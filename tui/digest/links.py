"""URLs as the editor sees them: pasted, tidied, compared, titled and found in Markdown.

Pure functions with no I/O, so the editor can call them on every keystroke or paste.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from fnmatch import fnmatchcase, translate
from urllib.parse import unquote, urlsplit

from .lazy_pattern import lazy
from .link_lines import _escape_url, has_hint, line_links

DEFAULT_TRACKING = ("utm_*", "fbclid", "gclid", "mc_cid", "mc_eid", "igshid", "ref_src", "si")
DEFAULT_LABELS = ("참고링크", "참고자료", "Link", "Source")

_HTTP_URL = lazy(r"https?://[^\s/?#<>]+[^\s<>]*", re.IGNORECASE)
_HANGUL = lazy(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+$")
_PCT_RUN = lazy(r"(?:%[0-9A-Fa-f]{2})+")
_BACKSLASH_ESCAPE = lazy(r"\\([!-/:-@\[-`{-~])")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

_parser = None


def _markdown(text: str):
    """mistune's AST of ``text``, with one shared parser built on first use: building one per
    call costs more than parsing an item, and importing mistune costs start-up of every
    command that never reads a link."""
    global _parser
    if _parser is None:
        import mistune

        _parser = mistune.create_markdown(
            renderer=None, plugins=["url", "strikethrough", "table", "footnotes"]
        )
        inline = _parser.inline

        def hinted_inline(src: str, env: dict):
            # Most paragraphs of a post are prose; without a hint they hold no link, and
            # mistune's inline pass over them was half the cost of finding a post's links.
            if not has_hint(src):
                return [{"type": "text", "raw": src}]
            return inline(src, env)

        _parser.inline = hinted_inline
    return _parser(text)


def urls_in_paste(text: str) -> list[str]:
    # A paste onto the list means "add these links", whatever text surrounds them (the
    # editor keeps its own pastes as text).
    from .paste_urls import urls_in_text

    return urls_in_text(text)


def _is_tracking(key: str, tracking) -> bool:
    try:
        matcher = _tracking_matcher(tuple(tracking))
    except TypeError:  # patterns that are not strings: fnmatch says what is wrong
        return any(fnmatchcase(key.lower(), pattern.lower()) for pattern in tracking)
    return matcher(key.lower()) is not None


@functools.lru_cache(maxsize=8)
def _tracking_matcher(tracking: tuple[str, ...]):
    """One regex for all the patterns (what fnmatchcase does per pattern): `check` tests
    every query parameter of every link of a post."""
    return re.compile("|".join(f"(?:{translate(p.lower())})" for p in tracking) or "(?!)").match


def _split_fragment(url: str) -> tuple[str, str]:
    head, sep, fragment = url.partition("#")
    return head, sep + fragment


def tidy_url(url: str, tracking=DEFAULT_TRACKING) -> str:
    # Works on the raw string rather than urlsplit/urlunsplit so that nothing but the
    # tracking parameters can change: the author's spelling of the URL is kept.
    head, fragment = _split_fragment(url)
    base, sep, query = head.partition("?")
    if not sep:
        return url
    pieces = query.split("&")
    kept = [p for p in pieces if not _is_tracking(unquote(p.split("=", 1)[0]), tracking)]
    if len(kept) == len(pieces):
        return url
    kept = [p for p in kept if p]
    return base + ("?" + "&".join(kept) if kept else "") + fragment


def _canonical_escapes(text: str, *, ascii_too: bool = True) -> str:
    """Decode escapes of UTF-8 characters and (with ascii_too) of unreserved ASCII,
    upper-casing the rest.

    `/wiki/한글` and `/wiki/%ED%95%9C%EA%B8%80` are the same page, and mistune hands
    back the escaped form of whatever the author typed.
    """

    def fix(match: re.Match) -> str:
        raw = match.group(0)
        data = bytes(int(raw[i + 1 : i + 3], 16) for i in range(0, len(raw), 3))
        out, i = [], 0
        while i < len(data):
            b = data[i]
            size = 1 if b < 0x80 else 2 if b >> 5 == 6 else 3 if b >> 4 == 14 else 4 if b >> 3 == 30 else 0
            try:
                if size > 1:
                    char = data[i : i + size].decode("utf-8")
                    out.append(char)
                    i += size
                    continue
            except UnicodeDecodeError:
                pass
            char = chr(b)
            if not ascii_too:
                out.append(raw[3 * i : 3 * i + 3])
            else:
                out.append(char if size == 1 and char in _UNRESERVED else f"%{b:02X}")
            i += 1
        return "".join(out)

    return _PCT_RUN.sub(fix, text)


def normalize_url(url: str, tracking=DEFAULT_TRACKING) -> str:
    # A comparison key, never shown or written: two links the reader would land on the
    # same page through should compare equal.
    url = unicodedata.normalize("NFC", url.strip())
    if "://" not in url and not url.startswith("//"):
        url = "//" + url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = _canonical_escapes(parts.path).rstrip("/")
    pieces = [p for p in parts.query.split("&") if p]
    pieces = [
        _canonical_escapes(p)
        for p in pieces
        if not _is_tracking(unquote(p.split("=", 1)[0]), tracking)
    ]
    query = "&".join(sorted(pieces))
    return host + path + ("?" + query if query else "")


_SKIP_SEGMENTS = {
    "index", "default", "amp", "watch", "view", "abs", "pdf", "html", "htm", "php",
    "post", "posts", "p", "article", "articles", "blog", "en", "ko", "ja", "zh",
}
_EXTENSION = lazy(r"\.(html?|php|aspx?|jsp|shtml|md)$", re.IGNORECASE)
_TRAILING_ID = lazy(r"[-_][0-9a-f]{8,}$", re.IGNORECASE)


def _looks_like_id(segment: str) -> bool:
    if not re.search(r"[^\W\d_]", segment):  # digits and punctuation only: 2005.14165, 123
        return True
    has_digit = any(c.isdigit() for c in segment)
    # Opaque ids (dQw4w9WgXcQ, 3f9a2c1b7e) have no separators and mix letters with digits.
    return has_digit and len(segment) >= 8 and not re.search(r"[-_ ]", segment)


def provisional_title(url: str) -> str:
    parts = urlsplit(url if "://" in url else "//" + url)
    for segment in reversed(parts.path.split("/")):
        segment = _EXTENSION.sub("", unquote(segment)).strip()
        segment = _TRAILING_ID.sub("", segment)
        if not segment or segment.lower() in _SKIP_SEGMENTS or _looks_like_id(segment):
            continue
        words = " ".join(re.split(r"[-_+\s]+", segment)).strip()
        if not words:
            continue
        return unicodedata.normalize("NFC", words[0].upper() + words[1:])
    return domain(url)


def domain(url: str) -> str:
    host = (urlsplit(url if "://" in url else "//" + url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def reference_link_line(url: str, label: str = "참고링크") -> str:
    # Spaces and unbalanced parentheses would end the Markdown link destination early.
    url = url.replace(" ", "%20")
    if url.count("(") != url.count(")"):
        url = url.replace("(", "%28").replace(")", "%29")
    return f"[{label}]({url})"


def _plain_text(nodes) -> str:
    out = []
    for node in nodes or ():
        if "raw" in node and node["type"] in ("text", "codespan"):
            out.append(node["raw"])
        elif node["type"] in ("softbreak", "linebreak"):
            out.append(" ")
        else:
            out.append(_plain_text(node.get("children")))
    return "".join(out)


def _link_url(node) -> str:
    # Only undo mistune's escaping of non-ASCII text: callers look these URLs up in
    # the source, so ASCII escapes stay as the author wrote them.
    url = node["attrs"]["url"]
    text = _plain_text(node.get("children"))
    if "\\" in text and _escape_url(text) == url:
        # A bare URL: mistune's url plugin matches the source with its backslash escapes
        # (a fetched title's "\\]" gave ".../x%5C%5Dclick%5C"); CommonMark resolves
        # them first, so do that here.
        text = _BACKSLASH_ESCAPE.sub(r"\1", text).rstrip("\\")
        url = _escape_url(text)
    url = _canonical_escapes(url, ascii_too=False)
    # A bare URL in Korean prose swallows the particle after it ("https://x.com/a에서");
    # a path segment that is wholly Hangul (/wiki/한글) is kept.
    if text == url or unquote(text) == url:
        trimmed = _HANGUL.sub("", url)
        if trimmed != url and trimmed and trimmed[-1] not in "/=":
            url = trimmed
    return url


def _walk_links(nodes):
    for node in nodes or ():
        if node["type"] == "link":
            yield node
        # Code, HTML blocks and comments have no children, so their URLs are never seen.
        yield from _walk_links(node.get("children"))


def links_in(markdown: str) -> list[str]:
    if not has_hint(markdown):
        return []
    pairs = line_links(markdown)
    if pairs is not None:
        # Built as mistune builds an inline link's node, so _link_url treats both alike.
        return [_link_url({"attrs": {"url": url}, "children": [{"type": "text", "raw": label}]}) for label, url in pairs]
    return [_link_url(node) for node in _walk_links(_markdown(markdown))]


def reference_link(markdown: str, labels=DEFAULT_LABELS) -> str | None:
    wanted = {label.strip().casefold() for label in labels}
    for node in _walk_links(_markdown(markdown)):
        if _plain_text(node.get("children")).strip().casefold() in wanted:
            return _link_url(node)
    return None
