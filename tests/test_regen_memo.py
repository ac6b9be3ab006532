"""A save remembers the TOC list it built last (and the anchors it came from): saving the
same post again must still follow every change a save can see, including one that changes
no item heading at all (a deeper heading typed in a body renumbers the anchors after it)."""

from __future__ import annotations

from datetime import datetime

from tui.digest.post import Post
from tui.digest.regen import SaveRules, regenerate

TEXT = (
    "---\ntitle: T\n---\n\n## 목차\n\n- [News](#news)\n- [News](#news-1)\n- [Third](#third)\n\n"
    "### News\n\n본문 하나.\n\n### News\n\nbody two.\n\n### Third\n\n셋.\n"
)
NOW = datetime(2020, 6, 20, 12)


def toc_of(post: Post) -> str:
    text = regenerate(post, SaveRules(), NOW, edited=True).text
    return text[text.index("## 목차"):text.index("### News")]


def test_typing_in_a_body_keeps_the_toc_and_a_deeper_heading_renumbers_it():
    post = Post.parse(TEXT)
    assert toc_of(post) == "## 목차\n\n- [News](#news)\n- [News](#news-1)\n- [Third](#third)\n\n"
    first = post.items[0]
    post.set_content(first, first.content + "\n더 쓴 글.\n")
    assert toc_of(post) == "## 목차\n\n- [News](#news)\n- [News](#news-1)\n- [Third](#third)\n\n"
    # A "#### News" inside the first item takes news-1: the second item's anchor moves on.
    post.set_content(first, first.content + "\n#### News\n\n안쪽 제목.\n")
    assert toc_of(post) == "## 목차\n\n- [News](#news)\n- [News](#news-2)\n- [Third](#third)\n\n"


def test_a_rename_and_a_move_between_two_saves_reach_the_toc():
    post = Post.parse(TEXT)
    toc_of(post)
    third = post.items[2]
    post.set_content(third, third.content.replace("### Third", "### Third Story", 1))
    assert "- [Third Story](#third-story)\n" in toc_of(post)
    post.move_item(third, -1)
    assert toc_of(post) == ("## 목차\n\n- [News](#news)\n- [Third Story](#third-story)\n"
                            "- [News](#news-1)\n\n")


def test_two_posts_saved_in_turn_each_get_their_own_toc():
    one, other = Post.parse(TEXT), Post.parse(TEXT.replace("Third", "Other"))
    assert "[Third](#third)" in toc_of(one)
    assert "[Other](#other)" in toc_of(other)
    assert "[Third](#third)" in toc_of(one)
