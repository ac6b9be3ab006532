"""The TOC and front matter on save (FORMAT.md, "The TOC on save", "Fidelity"): exact bytes."""

import pytest

from core_helpers import fix_report, fix_text
from tui.digest.post import Post
from tui.digest.regen import SaveRules, regenerate
from core_helpers import NOW


def check(before, after, **kw):
    assert fix_text(before, **kw) == after
    assert fix_text(after, **kw) == after  # fix twice == fix once


def test_current_post_is_left_alone():
    text = "intro\n\n## 목차\n\n- [A](#a)\n- [B](#b)\n\n### A\n\nbody\n\n### B\n\nbody b\n"
    report = fix_report(text)
    assert report.text == text and report.changes == []


def test_reordered():
    before = "## 목차\n\n- [B](#b)\n- [A](#a)\n\n### A\n\n### B\n"
    check(before, "## 목차\n\n- [A](#a)\n- [B](#b)\n\n### A\n\n### B\n")
    assert fix_report(before).changes == ["TOC 1 entry reordered"]


def test_added_and_deleted():
    before = "## 목차\n\n- [A](#a)\n- [Gone](#gone)\n\n### A\n\n### New one\n"
    check(before, "## 목차\n\n- [A](#a)\n- [New one](#new-one)\n\n### A\n\n### New one\n")
    assert fix_report(before).changes == ["TOC 1 added, 1 removed"]


def test_renamed_label_follows_custom_label_kept():
    before = (
        "## 목차\n\n"
        "- [Meta / Multi-task Learning](#meta-learning--multi-task-learning)\n"
        "- [My own words](#b)\n"
        "- [Old heading](#old-heading)\n\n"
        "### Meta Learning / Multi task Learning\n\n### B\n\n### New heading\n"
    )
    after = (
        "## 목차\n\n"
        "- [Meta / Multi-task Learning](#meta-learning--multi-task-learning)\n"
        "- [My own words](#b)\n"
        "- [New heading](#new-heading)\n\n"
        "### Meta Learning / Multi task Learning\n\n### B\n\n### New heading\n"
    )
    check(before, after)


def test_rename_in_editor_follows_by_identity():
    text = "## 목차\n\n- [Old](#old)\n- [Mine](#b)\n\n### Old\n\n### B\n"
    post = Post.parse(text)
    old, b = post.items
    post.set_content(old, "### Brand new\n")
    post.set_content(b, "### B renamed\n")
    out = regenerate(post, SaveRules(), NOW, edited=True).text
    assert out == "## 목차\n\n- [Brand new](#brand-new)\n- [Mine](#b-renamed)\n\n### Brand new\n\n### B renamed\n"


def test_wrong_anchors_are_corrected():
    before = "## 목차\n\n- [A](#wrong)\n- [B](#B)\n\n### A\n\n### B\n"
    check(before, "## 목차\n\n- [A](#a)\n- [B](#b)\n\n### A\n\n### B\n")


def test_percent_encoded_anchor_still_points():
    before = "## 목차\n\n- [내 라벨](#%EB%89%B4%EC%8A%A4)\n\n### 뉴스\n"
    check(before, "## 목차\n\n- [내 라벨](#뉴스)\n\n### 뉴스\n")


def test_duplicates_numbered_across_the_page():
    before = "## Contents\n\n- [News](#news)\n\n### News\n\n### News\n\n### News\n\n### News-1\n"
    after = (
        "## Contents\n\n- [News](#news)\n- [News](#news-1)\n- [News](#news-2)\n- [News-1](#news-1-1)\n\n"
        "### News\n\n### News\n\n### News\n\n### News-1\n"
    )
    check(before, after)


def test_groups_nest_with_two_spaces():
    before = "## 목차\n\n- [A](#a)\n\n### Loose\n\n## 논문\n\n### A\n\n## 뉴스\n\n### B\n\n#### detail\n"
    after = (
        "## 목차\n\n- [Loose](#loose)\n- [논문](#논문)\n  - [A](#a)\n- [뉴스](#뉴스)\n  - [B](#b)\n\n"
        "### Loose\n\n## 논문\n\n### A\n\n## 뉴스\n\n### B\n\n#### detail\n"
    )
    check(before, after)


def test_existing_indent_and_bullets_kept():
    before = "## 목차\n\n* [G](#g)\n    + [A](#a)\n\n## G\n\n### A\n\n### B\n"
    check(before, "## 목차\n\n* [G](#g)\n    + [A](#a)\n    + [B](#b)\n\n## G\n\n### A\n\n### B\n")


def test_ordered_toc_renumbered():
    before = "## 목차\n\n1. [B](#b)\n2. [A](#a)\n\n### A\n\n### B\n"
    check(before, "## 목차\n\n1. [A](#a)\n2. [B](#b)\n\n### A\n\n### B\n")


def test_crlf_bom_and_missing_final_newline():
    before = "## 목차\r\n\r\n- [B](#b)\r\n\r\n### A\r\n\r\n### B"
    check(before, "## 목차\r\n\r\n- [A](#a)\r\n- [B](#b)\r\n\r\n### A\r\n\r\n### B")
    post = Post.parse("### A\r\n", bom=True)
    report = regenerate(post, SaveRules(), NOW)
    assert report.text == "## 목차\r\n\r\n- [A](#a)\r\n\r\n### A\r\n" and post.bom


def test_trailing_whitespace_and_tail_blank_lines_kept():
    before = "## 목차  \n\n- [B](#b)\n\n### A\t\n\ntext  \n\n### B\n\n\n\n"
    check(before, "## 목차  \n\n- [A](#a)\n- [B](#b)\n\n### A\t\n\ntext  \n\n### B\n\n\n\n")


@pytest.mark.parametrize(
    "before, after",
    [
        ("intro\n\n### A\n\nbody\n", "intro\n\n## 목차\n\n- [A](#a)\n\n### A\n\nbody\n"),
        ("intro\n### A\n", "intro\n## 목차\n\n- [A](#a)\n\n### A\n"),
        ("### A\n\n### B", "## 목차\n\n- [A](#a)\n- [B](#b)\n\n### A\n\n### B"),
        ("---\ntitle: x\n---\n\n### A\n", "---\ntitle: x\n---\n\n## 목차\n\n- [A](#a)\n\n### A\n"),
        ("\n\n### A\n", "\n\n## 목차\n\n- [A](#a)\n\n### A\n"),
        ("# A\n\n# B\n", "# 목차\n\n- [A](#a)\n- [B](#b)\n\n# A\n\n# B\n"),
        ("#### A\n", "## 목차\n\n- [A](#a)\n\n#### A\n"),
        ("# Title\n\nintro\n\n## G\n\n### A\n",
         "# Title\n\nintro\n\n## 목차\n\n- [G](#g)\n  - [A](#a)\n\n## G\n\n### A\n"),
    ],
)
def test_missing_toc_inserted_before_first_section(before, after):
    check(before, after)


def test_no_insert_when_disabled_and_custom_heading_text():
    assert fix_text("### A\n", insert_toc=False) == "### A\n"
    check_text = fix_text("### A\n", toc_heading_text="Contents")
    assert check_text == "## Contents\n\n- [A](#a)\n\n### A\n"


def test_toc_heading_without_list_gets_one():
    check("## 목차\n\n### A\n", "## 목차\n\n- [A](#a)\n\n### A\n")
    # A setext item right under the heading must not become the list's lazy continuation.
    check("## 목차\nA\n---\n", "## 목차\n\n- [A](#a)\n\nA\n---\n")


def test_sentence_around_the_list_kept():
    before = "## 목차\n\nSee below:\n\n- [B](#b)\n\nAfter the list.\n\n### A\n\n### B\n"
    check(before, "## 목차\n\nSee below:\n\n- [A](#a)\n- [B](#b)\n\nAfter the list.\n\n### A\n\n### B\n")


def test_markers_bound_the_region():
    before = "intro\n\n<!-- toc -->\n\n- [x](#x)\n\n<!-- tocstop -->\n\n### A\n\n### B\n"
    check(before, "intro\n\n<!-- toc -->\n\n- [A](#a)\n- [B](#b)\n\n<!-- tocstop -->\n\n### A\n\n### B\n")
    tight = "## 목차\n\n<!-- toc -->\n- [x](#x)\n<!-- tocstop -->\nnot in the list\n\n### A\n"
    # Inside markers the list is written as markdown-toc writes it: blank lines around it.
    check(tight, "## 목차\n\n<!-- toc -->\n\n- [A](#a)\n\n<!-- tocstop -->\nnot in the list\n\n### A\n")
    crlf = "<!-- toc -->\r\nsomething old\r\n- [x](#x)\r\n<!-- tocstop -->\r\n\r\n### A\r\n\r\n### B"
    check(crlf, "<!-- toc -->\r\n\r\n- [A](#a)\r\n- [B](#b)\r\n\r\n<!-- tocstop -->\r\n\r\n### A\r\n\r\n### B")


def test_thematic_break_is_not_the_toc_list():
    before = "## 목차\n\n* * *\n\n- [B](#b)\n\n### A\n\n### B\n"
    check(before, "## 목차\n\n* * *\n\n- [A](#a)\n- [B](#b)\n\n### A\n\n### B\n")


def test_new_labels_from_inline_markdown():
    before = "## 목차\n\n### [Title](http://x.com)\n\n### `a[0]` <b>bold</b> ![i](x.png)\n\nA two line\nsetext item\n---\n"
    after = (
        "## 목차\n\n- [Title](#title)\n- [`a[0]` bold](#a0-bold)\n- [A two line setext item](#a-two-linesetext-item)\n\n"
        "### [Title](http://x.com)\n\n### `a[0]` <b>bold</b> ![i](x.png)\n\nA two line\nsetext item\n---\n"
    )
    check(before, after)


def test_brackets_escaped_in_new_labels():
    check("## 목차\n\n### [draft] notes\n", "## 목차\n\n- [\\[draft\\] notes](#draft-notes)\n\n### [draft] notes\n")


def test_stale_toc_with_no_items_left_empty_when_safe():
    check("## 목차\n\n- [a](#a)\n\ntext\n", "## 목차\n\n\ntext\n")
    # Dropping the list would turn the next line into a setext underline of the heading's line.
    keep = "## 목차\n- [a](#a)\n#######\n-\n"
    assert fix_text(keep) == keep


def test_indented_first_heading_is_not_swallowed_by_a_new_list():
    text = "intro\n\n  ### A\n\n### B\n"
    out = fix_text(text)
    assert [b.title for b in Post.parse(out).items] == ["A", "B"]


def test_title_and_updated_managed():
    before = (
        "---\ntitle: Weekly ML/DL News (6월 1주차)\ndate: 2020.06.20 12:00:00\nupdated: 2020.06.20 12:00:00\n"
        "tags: [ML]  # keep\n---\n\n## 목차\n\n- [A](#a)\n\n### A\n"
    )
    report = fix_report(before)
    assert report.text == before.replace("6월 1주차", "6월 4주차").replace(
        "updated: 2020.06.20 12:00:00", "updated: 2020.06.22 08:15:30")
    assert report.changes == ["title updated", "updated refreshed"]
    assert fix_text(report.text) == report.text


def test_current_post_keeps_updated():
    text = "---\ntitle: Weekly ML/DL News (6월 4주차)\ndate: 2020.06.20 12:00:00\nupdated: 2019.01.01 00:00:00\n---\n\n## 목차\n\n- [A](#a)\n\n### A\n"
    assert fix_text(text) == text


def test_custom_title_not_managed():
    text = "---\ntitle: My own title\ndate: 2020.06.20 12:00:00\n---\n\n## 목차\n\n- [A](#a)\n\n### A\n"
    assert fix_text(text) == text


def test_broken_front_matter_kept_raw():
    text = "---\ntitle: [unclosed\ndate: 2020.06.20\n---\n\n### A\n"
    out = fix_text(text)
    assert out.startswith("---\ntitle: [unclosed\ndate: 2020.06.20\n---\n") and "- [A](#a)" in out


# --- find_list reads LF texts in one regex pass: it must agree with the line-by-line walk ---

from hypothesis import example as _example, given as _given, settings as _settings  # noqa: E402
from hypothesis import strategies as _st  # noqa: E402

_TOC_LINES = ["- [a](#b)", "  - [c](#d)", "* [x\\]y](#z)", "1. [n](#m)", "10) [n](<#m>)", "- [a [b] c](#%EB%AA%A9)",
              "- [a](#b) ", "- - -", "* * *", "-", "", "", "  ", "\x0c", "sentence", "  indented", "\tind", "## h",
              "<!-- toc -->", "<!-- tocstop -->", "- text", "-x", "2.", "   - deep", "- [](#)"]


@_settings(max_examples=300, deadline=None)
@_given(_st.lists(_st.sampled_from(_TOC_LINES), max_size=14), _st.integers(0, 14))
def test_find_list_same_for_lf_and_crlf(lines, skip):
    from tui.digest.toc import find_list

    skip = min(skip, len(lines))
    lf = "".join(line + "\n" for line in lines)
    crlf = lf.replace("\n", "\r\n")
    a = find_list(lf, sum(len(line) + 1 for line in lines[:skip]))
    b = find_list(crlf, sum(len(line) + 2 for line in lines[:skip]))
    assert a.entries == b.entries and a.marked == b.marked
    assert lf[a.start:a.end] == crlf[b.start:b.end].replace("\r\n", "\n")


_LABEL = _st.text(alphabet="[]\\()#a %", max_size=16)


@_settings(max_examples=800, deadline=None)
@_given(_st.lists(_st.tuples(_st.sampled_from(["- ", "* ", "1. ", "  - ", "-", "x "]), _LABEL,
                             _st.sampled_from(["](#", "](<#", "] (#", "]("]),
                             _st.text(alphabet="a%9B]([#<>", max_size=6),
                             _st.sampled_from([")", ">)", ") ", ")x", "", "))"])),
                  min_size=1, max_size=6))
@_example([("- ", "[x", "](#", "y](#z", ")")])  # two readings: "[" as text is the one taken
@_example([("- ", "a [b] c", "](#", "d", ")"), ("* ", "a\\]b", "](#", "%EB%AA", ")")])
def test_toc_entries_of_a_region_match_the_line_by_line_reading(parts):
    """The one-pass entry pattern (runs of plain characters, "[" on its own) reads every label
    and anchor as _ENTRY reads it line by line, brackets and escapes in any order."""
    from urllib.parse import unquote

    from tui.digest.toc import _ENTRY, TocEntry, _entries

    lines = [f"{bullet}[{label}{middle}{anchor}{end}" for bullet, label, middle, anchor, end in parts]
    region = "".join(line + "\n" for line in lines)
    expected = []
    for line in lines:
        match = _ENTRY.match(line)
        if match:
            expected.append(TocEntry(match["indent"], match["bullet"], match["label"], unquote(match["anchor"])))
    assert _entries(region) == tuple(expected)
