"""The TOC region (issue 12, item 7): a list is the TOC list only up to its first line that
is neither a list line nor blank; fenced code, HTML blocks and comments are never taken for
it. `fix` is idempotent and never removes a line that is not a TOC entry."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from core_helpers import NOW
from tui.digest.blocks import split_lines
from tui.digest.post import ParseOptions, Post
from tui.digest.regen import SaveRules, regenerate

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
ENTRY = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[.*\]\(<?#[^)]*>?\)[ \t]*$")

CONSTRUCTS = {
    "backticks": "```\n- keep me\n```\n",
    "tildes": "~~~\n- keep me\n~~~\n",
    "comment": "<!--\n- keep me\n-->\n",
    "div": "<div>\n- keep me\n</div>\n",
    "indented": "  a note about the list, indented\n",
}


def fix(text: str) -> str:
    return regenerate(Post.parse(text), SaveRules(), NOW).text


def kept_lines(text: str) -> Counter:
    """The lines a fix must keep: all but TOC-entry-shaped lines and blank lines."""
    lines = (line.rstrip("\r\n") for line in split_lines(text))
    return Counter(line for line in lines if line.strip() and not ENTRY.match(line))


def assert_fix_is_safe(text: str) -> str:
    once = fix(text)
    assert fix(once) == once, "fix twice != fix once"
    lost = kept_lines(text) - kept_lines(once)
    assert not lost, f"fix removed {sorted(lost)}"
    return once


@pytest.mark.parametrize("kind", sorted(CONSTRUCTS))
def test_construct_right_after_an_emptied_list_is_kept(kind):
    text = "## 목차\n\n- [Removed](#removed)\n" + CONSTRUCTS[kind]
    once = assert_fix_is_safe(text)
    assert CONSTRUCTS[kind] in once


@pytest.mark.parametrize("kind", sorted(CONSTRUCTS))
def test_construct_right_after_a_live_list_is_kept(kind):
    text = ("소개 글입니다.\n\n## 목차\n\n- [낡은 항목](#낡은-항목)\n" + CONSTRUCTS[kind]
            + "\n### 첫 소식\n\n본문.\n\n### Second story\n\nbody.\n")
    once = assert_fix_is_safe(text)
    assert "- [첫 소식](#첫-소식)\n- [Second story](#second-story)\n" in once
    assert CONSTRUCTS[kind] in once


def test_lone_cr_before_the_toc_heading_keeps_line_endings():
    once = assert_fix_is_safe("\r# 목차\n\n#")
    assert "\r\n" not in once  # no "\r" written before a "\n"


def test_an_anchor_with_a_lone_parenthesis_is_written_in_angle_brackets():
    # markdown-it-anchor keeps ")" in ids; "(#smiley-:))" would end the link at the first ")".
    text = "## 목차\n\n- [old](#old)\n\n### smiley :)\n\n본문.\n\n### 괄호 (둘)\n\nbody.\n"
    post = Post.parse(text, options=ParseOptions(anchor_style="markdown-it-anchor"))
    once = regenerate(post, SaveRules(), NOW).text
    assert "- [smiley :)](<#smiley-%3A)>)\n- [괄호 (둘)](#%EA%B4%84%ED%98%B8-(%EB%91%98))\n" in once
    again = regenerate(Post.parse(once, options=ParseOptions(anchor_style="markdown-it-anchor")), SaveRules(), NOW)
    assert (again.text, again.changes, again.warnings) == (once, [], [])


def test_a_list_after_a_fence_is_still_the_toc():
    text = "## 목차\n\n```\n- code\n```\n\n- [Old](#old)\n\n### New\n\ntext\n"
    once = assert_fix_is_safe(text)
    assert once == text.replace("- [Old](#old)", "- [New](#new)")


# -- generated posts -----------------------------------------------------------------------

TITLES = st.sampled_from(["첫 소식", "Second story", "GPT-3 논문 리뷰", "C++", "What's new?", "뉴스", "News"])
BODY = st.sampled_from([
    "본문 한 줄.\n", "[참고링크](https://example.org/a)\n", "> 인용\n", "- a\n  - b\n", "1. one\n",
    "```\n# not a heading\n- [Fake](#fake)\n```\n", "~~~\n- in tildes\n~~~\n", "<!--\n- [Hidden](#hidden)\n-->\n",
    "<div>\n- in html\n</div>\n", "    indented code\n", "\n",
])
AFTER_LIST = st.sampled_from(["", "\n"] + list(CONSTRUCTS.values()) + ["a sentence right after\n", "\n> quote\n"])


@st.composite
def posts(draw):
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    items = draw(st.lists(st.tuples(TITLES, st.lists(BODY, max_size=3)), max_size=4))
    toc = draw(st.lists(TITLES, max_size=4))
    bullet = draw(st.sampled_from(["-", "*", "1."]))
    parts = [draw(st.sampled_from(["", "---\ntitle: 'mine'\n---\n"])), "\n소개.\n\n## 목차\n\n"]
    parts += [f"{bullet} [{t}](#{t.lower().replace(' ', '-')})\n" for t in toc]
    parts.append(draw(AFTER_LIST))
    for title, body in items:
        parts.append(f"\n### {title}\n\n" + "".join(body))
    return "".join(parts).replace("\n", eol)


@SETTINGS
@given(posts())
@example("## 목차\n\n- [Removed](#removed)\n```\n- keep me\n```\n")
@example("\r# 목차\n\n#")
def test_generated_posts_fix_idempotently_and_keep_every_other_line(text):
    assert_fix_is_safe(text)


MUTATIONS = st.sampled_from(["```\n", "~~~\n", "<!--\n", "-->\n", "<div>\n", "</div>\n", "\r", "\n", "  indented\n",
                             "- [Stray](#stray)\n", "#", "## 목차\n"])


@SETTINGS
@given(posts(), st.lists(st.tuples(st.integers(0, 10_000), MUTATIONS), min_size=1, max_size=3))
def test_mutated_posts_fix_idempotently_and_keep_every_other_line(text, edits):
    for at, piece in edits:
        lines = split_lines(text)
        at %= len(lines) + 1
        text = "".join(lines[:at]) + piece + "".join(lines[at:])
    assert_fix_is_safe(text)
