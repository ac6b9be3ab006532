"""The line scanner: which lines are the post's top-level headings (FORMAT.md, Anatomy)."""

import pytest

from tui.digest.blocks import scan_headings, split_lines


def titles(text):
    return [(h.level, h.text) for h in scan_headings(text)]


def test_split_lines_only_at_real_line_endings():
    text = "a\x0bb\x0cc\x1cd\x85e\u2028f\r\ng\rh\ni"
    assert split_lines(text) == ["a\x0bb\x0cc\x1cd\x85e\u2028f\r\n", "g\r", "h\n", "i"]
    assert "".join(split_lines(text)) == text
    assert split_lines("") == []


def test_atx_levels_offsets_and_closing_hashes():
    text = "# One\n\n## Two ##\n###   Three   #\n####### seven\n#nospace\n"
    found = scan_headings(text)
    assert [(h.level, h.text) for h in found] == [(1, "One"), (2, "Two"), (3, "Three")]
    assert text[found[1].start:found[1].end] == "## Two ##\n"


@pytest.mark.parametrize("fence", ["```", "~~~", "````", "~~~~~"])
def test_fenced_code_hides_headings(fence):
    text = f"## A\n\n{fence}python\n# comment\n## not a heading\n{fence}\n\n## B\n"
    assert titles(text) == [(2, "A"), (2, "B")]


def test_nested_longer_fences_and_unclosed_fence():
    text = "## A\n````md\n```\n## inside\n```\n````\n## B\n~~~\n## in tilde\n```\n~~~\n## C\n```\n## swallowed\n"
    assert titles(text) == [(2, "A"), (2, "B"), (2, "C")]


def test_backtick_fence_with_backtick_in_info_is_not_a_fence():
    assert titles("``` a`b\n## Heading\n") == [(2, "Heading")]


def test_html_comments_and_blocks_hide_headings():
    text = (
        "## A\n<!--\n## hidden\n[Example](https://example.com)\n-->\n## B\n"
        "<div>\n## in div\n\n## C\n<!-- one line -->\n## D\n"
    )
    assert titles(text) == [(2, "A"), (2, "B"), (2, "C"), (2, "D")]


def test_setext_headings_and_thematic_breaks():
    text = "Title\n=====\n\nTwo\nlines\n---\n\n---\n\n- item\n---\n\n    code\n---\n"
    found = scan_headings(text)
    assert [(h.level, h.text, h.setext) for h in found] == [(1, "Title", True), (2, "Two\nlines", True)]
    assert found[1].start == text.index("Two")


def test_headings_inside_lists_quotes_and_indented_code_are_not_structure():
    text = "- item\n  ## in list\n> ## quoted\n\n    ## code\n\n## Real\n"
    assert titles(text) == [(2, "Real")]


def test_crlf_and_cr_line_endings():
    assert titles("## A\r\n\r\ntext\r\n## B\r\n") == [(2, "A"), (2, "B")]
    assert titles("## A\r\rtext\r## B\r") == [(2, "A"), (2, "B")]


def test_odd_characters_do_not_end_lines():
    # \u2028 is a line break to str.splitlines, not to Markdown.
    assert titles("text\u2028## not a heading\n## Yes\n") == [(2, "Yes")]


def test_deep_nesting_is_fine():
    text = ">" * 5000 + " ## deep\n" + "  " * 3000 + "- x\n## After\n"
    assert titles(text) == [(2, "After")]


# --- the scan can be resumed, and its shortcuts change nothing -----------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tui.digest.blocks import scan  # noqa: E402

_LINES = ["## A", "### B ##", "#nospace", "    ## code", "plain words", "한국어 문장", "²sup", "1. item", "- item",
          "- [a](#b)", "  - [c](#d)", "-\t[e](#f)", "- - -", "***", "---", "===", "```", "```py", "~~~", "``` a`b",
          "> quote", "> ## q", "<!--", "-->", "<div>", "<pre>", "</pre>", "", "", "   ", "\x0c", "\u3000x", "  plain",
          "Title", "\tcode", "-", "1."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=16), st.sampled_from(["\n", "\r\n", "\r"]), st.data())
def test_scan_resumed_at_any_line_finds_the_same_headings(lines, eol, data):
    text = "".join(line + eol for line in lines)
    cut = sum(len(line + eol) for line in lines[: data.draw(st.integers(0, len(lines)))])
    whole = scan_headings(text)
    first, state = scan(text[:cut])
    rest, _ = scan(text[cut:], state)
    assert [(h.level, h.start, h.end) for h in first] + [(h.level, h.start + cut, h.end + cut) for h in rest] == [
        (h.level, h.start, h.end) for h in whole
    ]
    # Other line endings, the same headings (runs of prose lines are taken whole either way).
    assert [(h.level, h.text) for h in whole] == [(h.level, h.text) for h in scan_headings(text.replace(eol, "\r"))]
