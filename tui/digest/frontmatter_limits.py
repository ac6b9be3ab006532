"""Reading front matter that may be hostile: a co-author's post, or a sibling post read
only for its links, must not cost seconds or gigabytes, nor raise a RecursionError.

YAML aliases share one node, so nine levels of nine aliases (the "billion laughs") load
cheaply as shared lists; it is walking them (comparing, str(), a form showing them) that
expands 9**9 values. Such front matter is refused before it is constructed, by counting
the values its aliases would expand to. Deep nesting (``x = {a={a=...}}``, ``[[[[...]]]]``)
overflows the parsers' recursion and anything that walks the result, so it is refused too.
"""

from __future__ import annotations

import re

# A weekly post's front matter has a few dozen values; thousands are already odd.
NODE_BUDGET = 10_000
MAX_DEPTH = 64


REFUSED = "front matter refused: "


def is_refusal(error: str | None) -> bool:
    """Whether a FrontMatter.error is one of these refusals (the post then reads as unreadable
    to check and fix, not merely as front matter left as written)."""
    return bool(error) and error.startswith(REFUSED)


class HostileFrontMatter(ValueError):
    """Front matter refused unread; ``str()`` says why in a line fit for the user."""


def _too_many() -> HostileFrontMatter:
    return HostileFrontMatter(
        f"{REFUSED}its aliases expand to over {NODE_BUDGET:,} values (a YAML alias bomb?)"
    )


def _too_deep() -> HostileFrontMatter:
    return HostileFrontMatter(f"{REFUSED}it nests deeper than {MAX_DEPTH} levels")


def _check_nodes(root) -> None:
    """Count the values ``root`` expands to, each alias at full size, in one pass over the
    distinct nodes (sizes are memoised, so the count itself cannot explode)."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        value = node.value
        children = [] if isinstance(value, str) else (
            [part for pair in value for part in pair] if value and isinstance(value[0], tuple) else list(value))
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(child)] for child in children)
            if size[key] > NODE_BUDGET:
                raise _too_many()
            continue
        if key in size:
            continue
        if key in on_path:  # an alias to an enclosing node: it never ends
            raise _too_many()
        if depth > MAX_DEPTH:
            raise _too_deep()
        on_path.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in size)


_QUOTED = re.compile(r""""(?:[^"\\\n]|\\.)*"|'[^'\n]*'""")
_BRACKET = re.compile(r"[\[\]{}]")


def _check_flow_depth(inner: str) -> None:
    # PyYAML's scanner is quadratic in flow nesting: 3,000 brackets took 2 s to reach its
    # RecursionError. Brackets inside quotes do not nest; a comment's are counted, which can
    # only refuse a post with 64 unclosed brackets in comments.
    depth = 0
    for match in _BRACKET.finditer(_QUOTED.sub("", inner)):
        depth = depth + 1 if match.group() in "[{" else max(0, depth - 1)
        if depth > MAX_DEPTH:
            raise _too_deep()


def load_yaml(inner: str):
    """``yaml.safe_load(inner)``, refusing alias bombs and deep nesting (HostileFrontMatter)."""
    import yaml

    _check_flow_depth(inner)
    loader = yaml.SafeLoader(inner)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise _too_deep() from None
        if node is None:
            return None
        _check_nodes(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_depth(data) -> None:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep()
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def load_toml(inner: str) -> dict:
    """``tomllib.loads(inner)``, refusing deep nesting (HostileFrontMatter) instead of
    overflowing the parser's recursion."""
    import tomllib

    try:
        data = tomllib.loads(inner)
    except RecursionError:
        raise _too_deep() from None
    _check_depth(data)
    return data
