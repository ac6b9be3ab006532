"""Reading a post into front matter, preamble, TOC, groups and items (FORMAT.md, Anatomy)."""

from pathlib import Path

import pytest

from tui.digest.frontmatter import split_front_matter
from tui.digest.post import ParseOptions, Post

FIXTURES = Path(__file__).parent / "fixtures"


def shape(text, **kw):
    post = Post.parse(text, options=ParseOptions(**kw))
    assert post.text() == text
    return post, [(b.kind, b.title) for b in post.blocks]


def test_korean_fixture_shape():
    text = (FIXTURES / "weekly-ko.md").read_text(encoding="utf-8")
    post, kinds = shape(text)
    assert post.item_level == 3 and post.front.format == "yaml"
    assert kinds[0] == ("preamble", "") and kinds[1] == ("toc", "목차")
    assert [t for k, t in kinds if k == "item"] == [
        "Graph Neural Network 강의", "Colab Pro 출시", "Meta Learning / Multi task Learning",
        "Transformer 구현 따라하기", "What's new in PyTorch 1.5?",
    ]
    assert post.blocks[0].content.startswith("\n한 주 동안")
    assert post.items[2].content.endswith("```\n")  # code fence with # lines stays in the item


def test_item_level_from_toc_targets():
    # The TOC points at ## headings, so ## are items and #### belong to them.
    post, kinds = shape("## 목차\n\n- [A](#a)\n\n## A\n\n#### sub\n\n## B\n")
    assert post.item_level == 2
    assert kinds == [("preamble", ""), ("toc", "목차"), ("item", "A"), ("item", "B")]


def test_item_level_most_common_ties_deeper():
    assert Post.parse("## A\n\n## B\n\n### C\n").item_level == 2
    assert Post.parse("## A\n\n### B\n").item_level == 3
    assert Post.parse("no headings\n").item_level == 3
    assert Post.parse("#### A\n\n#### B\n").item_level == 4


def test_groups_and_deeper_headings():
    post, kinds = shape("intro\n\n## 논문\n\n### A\n\n#### detail\n\n## 뉴스\n\n### B\n")
    assert kinds == [("preamble", ""), ("group", "논문"), ("item", "A"), ("group", "뉴스"), ("item", "B")]
    assert "#### detail" in post.items[0].content


def test_lone_leading_h1_belongs_to_preamble():
    post, kinds = shape("# Weekly digest\n\nintro\n\n## G\n\n### A\n")
    assert kinds == [("preamble", ""), ("group", "G"), ("item", "A")]
    assert post.blocks[0].content.startswith("# Weekly digest")
    # Two level-1 headings are groups, not a title.
    _, kinds = shape("# G1\n\n### A\n\n# G2\n\n### B\n")
    assert [k for k, _ in kinds] == ["preamble", "group", "item", "group", "item"]


@pytest.mark.parametrize("name", ["목차", "차례", "Contents", "table of contents", "  TOC  "])
def test_toc_heading_names(name):
    _, kinds = shape(f"## {name}\n\n### A\n")
    assert kinds[1][0] == "toc"


def test_configured_toc_heading():
    _, kinds = shape("## Index\n\n### A\n", toc_headings=("Index",))
    assert kinds[1] == ("toc", "Index")


def test_everything_before_toc_is_preamble():
    _, kinds = shape("### early\n\n## 목차\n\n### A\n")
    assert kinds == [("preamble", ""), ("toc", "목차"), ("item", "A")]


def test_headings_in_code_comments_front_matter_are_not_items():
    text = (FIXTURES / "fences.md").read_text(encoding="utf-8")
    post, _ = shape(text)
    assert [b.title for b in post.items] == ["Install", "Configure", "Run"]


def test_setext_items_and_groups():
    text = (FIXTURES / "setext-groups.md").read_text(encoding="utf-8")
    post, kinds = shape(text)
    assert post.strip_final_eol
    assert [k for k, _ in kinds] == ["preamble", "toc", "group", "item", "group", "item", "item"]
    assert post.items[1].title == "A two line\nsetext item"


def test_last_item_owns_the_tail():
    post, _ = shape("### A\n\ntext\n\n### B\n\ntail text\n\n<!-- footer -->\n\n\n")
    assert post.items[-1].content == "### B\n\ntail text\n\n<!-- footer -->\n"
    assert post.gaps[-1] == "\n\n"


@pytest.mark.parametrize("text", [
    "", "\n", "x", "### A", "### A\r\n", "### A\r", "\ufeff### A\n", "---\n", "---\ntitle: x\n---",
    "+++\ntitle = 'x'\n+++\n### A", "### A\n\n\n", "   \n\t\n", "### A\n   ",
])
def test_round_trip_edge_cases(text):
    assert Post.parse(text).text() == text


@pytest.mark.parametrize("text, fmt", [
    ("---\ntitle: x\n---\nbody\n", "yaml"),
    ("---  \ntitle: x\n...\nbody\n", "yaml"),
    ("+++\ntitle = 'x'\n+++\nbody\n", "toml"),
    ("---\r\ntitle: x\r\n---\r\nbody\r\n", "yaml"),
    ("Title: x\nDate: 2020-06-20\n\nbody\n", None),
    ("---\ntitle: x\n", None),  # never closed: a thematic break
])
def test_front_matter_kinds(text, fmt):
    post = Post.parse(text)
    assert post.front.format == fmt and post.text() == text


def test_front_matter_closes_only_at_a_real_line():
    # str.splitlines would end a line at \u2028 or \x0c and find "---" inside a line.
    for sep in ("\u2028", "\x0c", "\x85", "\x1e"):
        text = f"---\ntitle: x{sep}---\nmore\n"
        front, body = split_front_matter(text)
        assert front.raw == "" and body == text
    front, body = split_front_matter("---\nnote: a\x0cb\n---\nbody\n")
    assert front.raw == "---\nnote: a\x0cb\n---\n" and body == "body\n"


def test_cr_only_file_round_trips():
    text = "---\rtitle: x\r---\r\r## 목차\r\r- [A](#a)\r\r### A\r\rtext\r"
    post = Post.parse(text)
    assert post.text() == text and post.eol == "\r"
    assert [b.title for b in post.items] == ["A"]


def test_anchors_by_block_and_toc_entries():
    post = Post.parse("## 목차\n\n- [x](#x)\n\n### News\n\n### News\n")
    anchors = post.anchors()
    assert [anchors[b.uid] for b in post.blocks[1:]] == ["목차", "news", "news-1"]
