"""Every anchor style against its real engine: 3,000 generated headings in 150 pages.

Each engine renders all pages in one process; the project builds a post per page (a TOC and
one item a heading), regenerates its TOC, and the anchors it writes must be the engine's ids.
An engine that is not installed is skipped with the reason; `.ci/run` installs them all.
"""

from __future__ import annotations

import pytest

from engines import available, run
from generate import extended_pages, page_markdown, pages
from project_path import toc_anchors
from tui.digest.slug_styles import STYLES

# How many of the 3,000 ids each style gets exactly right today (the goal is all of them): a
# style may only get better. What the rest are is in the README's "Anchor styles".
FLOOR = {"github": 3000, "jekyll": 2998, "kramdown": 3000, "hugo": 2998, "hugo-ascii": 2998,
         "hugo-blackfriday": 2998, "hexo": 3000, "hexo-lower": 3000, "pandoc": 3000, "pandoc-gfm": 2997,
         "mkdocs": 3000, "mkdocs-unicode": 3000, "pymdownx": 3000, "markdown-it-anchor": 3000,
         "eleventy": 3000, "vitepress": 3000}


def _compare(style: str, headings: list[list[str]]):
    markdowns = [page_markdown(page) for page in headings]
    engine_ids = run(style, markdowns)
    misses, total = [], 0
    for page, markdown, ids in zip(headings, markdowns, engine_ids):
        expected = ["" if i is None else i for i in ids[1:]]  # ids[0] is the TOC heading's
        written = toc_anchors(markdown, style)
        total += len(page)
        if len(expected) != len(page) or len(written) != len(page):
            misses += [(page, expected, written)]
            continue
        misses += [(h, e, w) for h, e, w in zip(page, expected, written) if e != w]
    return misses, total


@pytest.mark.parametrize("style", STYLES)
def test_style_matches_its_engine(style):
    reason = available(style)
    if reason:
        pytest.skip(reason)
    misses, total = _compare(style, pages())
    matched = total - len(misses)
    print(f"{style}: {matched}/{total} ids match ({matched / total:.2%})")
    shown = "\n".join(f"  {h!r}: engine {e!r}, project {w!r}" for h, e, w in misses[:15])
    assert matched >= FLOOR[style], f"{style}: {len(misses)} of {total} differ, e.g.\n{shown}"


# The second set (800 headings: images, autolinks, inline HTML, escapes, single tildes, ...).
FLOOR_EXTENDED = {"github": 749, "jekyll": 800, "kramdown": 800, "hugo": 800, "hugo-ascii": 800,
                  "hugo-blackfriday": 800, "hexo": 798, "hexo-lower": 798, "pandoc": 800, "pandoc-gfm": 800,
                  "mkdocs": 800, "mkdocs-unicode": 800, "pymdownx": 800, "markdown-it-anchor": 800,
                  "eleventy": 800, "vitepress": 800}


@pytest.mark.parametrize("style", STYLES)
def test_style_matches_its_engine_on_more_markup(style):
    reason = available(style)
    if reason:
        pytest.skip(reason)
    misses, total = _compare(style, extended_pages())
    matched = total - len(misses)
    print(f"{style}: {matched}/{total} ids match ({matched / total:.2%})")
    shown = "\n".join(f"  {h!r}: engine {e!r}, project {w!r}" for h, e, w in misses[:15])
    assert matched >= FLOOR_EXTENDED[style], f"{style}: {len(misses)} of {total} differ, e.g.\n{shown}"
