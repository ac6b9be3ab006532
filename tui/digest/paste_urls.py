"""The web addresses in a piece of pasted text, in the order they appear.

A paste onto the item list is "add these links", whatever is around them: a line copied
from a chat (`오늘 본 글: https://…`), an autolink (`<https://…>`), a Markdown link, a list
of URLs one per line or all on one. A Markdown link gives its destination once, not also
the bare URL inside it.
"""

from __future__ import annotations

import re

_FOUND = re.compile(
    r"\[[^\]\n]*\]\(\s*<?(?P<md>https?://[^\s<>()]+(?:\([^\s<>()]*\)[^\s<>()]*)*)>?(?:\s+\"[^\"\n]*\")?\s*\)"
    r"|<(?P<auto>https?://[^\s<>]+)>"
    r"|(?P<bare>https?://[^\s<>\[\]\"'`]+)",
    re.IGNORECASE,
)
_HOST = re.compile(r"https?://[^\s/?#<>]+", re.IGNORECASE)
# Sentence punctuation that follows a URL in prose rather than belonging to it.
_TRAILING = ".,;:!?'\"…。、，"


def _trim_bare(url: str) -> str:
    while url:
        if url[-1] in _TRAILING:
            url = url[:-1]
        elif url[-1] == ")" and url.count(")") > url.count("("):
            url = url[:-1]  # "(see https://x.example/a)": the parenthesis is the prose's
        else:
            break
    return url


def urls_in_text(text: str) -> list[str]:
    """Every http(s) URL of ``text``, in order, repeats included (the caller says which
    it skipped); an address with no host (``https://``) is no URL."""
    found = []
    for match in _FOUND.finditer(text):
        url = match.group("md") or match.group("auto") or _trim_bare(match.group("bare"))
        if _HOST.match(url):
            found.append(url)
    return found
