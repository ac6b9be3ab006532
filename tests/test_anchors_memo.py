"""Post.anchors is asked twice per save and remembers its last answer: the answer must
follow every change a save can see (a renamed heading, a moved item, another style)."""

from __future__ import annotations

from tui.digest.post import ParseOptions, Post

TEXT = (
    "---\ntitle: T\n---\n\n## 목차\n\n- [첫 소식](#첫-소식)\n\n"
    "### 첫 소식\n\n본문.\n\n### Second News\n\nbody.\n\n### 첫 소식\n\n같은 제목.\n"
)


def by_title(post: Post) -> list[tuple[str, str]]:
    anchors = post.anchors()
    return [(block.title, anchors[block.uid]) for block in post.items]


def test_anchors_follow_a_rename_a_move_and_the_style():
    post = Post.parse(TEXT)
    assert by_title(post) == [("첫 소식", "첫-소식"), ("Second News", "second-news"), ("첫 소식", "첫-소식-1")]
    first = post.items[0]
    post.set_content(first, first.content.replace("### 첫 소식", "### 바뀐 제목", 1))
    assert by_title(post) == [("바뀐 제목", "바뀐-제목"), ("Second News", "second-news"), ("첫 소식", "첫-소식")]
    post.move_item(post.items[2], -2)  # the repeat first: the numbering follows the order
    assert [a for _, a in by_title(post)][:2] == ["첫-소식", "바뀐-제목"]
    post.options = ParseOptions(anchor_style="hexo")
    assert dict(by_title(post))["Second News"] == "Second-News"


def test_a_caller_changing_the_answer_does_not_change_the_next_one():
    post = Post.parse(TEXT)
    answer = post.anchors()
    answer.clear()
    assert len(post.anchors()) == 3 + 1  # three items and the TOC heading
