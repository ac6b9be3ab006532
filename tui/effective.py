"""The settings in force for one post, and where each came from.

Precedence: a command-line flag, then the config file, then what the blog's engine
config and its recent posts show (tui.digest.engines, tui.digest.conventions), then the
defaults. A key set by a flag or the file is never overridden by what was detected, so a
wrong detection is fixed with one config line. No Textual here: the headless commands
and `config --explain` use it.
"""

from __future__ import annotations

import copy
import unicodedata
from pathlib import Path

from tui.config import WEEKDAYS, Settings, _TYPES, anchor_styles
from tui.digest.conventions import Conventions, learn
from tui.digest.engines import Detected, detect_engine

# Styles an engine is detected to use that this build's slug registry may not have yet:
# the nearest style it has.
_NEAREST = {"jekyll": "github", "hugo": "github", "hugo-ascii": "github", "hugo-blackfriday": "github",
            "pandoc-gfm": "github", "markdown-it-anchor": "github", "vitepress": "github",
            "eleventy": "github", "pandoc": "github", "mkdocs": "github", "mkdocs-unicode": "github",
            "pymdownx": "github"}


class Effective:
    def __init__(self, settings: Settings, engine: Detected | None, conventions: Conventions) -> None:
        self.settings = settings
        self.engine = engine
        self.conventions = conventions

    def origin(self, key: str) -> str:
        return self.settings.origins.get(key, "default")

    @property
    def summary(self) -> str:
        """One line for the editor's post form, e.g. "hugo blog, anchors: hugo (detected)"."""
        s = self.settings
        where = self.origin("anchor_style").split(":")[0]
        engine = f"{self.engine.engine} blog" if self.engine else "no blog engine found"
        return f"{engine}, anchors: {s.anchor_style} ({where})"


def _detect(settings: Settings, key: str, value, why: str) -> None:
    if key in settings.origins or value is None:
        return  # a flag or the config file said otherwise
    setattr(settings, key, value)
    settings.origins[key] = "detected: " + why


def resolve(settings: Settings, post: Path | None) -> Effective:
    """``settings`` (from the file and the flags) completed by what ``post``'s blog shows;
    ``post`` may be a post, a new post's path or the blog directory. ``settings`` is not
    changed."""
    settings = copy.copy(settings)
    settings.origins = dict(settings.origins)
    for name in _TYPES:  # lists are the copy's own, as Settings() makes them
        if settings.origins.get(name, "").startswith("detected:"):
            del settings.origins[name]  # another blog's: back to the default
            setattr(settings, name, getattr(Settings, name))
        value = getattr(settings, name)
        if isinstance(value, (list, dict)):
            setattr(settings, name, copy.copy(value))
    if post is None:
        return Effective(settings, None, Conventions())
    post = Path(post).expanduser()
    engine = detect_engine(post)
    conventions = learn(post)
    if engine is not None:
        style, why = engine.style, engine.source
        if style not in anchor_styles():
            style, why = _NEAREST.get(style, "github"), f"{why} ({engine.style} is not a style of this build)"
        _detect(settings, "anchor_style", style, why)
    _learned(settings, conventions, engine)
    effective = Effective(settings, engine, conventions)
    settings.blog = effective.summary
    return effective


def _learned(settings: Settings, c: Conventions, engine: Detected | None) -> None:
    read = f"{c.with_toc} of {c.with_items} recent posts with items have a TOC"
    if c.has_toc is not None:
        _detect(settings, "insert_toc", c.has_toc, read)
    elif engine is not None:
        # A real blog with no post to learn from: better no TOC than a foreign one.
        _detect(settings, "insert_toc", False, f"a {engine.engine} blog, no recent post with items to learn from")
    newest = c.posts[0].name if c.posts else ""
    if c.with_toc:
        _detect(settings, "toc_heading_text", c.toc_heading_text, f"{newest}'s TOC heading")
        if c.toc_level is not None:
            _detect(settings, "toc_level", c.toc_level, f"{newest}'s TOC heading")
        _detect(settings, "toc_bullet", c.toc_bullet, f"{newest}'s TOC")
        _detect(settings, "toc_indent", c.toc_indent, f"{newest}'s TOC")
        _detect(settings, "toc_markers", c.toc_markers, f"{newest}'s TOC")
    if c.title_template is not None:
        _detect(settings, "title_template", c.title_template, f"titles and dates of {len(c.posts)} recent posts")
        if c.week_start is not None:
            _detect(settings, "week_start", WEEKDAYS[c.week_start], "titles and dates of recent posts")
    _detect(settings, "filename_template", c.filename_template, "names of recent posts")
    _detect(settings, "date_format", c.date_format, f"{newest}'s date")
    known = [k for k in c.front_keys if k in ("title", "date", "categories", "tags")]
    if "title" in known:
        _detect(settings, "front_matter_keys", known, f"{newest}'s front matter")


# -- config --explain -----------------------------------------------------------------------


def _escaped(text: str) -> str:
    # Valid TOML and safe on a terminal: every control, format or unassigned character
    # (ESC, bidi overrides, ...) written as a \\u escape.
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif unicodedata.category(ch)[0] == "C":
            out.append(f"\\u{ord(ch):04X}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_escaped(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"
    return _escaped(str(value))


def _heading_by_language(post: Path | None) -> str | None:
    from tui.digest.conventions import toc_heading_for

    try:
        with open(post, "rb") as handle:
            return toc_heading_for(handle.read(64 * 1024).decode("utf-8", errors="replace"))
    except (OSError, TypeError):
        return None  # a directory, or a post not written yet


def explain(effective: Effective, post: Path | None) -> str:
    """Every effective setting as a TOML line, with where it came from as its comment."""
    from tui.digest.safe_text import shown

    s, lines = effective.settings, []
    lines.append(f"# settings for {shown(str(post), keep_layout=False) if post else 'no post'}")
    engine = effective.engine
    if engine is not None:
        lines.append(f"# engine: {engine.engine} (blog root {shown(str(engine.root), keep_layout=False)})")
    else:
        lines.append("# engine: none found (no blog config in the post's directory or above it)")
    c = effective.conventions
    if c.posts:
        lines.append(f"# learned from {len(c.posts)} recent post{'s' if len(c.posts) > 1 else ''}: "
                     + shown(", ".join(p.name for p in c.posts), keep_layout=False))
    for name in _TYPES:
        value = getattr(s, name)
        origin = shown(effective.origin(name), keep_layout=False)
        if name == "toc_heading_text" and name not in s.origins:
            origin = "default: the post's language (목차, 目次, 目录 or Contents)"
            value = _heading_by_language(post) or value
        if value is None:
            lines.append(f"# {name} is not set  # {origin}")
        else:
            lines.append(f"{name} = {toml_value(value)}  # {origin}")
    return "\n".join(lines) + "\n"
