"""TOML front matter edited as text.

tomllib reports no positions, so a small scanner finds where each top-level
value starts and ends; it only ever sees TOML that tomllib already accepted.
"""

from __future__ import annotations

import re
import tomllib

from .frontmatter_yaml import double_quoted, line_end, needs_escape

_TOML_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')'
_TOML_KEY = re.compile(rf"[ \t]*({_TOML_PART}(?:[ \t]*\.[ \t]*{_TOML_PART})*)[ \t]*=[ \t]*")
_TOML_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def error_message(exc: tomllib.TOMLDecodeError, line_offset: int) -> str:
    return re.sub(r"line (\d+)", lambda m: f"line {int(m.group(1)) + line_offset}", str(exc))


def _toml_value_end(s: str, i: int) -> int:
    n = len(s)
    for quote in ('"""', "'''"):
        if s.startswith(quote, i):
            j = i + 3
            while j < n and not s.startswith(quote, j):
                j += 2 if quote == '"""' and s[j] == "\\" else 1
            j += 3
            while j < n and s[j] == quote[0]:  # up to two quotes may end the content
                j += 1
            return min(j, n)
    if i < n and s[i] in "\"'":
        j = i + 1
        while j < n and s[j] != s[i]:
            j += 2 if s[i] == '"' and s[j] == "\\" else 1
        return min(j + 1, n)
    if i < n and s[i] in "[{":
        depth, j = 0, i
        while j < n:
            c = s[j]
            if c in "\"'":
                j = _toml_value_end(s, j)
                continue
            if c == "#":
                j = line_end(s, j)
                continue
            depth += c in "[{"
            depth -= c in "]}"
            j += 1
            if depth == 0:
                return j
        return n
    text = s[i : line_end(s, i)].split("#", 1)[0]
    return i + len(text.rstrip())


def _toml_entries(inner: str):
    """Yield (key, value_start, value_end) for top-level keys, up to the first table."""
    pos = 0
    while pos < len(inner):
        line = inner[pos : line_end(inner, pos)].strip()
        if line.startswith("["):
            return
        m = _TOML_KEY.match(inner, pos) if line and not line.startswith("#") else None
        if m:
            name = m.group(1)
            if not _TOML_BARE_KEY.fullmatch(name):
                name = next(iter(tomllib.loads(f"{name} = 0")))
            end = _toml_value_end(inner, m.end())
            yield name, m.end(), end
            pos = end
        next_nl = inner.find("\n", pos)
        pos = len(inner) if next_nl < 0 else next_nl + 1


def _toml_find(inner: str, key: str):
    found = None
    for name, start, end in _toml_entries(inner):
        if name == key:
            found = (start, end)
    return found


def raw_value(inner: str, key: str) -> str | None:
    span = _toml_find(inner, key)
    if span is None:
        return None
    text = inner[span[0] : span[1]]
    if text[:1] in "\"'":
        return tomllib.loads(f"v = {text}")["v"]
    return None if text[:1] in "[{" else text


def _toml_literal(value: str, orig: str | None) -> str:
    if orig and orig[:1] not in "\"'[{":
        # Keep a bare datetime or number bare when the new text is the same kind.
        try:
            same = type(tomllib.loads(f"v = {value}")["v"]) is type(tomllib.loads(f"v = {orig}")["v"])
        except tomllib.TOMLDecodeError:
            same = False
        if same and "\n" not in value and "#" not in value:
            return value
    if orig and orig.startswith("'") and not orig.startswith("'''"):
        if "'" not in value and not any(needs_escape(c) and c != "\t" for c in value):
            return f"'{value}'"
    return double_quoted(value)


def _toml_insert(inner: str, line: str) -> str:
    """Insert after the last top-level key so the line does not land in a table."""
    at = 0
    for _, _, end in _toml_entries(inner):
        nl = inner.find("\n", end)
        at = len(inner) if nl < 0 else nl + 1
    if at == 0:
        header = re.search(r"(?m)^[ \t]*\[", inner)
        at = header.start() if header else len(inner)
    return inner[:at] + line + inner[at:]


def _toml_key(key: str) -> str:
    return key if _TOML_BARE_KEY.fullmatch(key) else double_quoted(key)


def set_scalar(inner: str, key: str, value: str, eol: str) -> str:
    span = _toml_find(inner, key)
    if span is None:
        return _toml_insert(inner, f"{_toml_key(key)} = {double_quoted(value)}{eol}")
    orig = inner[span[0] : span[1]]
    return inner[: span[0]] + _toml_literal(value, orig) + inner[span[1] :]


def set_list(inner: str, key: str, values: list[str], eol: str) -> str:
    array = "[" + ", ".join(double_quoted(x) for x in values) + "]"
    span = _toml_find(inner, key)
    if span is None:
        return _toml_insert(inner, f"{_toml_key(key)} = {array}{eol}")
    return inner[: span[0]] + array + inner[span[1] :]
