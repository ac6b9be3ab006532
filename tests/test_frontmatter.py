from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st

from tui.digest.errors import FrontMatterError
from tui.digest.frontmatter import (
    FrontMatter,
    raw_value,
    regenerate,
    set_key,
    set_list,
    split_front_matter,
)

TEMPLATE = "Weekly ML/DL News ({month}월 {week}주차)"
NOW = datetime(2020, 6, 22, 8, 15, 30)

KO_POST = (
    "---\n"
    "title: Weekly ML/DL News (6월 4주차)\n"
    "date: 2020.06.20 12:00:00\n"
    "categories:\n"
    "- news\n"
    "tags:\n"
    "- ML\n"
    "- DL\n"
    "---\n"
    "\n"
    "이번 주에도 흥미로운 소식을 모았습니다.\n"
    "\n"
    "## 목차\n"
)

EN_POST = (
    "---\n"
    "# Managed by the digest editor; keep the date format.\n"
    "title: 'Weekly ML/DL News (6월 3주차)'   # recomputed on save\n"
    'subtitle: "A \\"quoted\\" week"\n'
    "date: 2020-06-20 12:00:00\n"
    "updated: 2020-06-20 12:30:00\n"
    "tags: [ML, DL, 'deep learning']\n"
    "categories:\n"
    "  - news   # the only category\n"
    "  - weekly\n"
    "draft: false\n"
    "---\n"
    "Body in English.\n"
)

TOML_POST = (
    "+++\n"
    'title = "Weekly ML/DL News (6월 3주차)"  # Hugo\n'
    "date = 2020-06-20T12:00:00+09:00\n"
    "updated = 2020-06-20T12:30:00+09:00\n"
    'tags = ["ML", "DL"]\n'
    "\n"
    "[params]\n"
    'author = "편집자"\n'
    "+++\n"
    "본문\n"
)


def split(text):
    fm, body = split_front_matter(text)
    assert fm.raw + body == text
    return fm


# -- splitting ------------------------------------------------------------------


def test_korean_post_splits_and_parses():
    fm, body = split_front_matter(KO_POST)
    assert fm.format == "yaml" and fm.error is None
    assert fm.raw.endswith("- DL\n---\n")
    assert body.startswith("\n이번 주에도")
    assert fm.data == {
        "title": "Weekly ML/DL News (6월 4주차)",
        "date": "2020.06.20 12:00:00",
        "categories": ["news"],
        "tags": ["ML", "DL"],
    }
    assert raw_value(fm, "date") == "2020.06.20 12:00:00"
    assert raw_value(fm, "title") == "Weekly ML/DL News (6월 4주차)"
    assert raw_value(fm, "tags") is None and raw_value(fm, "missing") is None


def test_unchanged_value_round_trips_byte_identically():
    for text in (KO_POST, EN_POST, KO_POST.replace("\n", "\r\n"), TOML_POST):
        fm = split(text)
        for key in ("title", "date"):
            same = set_key(fm, key, raw_value(fm, key))
            assert same.raw == fm.raw


def test_no_front_matter_and_lone_thematic_break():
    for text in ("# Title\n\n---\n", "---\nJust a rule and text\n", "", "---"):
        fm, body = split_front_matter(text)
        assert (fm.raw, fm.format, fm.data, fm.error) == ("", None, None, None)
        assert body == text


def test_dots_close_yaml_and_trailing_blanks_are_tolerated():
    fm = split("--- \ntitle: x\n...\nbody\n")
    assert fm.data == {"title": "x"} and fm.raw == "--- \ntitle: x\n...\n"


def test_closing_delimiter_without_final_newline():
    fm, body = split_front_matter("---\ntitle: x\n---")
    assert fm.raw == "---\ntitle: x\n---" and body == ""
    assert set_key(fm, "title", "y").raw == "---\ntitle: y\n---"


def test_empty_front_matter_accepts_new_keys():
    fm = split("---\n---\nbody\n")
    assert fm.data == {}
    assert split("---\n# 아직 비어 있음\n---\n").data == {}
    assert set_key(fm, "title", "새 글").raw == "---\ntitle: 새 글\n---\n"


# -- set_key --------------------------------------------------------------------


def test_set_key_keeps_comments_quotes_and_flow_lists():
    fm = split(EN_POST)
    new = set_key(fm, "title", "Weekly ML/DL News (6월 4주차)")
    assert new.raw == EN_POST.replace("6월 3주차", "6월 4주차").split("Body")[0]
    assert new.data["tags"] == ["ML", "DL", "deep learning"]
    new = set_key(fm, "subtitle", 'say "hi"')
    assert 'subtitle: "say \\"hi\\""\n' in new.raw
    assert new.data["subtitle"] == 'say "hi"'


def test_set_key_single_quote_style_escapes_quotes():
    new = set_key(split(EN_POST), "title", "It's week 4")
    assert "title: 'It''s week 4'   # recomputed on save\n" in new.raw


def test_set_key_keeps_crlf():
    text = KO_POST.replace("\n", "\r\n")
    new = set_key(split(text), "title", "Weekly ML/DL News (6월 5주차)")
    assert new.raw == text.replace("4주차", "5주차").split("\r\n\r\n")[0] + "\r\n"
    appended = set_key(new, "author", "홍길동")
    assert appended.raw.endswith("- DL\r\nauthor: 홍길동\r\n---\r\n")


def test_changed_key_in_place_and_new_key_appended():
    fm = split(KO_POST)
    new = set_key(fm, "date", "2020.06.27 12:00:00")
    assert new.raw == fm.raw.replace("2020.06.20", "2020.06.27")
    new = set_key(fm, "slug", "weekly-26")
    assert new.raw == fm.raw.replace("- DL\n---\n", "- DL\nslug: weekly-26\n---\n")


@pytest.mark.parametrize(
    "value",
    [
        "key: value",
        "'starts with a quote",
        '"double',
        "[not a list]",
        "{not: a map}",
        "# not a comment",
        "trailing #hash is fine",
        "- dash",
        "true",
        "null",
        "123",
        "",
        " padded ",
        "line\nbreak",
        "tab\there",
        "back\\slash",
        "@at",
        "`tick",
        "%percent",
        "*star",
        "&amp",
        "!bang",
        "|pipe",
        ">gt",
        "?q",
        "한국어: 콜론",
    ],
)
def test_values_yaml_would_misread_are_quoted(value):
    fm = split(KO_POST)
    new = set_key(fm, "title", value)
    assert new.data["title"] == value
    assert raw_value(new, "title") == value
    assert new.raw.count("\n") == fm.raw.count("\n")


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_string_value_survives(value):
    new = set_key(split(EN_POST), "subtitle", value)
    assert new.data["subtitle"] == value
    assert new.data["tags"] == ["ML", "DL", "deep learning"]


def test_empty_value_gets_filled_and_trailing_comment_kept():
    fm = split("---\ntitle: x\nupdated:   # filled on save\n---\n")
    new = set_key(fm, "updated", "2020.06.22 08:15:30")
    assert new.raw == "---\ntitle: x\nupdated: 2020.06.22 08:15:30   # filled on save\n---\n"


def test_block_scalar_value_is_replaced_without_eating_following_keys():
    fm = split("---\nsummary: |\n  line one\n  line two\n\ndate: 2020-06-20\n---\n")
    new = set_key(fm, "summary", "short")
    assert new.raw == "---\nsummary: short\n\ndate: 2020-06-20\n---\n"


def test_yaml_timestamp_stays_plain():
    fm = split(EN_POST)
    new = set_key(fm, "updated", "2020-06-22 08:15:30")
    assert "updated: 2020-06-22 08:15:30\n" in new.raw
    assert new.data["updated"] == datetime(2020, 6, 22, 8, 15, 30)


# -- set_list -------------------------------------------------------------------


def test_set_list_keeps_block_style_and_indent():
    fm = split(EN_POST)
    new = set_list(fm, "categories", ["news", "딥러닝", "a: b"])
    assert '  - news\n  - 딥러닝\n  - "a: b"\ndraft: false\n' in new.raw
    assert new.data["categories"] == ["news", "딥러닝", "a: b"]
    assert new.raw.startswith(fm.raw.split("categories:")[0])


def test_set_list_keeps_flow_style_and_quote_style():
    new = set_list(split(EN_POST), "tags", ["NLP", "it's", "x, y"])
    # Plain where YAML reads it back unchanged, else the list's own quote style.
    assert "tags: [NLP, it's, 'x, y']\n" in new.raw
    assert new.data["tags"] == ["NLP", "it's", "x, y"]
    plain = set_list(split("---\ntags: [a, b]  # k\n---\n"), "tags", ["c", "1", "d e"])
    assert plain.raw == '---\ntags: [c, "1", d e]  # k\n---\n'
    quoted = set_list(split('---\ntags:\n  - "a"\n  - "b"\n---\n'), "tags", ["c", "d"])
    assert quoted.raw == '---\ntags:\n  - "c"\n  - "d"\n---\n'


def test_set_list_block_in_korean_post_and_crlf():
    text = KO_POST.replace("\n", "\r\n")
    new = set_list(split(text), "tags", ["ML", "DL", "강화학습"])
    assert new.raw.endswith("tags:\r\n- ML\r\n- DL\r\n- 강화학습\r\n---\r\n")
    assert set_list(split(text), "tags", ["ML", "DL"]).raw == split(text).raw


def test_set_list_empty_and_append():
    fm = split(KO_POST)
    assert "tags: []\n---\n" in set_list(fm, "tags", []).raw
    new = set_list(fm, "keywords", ["a", "b"])
    assert new.raw.endswith("- DL\nkeywords:\n- a\n- b\n---\n")
    new = set_list(split("---\ntitle: x\ntags:   # none yet\n---\n"), "tags", ["a"])
    assert new.raw == "---\ntitle: x\ntags:   # none yet\n- a\n---\n"


def test_set_list_after_emptying_restores_block():
    fm = set_list(split(KO_POST), "categories", [])
    back = set_list(fm, "categories", ["news"])
    assert back.data["categories"] == ["news"] and back.data["tags"] == ["ML", "DL"]


# -- TOML -----------------------------------------------------------------------


def test_toml_front_matter():
    fm = split(TOML_POST)
    assert fm.format == "toml" and fm.error is None
    assert fm.data["params"] == {"author": "편집자"}
    assert raw_value(fm, "date") == "2020-06-20T12:00:00+09:00"
    assert raw_value(fm, "title") == "Weekly ML/DL News (6월 3주차)"
    assert raw_value(fm, "author") is None  # lives in a table, not top level
    new = set_key(fm, "title", 'Say "안녕"')
    assert 'title = "Say \\"안녕\\""  # Hugo\n' in new.raw
    new = set_key(fm, "slug", "w26")
    assert 'tags = ["ML", "DL"]\nslug = "w26"\n\n[params]' in new.raw
    new = set_list(fm, "tags", ["NLP"])
    assert 'tags = ["NLP"]\n' in new.raw and new.data["params"] == fm.data["params"]


def test_toml_datetime_stays_bare():
    new = set_key(split(TOML_POST), "updated", "2020-06-22T08:15:30+09:00")
    assert "updated = 2020-06-22T08:15:30+09:00\n" in new.raw
    assert set_key(split(TOML_POST), "updated", "soon").data["updated"] == "soon"


# -- broken front matter --------------------------------------------------------


@pytest.mark.parametrize(
    "text, line",
    [
        ("---\ntitle: [unclosed\ndate: 2020.06.20 12:00:00\n---\nbody\n", "line 2"),
        ("---\ntitle: ok\n  bad: indent\n---\n", "line 3"),
        ("---\njust a sentence\n---\n", "line 2"),
        ('+++\ntitle = "ok"\ndate = = 1\n+++\n', "line 3"),
    ],
)
def test_broken_front_matter_names_the_line(text, line):
    fm, body = split_front_matter(text)
    assert fm.data is None and fm.error and line in fm.error
    assert fm.raw + body == text
    assert regenerate(fm, template=TEMPLATE, week_start=5, now=NOW, body_changed=True) == (fm, [])
    with pytest.raises(FrontMatterError):
        set_key(fm, "title", "x")
    with pytest.raises(FrontMatterError):
        set_list(fm, "tags", ["x"])


def test_edits_without_front_matter_are_refused():
    fm, _ = split_front_matter("body only\n")
    assert regenerate(fm, template=TEMPLATE, week_start=5, now=NOW, body_changed=True) == (fm, [])
    with pytest.raises(FrontMatterError):
        set_key(fm, "title", "x")


# -- regenerate -----------------------------------------------------------------


def regen(fm, body_changed=False, now=NOW):
    return regenerate(fm, template=TEMPLATE, week_start=5, now=now, body_changed=body_changed)


def test_current_title_changes_nothing():
    fm = split(KO_POST.replace("tags:", "updated: 2020.06.20 12:00:00\ntags:"))
    new, notes = regen(fm)
    assert notes == [] and new.raw == fm.raw


def test_stale_title_is_recomputed_and_updated_refreshed_in_date_format():
    fm = split(KO_POST.replace("4주차", "3주차").replace("tags:", "updated: 2020.06.20 12:00:00\ntags:"))
    new, notes = regen(fm)
    assert notes == ["title updated", "updated refreshed"]
    assert "title: Weekly ML/DL News (6월 4주차)\n" in new.raw
    assert "updated: 2020.06.22 08:15:30\n" in new.raw
    again, notes = regen(new)
    assert notes == [] and again.raw == new.raw


def test_body_change_refreshes_updated_only():
    fm = split(EN_POST.replace("6월 3주차", "6월 4주차"))
    new, notes = regen(fm, body_changed=True)
    assert notes == ["updated refreshed"]
    assert new.raw == fm.raw.replace("updated: 2020-06-20 12:30:00", "updated: 2020-06-22 08:15:30")


def test_no_updated_key_is_not_added():
    fm = split(KO_POST.replace("4주차", "2주차"))
    new, notes = regen(fm, body_changed=True)
    assert notes == ["title updated"] and "updated" not in new.data


def test_unmanaged_title_is_left_alone():
    fm = split(KO_POST.replace("Weekly ML/DL News (6월 4주차)", "이번 주 머신러닝 소식"))
    new, notes = regen(fm)
    assert notes == [] and new.raw == fm.raw


def test_week_start_and_template_are_honoured():
    fm = split("---\ntitle: Digest 2020 w1\ndate: 2020-06-08\n---\n")
    new, notes = regenerate(fm, template="Digest {year} w{week}", week_start=0, now=NOW, body_changed=False)
    assert notes == ["title updated"] and new.data["title"] == "Digest 2020 w2"


def test_regenerate_toml_stamps_in_the_posts_offset():
    new, notes = regen(split(TOML_POST), now=datetime(2020, 6, 21, 23, 15, tzinfo=timezone.utc))
    assert notes == ["title updated", "updated refreshed"]
    assert 'title = "Weekly ML/DL News (6월 4주차)"  # Hugo\n' in new.raw
    assert "updated = 2020-06-22T08:15:00+09:00\n" in new.raw
    assert new.data["updated"].utcoffset() == timedelta(hours=9)


def test_unreadable_date_leaves_title_alone():
    fm = split("---\ntitle: Weekly ML/DL News (6월 1주차)\ndate: sometime\n---\n")
    assert regen(fm, body_changed=True) == (fm, [])


def test_frontmatter_built_directly_needs_no_reading():
    fm = FrontMatter("", None, None, None)
    assert fm.raw == "" and fm.data is None and fm.error is None


@pytest.mark.parametrize("line, error", [
    ("date: 2024-02-30", "front matter does not parse"),
    ("count: !!int 0x", "front matter does not parse"),
    ("nested: " + "[" * 2000, "front matter refused: it nests deeper than 64 levels"),  # issue 12
])
def test_values_pyyaml_cannot_build_make_the_front_matter_broken(line, error):
    fm = split(f"---\ntitle: T\n{line}\n---\n")
    assert fm.data is None and fm.error.startswith(error)
    with pytest.raises(FrontMatterError):
        set_key(fm, "title", "U")


def test_front_matter_is_read_when_first_used():
    fm = split("---\ntitle: [unclosed\n---\n")
    assert fm._unread  # noqa: SLF001 - split only finds the delimiters
    assert fm.error is not None and fm.data is None
    assert not fm._unread  # noqa: SLF001


def test_opening_a_post_leaves_pyyaml_for_later(tmp_path):
    import subprocess
    import sys

    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 주간 뉴스\ndate: 2026.03.07 12:00:00\n---\n\n### A\n", encoding="utf-8")
    code = (
        "import sys; from tui.digest.postfile import open_post; from tui.digest.post import ParseOptions;"
        f"o = open_post({str(post)!r}, ParseOptions()); assert 'yaml' not in sys.modules;"
        "assert o.post.front.peek('title') == '주간 뉴스'; assert 'yaml' not in sys.modules;"
        "assert o.post.front.data['title'] == '주간 뉴스'; assert 'yaml' in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "line, plain",
    [
        ("title: Weekly ML/DL News (6월 4주차)", True),
        ("title: 'Weekly: news'", True),
        ('title: "주간 뉴스"', True),
        ("title: news # a comment", False),
        ("title: 2026", False),
        ("title: yes", False),
        ("title: 'it''s'", False),
        ('title: "tab\\there"', False),
        ("title: a: b", False),
        ("title: first\n  continued", False),
        ("title: one\ntitle: two", False),
        ("title: [a, b]", False),
        ("title: ~", False),
        ("title: foo\n\n  bar", False),
        ('summary: "two\ntitle: lines"', False),
        ("title: 주간 뉴스\ntags:\n- ML\n- 논문", True),
    ],
)
def test_peek_reads_plain_titles_itself_and_leaves_the_rest_to_pyyaml(line, plain):
    fm = split(f"---\n{line}\ndate: 2026.03.07 12:00:00\n---\n")
    value = fm.peek("title")
    assert fm._unread == plain  # noqa: SLF001 - read only when the line was not plain
    expected = fm.data.get("title") if fm.data else None
    assert value == (None if expected is None else str(expected))


_YAMLISH = st.sampled_from(list(":#'\"-?[]{},&*!|>%@`~=<.+_ \t0123456789yYnNoOtTfFeElLsu가뉴스\\"))


@given(st.one_of(
           st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x85\u2028\u2029"), max_size=30),
           st.text(_YAMLISH, max_size=12)),
       st.sampled_from(["", "'", '"']))
@settings(max_examples=int(__import__('os').environ.get('PEEK_EXAMPLES', 300)), deadline=None)
def test_peek_agrees_with_pyyaml(text, quote):
    raw = f"---\ntitle: {quote}{text}{quote}\nslug: x\n---\n"
    fm, _ = split_front_matter(raw)
    peeked = fm.peek("title")
    fresh, _ = split_front_matter(raw)
    expected = fresh.data.get("title") if fresh.data else None
    assert peeked == (None if expected is None else str(expected))


def test_toml_scanner_skips_multiline_values_and_comments():
    text = (
        "+++\n"
        "# 설명\n"
        'summary = """\n'
        'title = "not a key"\n'
        '"""\n'
        "tags = [\n"
        '  "a",  # first\n'
        '  "b]",\n'
        "]\n"
        "'literal key' = 'raw \\ text'\n"
        "title = 'Weekly ML/DL News (6월 1주차)'\n"
        "+++\n"
    )
    fm = split(text)
    assert raw_value(fm, "title") == "Weekly ML/DL News (6월 1주차)"
    assert raw_value(fm, "literal key") == "raw \\ text"
    new = set_key(fm, "title", "Weekly ML/DL News (6월 2주차)")
    assert new.raw == text.replace("1주차", "2주차")
    new = set_list(fm, "tags", ["c"])
    assert new.raw == text.replace('[\n  "a",  # first\n  "b]",\n]', '["c"]')


@settings(max_examples=100)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_string_value_survives_toml(value):
    new = set_key(split(TOML_POST), "title", value)
    assert new.data["title"] == value and raw_value(new, "title") == value
    assert new.data["params"] == {"author": "편집자"}
