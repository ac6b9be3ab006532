"""The anchor styles by name: which renderer family module holds each one.

This is the registry other code names styles through (config, the CLI's ``--anchors``, engine
detection). Names are listed here as plain strings so reading them costs no import of the
slug rules; a style's module (tui/digest/slugs/) loads the first time the style is used.
"""

from __future__ import annotations

import importlib

# name -> module under tui.digest.slugs; the order is the order documented for users.
_MODULES = {
    "github": "github",
    "jekyll": "kramdown",
    "kramdown": "kramdown",
    "hugo": "hugo",
    "hugo-ascii": "hugo",
    "hugo-blackfriday": "hugo",
    "hexo": "hexo",
    "hexo-lower": "hexo",
    "pandoc": "pandoc",
    "pandoc-gfm": "pandoc",
    "mkdocs": "python_markdown",
    "mkdocs-unicode": "python_markdown",
    "pymdownx": "python_markdown",
    "markdown-it-anchor": "markdown_it",
    "eleventy": "markdown_it",
    "vitepress": "markdown_it",
}

STYLES: tuple[str, ...] = tuple(_MODULES)

# Styles that slug the heading's raw Markdown source rather than its rendered text.
RAW_SOURCE_STYLES = frozenset({"kramdown"})


def style(name: str):
    """The ``slugs.Style`` called ``name``: ``base``, ``slugify``, ``numbering``, ``reads``."""
    try:
        module = _MODULES[name]
    except KeyError:
        raise ValueError(f"unknown anchor style {name!r}: use one of {', '.join(STYLES)}") from None
    return importlib.import_module(f"tui.digest.slugs.{module}").STYLES[name]


def sluggers() -> dict:
    """Every style by name (imports every style module)."""
    return {name: style(name) for name in STYLES}
