"""YAML front matter edited as text, located by the composer's marks.

The composer reports where each node starts and ends, so a value can be
replaced without touching the bytes around it (comments, quoting, order).
"""

from __future__ import annotations



class _Yaml:
    """PyYAML, imported on first use: the TOML writer shares this module's quoting helpers,
    and a post with TOML or no front matter should not pay ~25 ms of start-up for YAML."""

    def __getattr__(self, name: str):
        import yaml as module

        return getattr(module, name)


yaml = _Yaml()
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

# needs_escape, double_quoted and line_end are shared with the TOML writer.
_SPECIAL = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def needs_escape(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code <= 0x9F or ch in "\u2028\u2029\ufeff"


def double_quoted(value: str) -> str:
    # Escapes valid in both YAML double-quoted and TOML basic strings.
    out = []
    for ch in value:
        if ch in _SPECIAL:
            out.append(_SPECIAL[ch])
        elif needs_escape(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def line_end(text: str, index: int) -> int:
    """Index of the line break (or end of text) at or after `index`."""
    end = text.find("\n", index)
    if end < 0:
        return len(text)
    return end - 1 if end > index and text[end - 1] == "\r" else end


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def error_message(exc: yaml.MarkedYAMLError, line_offset: int) -> str:
    where = exc.problem_mark or exc.context_mark
    msg = f"line {where.line + 1 + line_offset}: {exc.problem or exc.context}"
    if exc.context and exc.context_mark and exc.problem_mark:
        msg += f" ({exc.context} that starts on line {exc.context_mark.line + 1 + line_offset})"
    return msg


# A save reads `date`, `title` and `updated` from the same front matter: one compose
# (~1-3 ms with PyYAML's pure-Python composer) instead of three. Nodes are only read.
# Worker threads read other posts' front matter too: each call keeps its own result.
_COMPOSED: dict[str, object] = {}
_MISSING = object()


def _composed(inner: str):
    root = _COMPOSED.get(inner, _MISSING)
    if root is _MISSING:
        root = yaml.compose(inner) if inner.strip() else None
        if len(_COMPOSED) >= 4:
            _COMPOSED.clear()
        _COMPOSED[inner] = root
    return root


def _yaml_entry(inner: str, key: str):
    root = _composed(inner)
    if not isinstance(root, yaml.MappingNode):
        return None
    found = None
    for k, v in root.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            found = (k, v)  # the last duplicate wins, as when loading
    return found


def raw_value(inner: str, key: str) -> str | None:
    entry = _yaml_entry(inner, key)
    if entry is None or not isinstance(entry[1], yaml.ScalarNode):
        return None
    return entry[1].value


def _content_end(inner: str, node) -> int:
    """End of a node's own text, excluding trailing blank lines and comments."""
    if isinstance(node, yaml.ScalarNode):
        start = node.start_mark.index
        return start + len(inner[start : node.end_mark.index].rstrip())
    if node.flow_style or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return _content_end(inner, last[1] if isinstance(last, tuple) else last)


def _plain_tag(value: str, flow: bool) -> str | None:
    """The tag YAML resolves `value` to when written plain, or None if it would be misread."""
    if not value or value != value.strip() or any(needs_escape(c) for c in value):
        return None
    doc = f"k: [{value}]\n" if flow else f"k: {value}\n"
    try:
        root = yaml.compose(doc)
    except yaml.YAMLError:
        return None
    node = root.value[0][1] if isinstance(root, yaml.MappingNode) and len(root.value) == 1 else None
    if flow:
        node = node.value[0] if isinstance(node, yaml.SequenceNode) and len(node.value) == 1 else None
    if not isinstance(node, yaml.ScalarNode) or node.style is not None or node.value != value:
        return None
    return node.tag


def _yaml_scalar(value: str, style, orig_tag, flow: bool = False, quote: str = '"') -> str:
    """Plain when YAML reads it back unchanged, else `style` (if quoted) or `quote`."""
    if style not in ("'", '"'):
        tag = _plain_tag(value, flow)
        # A date written plain stays a YAML timestamp like the author's own `date`.
        if tag is not None and tag in (_STR, orig_tag, _STR if flow else _TIMESTAMP):
            return value
        style = quote
    if style == "'" and not any(needs_escape(c) for c in value):
        return "'" + value.replace("'", "''") + "'"
    return double_quoted(value)


def _list_style(items) -> tuple[str | None, str]:
    """(style every item keeps, quote for items that cannot be plain)."""
    styles = [n.style for n in items if isinstance(n, yaml.ScalarNode)]
    quotes = [q for q in styles if q in ("'", '"')]
    if styles and len(quotes) == len(styles) and len(set(quotes)) == 1:
        return quotes[0], quotes[0]
    return None, quotes[0] if quotes else '"'


def _yaml_key(key: str) -> str:
    return key if _plain_tag(key, False) == _STR and ":" not in key else double_quoted(key)


def _block_indent(inner: str) -> str:
    root = yaml.compose(inner) if inner.strip() else None
    if isinstance(root, yaml.MappingNode):
        for _, v in root.value:
            if isinstance(v, yaml.SequenceNode) and not v.flow_style and v.value:
                return inner[_line_start(inner, v.start_mark.index) : v.start_mark.index]
    return ""


def set_scalar(inner: str, key: str, value: str, eol: str) -> str:
    entry = _yaml_entry(inner, key)
    if entry is None:
        return f"{inner}{_yaml_key(key)}: {_yaml_scalar(value, None, None)}{eol}"
    k, v = entry
    if not isinstance(v, yaml.ScalarNode):
        end = _content_end(inner, v)
        return inner[: k.end_mark.index] + ": " + _yaml_scalar(value, None, None) + inner[end:]
    start, end = v.start_mark.index, _content_end(inner, v)
    text = _yaml_scalar(value, v.style, v.tag)
    if start == end:  # an empty value: `updated:`
        text = " " + text
    return inner[:start] + text + inner[end:]


def set_list(inner: str, key: str, values: list[str], eol: str) -> str:
    entry = _yaml_entry(inner, key)
    if entry is None:
        if not values:
            return f"{inner}{_yaml_key(key)}: []{eol}"
        indent = _block_indent(inner)
        items = "".join(f"{indent}- {_yaml_scalar(x, None, _STR)}{eol}" for x in values)
        return f"{inner}{_yaml_key(key)}:{eol}{items}"
    k, v = entry
    if isinstance(v, yaml.SequenceNode) and v.flow_style:
        style, quote = _list_style(v.value)
        flow = ", ".join(_yaml_scalar(x, style, _STR, True, quote) for x in values)
        return inner[: v.start_mark.index] + f"[{flow}]" + inner[v.end_mark.index :]
    end = _content_end(inner, v)
    if not values:
        return inner[: k.end_mark.index] + ": []" + inner[end:]
    if isinstance(v, yaml.SequenceNode) and v.value:
        first = v.start_mark.index
        indent = inner[_line_start(inner, first) : first]
        style, quote = _list_style(v.value)
        lines = eol.join(f"{indent}- {_yaml_scalar(x, style, _STR, False, quote)}" for x in values)
        return inner[: _line_start(inner, first)] + lines + inner[end:]
    # A scalar, empty or mapping value becomes a block list under the key.
    indent = _block_indent(inner)
    lines = eol.join(f"{indent}- {_yaml_scalar(x, None, _STR)}" for x in values)
    if isinstance(v, yaml.ScalarNode) and v.start_mark.index == end:
        cut = line_end(inner, end)  # keep a trailing comment on the key's line
        return inner[:cut] + eol + lines + inner[cut:]
    return inner[: k.end_mark.index] + ":" + eol + lines + inner[end:]
