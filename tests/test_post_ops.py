"""The editor's structural operations: every item keeps its bytes, gaps stay with positions."""

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tui.digest.post import Post

TEXT = (
    "---\ntitle: x\n---\n\nintro\n\n## 목차\n\n- [A](#a)\n\n"
    "### A\n\nbody a\n\n## G\n\n### B\n\n```\n# code\n```\n\n### C\n\nlast line"
)


def items(post):
    return [b.title for b in post.items]


def reparsed(post):
    again = Post.parse(post.text())
    return [(b.kind, b.title, b.content) for b in again.blocks[1:]]


def test_move_last_item_up_keeps_missing_final_newline():
    post = Post.parse(TEXT)
    a, b, c = post.items
    post.move_item(c, -1)
    assert post.text().endswith("### B\n\n```\n# code\n```") and "### C\n\nlast line\n\n### B" in post.text()
    post.move_item(c, +1)
    assert post.text() == TEXT


def test_move_to_top_and_bottom_and_across_groups():
    post = Post.parse(TEXT)
    a, b, c = post.items
    assert post.move(c, 0) == post.first_movable()
    assert items(post) == ["C", "A", "B"] and post.group_of(c) is None
    post.move(a, len(post.blocks))
    assert items(post) == ["C", "B", "A"] and post.group_of(a).title == "G"
    post.move_item(b, -1)  # passes the group heading: leaves the group
    assert post.group_of(b) is None
    for block in (a, b, c):
        assert block.content in post.text() + "\n"  # the last one lost the missing final newline
    assert post.text().endswith("\n### A\n\nbody a")


def test_items_never_move_above_the_toc():
    post = Post.parse(TEXT)
    a = post.items[0]
    assert post.move_item(a, -1) == post.index(a) == 2


def test_insert_after_selection_and_at_end():
    post = Post.parse(TEXT)
    a, b, c = post.items
    new = post.insert(post.index(a) + 1, post.new_item_content("New", "[참고링크](https://x)\n"))
    assert new.title == "New" and items(post) == ["A", "New", "B", "C"]
    assert "body a\n\n### New\n\n[참고링크](https://x)\n\n## G" in post.text()
    end = post.insert(len(post.blocks), post.new_item_content("End"))
    assert post.text().endswith("last line\n\n### End")  # the absent final newline stays absent
    assert items(post) == ["A", "New", "B", "C", "End"] and end.level == 3


def test_delete_last_item_keeps_the_tail():
    post = Post.parse(TEXT)
    post.delete(post.items[-1])
    assert post.text().endswith("```\n# code\n```")
    post = Post.parse("### A\n\n### B\n")
    post.delete(post.items[-1])
    assert post.text() == "### A\n"
    post.delete(post.items[0])
    assert post.text() == ""


def test_snapshot_restore():
    post = Post.parse(TEXT)
    snap = post.snapshot()
    a, b, c = post.items
    post.move(c, 0)
    post.delete(a)
    post.insert(3, "### X\n")
    post.restore(snap)
    assert post.text() == TEXT


def test_new_item_content_uses_the_post_line_ending():
    post = Post.parse("### A\r\n")
    assert post.new_item_content("N", "line one\r\nline two\n") == "### N\r\n\r\nline one\r\nline two\r\n"
    assert Post.parse("#### A\n").new_item_content("N") == "#### N\n"


def test_set_content_rereads_heading_and_drops_trailing_blank_lines():
    post = Post.parse("### A\n\n### B\n")
    a = post.items[0]
    post.set_content(a, "### Renamed\n\nnew body\n\n\n")
    assert a.title == "Renamed" and a.content == "### Renamed\n\nnew body\n"
    assert post.text() == "### Renamed\n\nnew body\n\n### B\n"


def test_moving_next_to_a_setext_item_keeps_its_heading():
    text = "## C\nS\n---\n## A\npara\n"
    post = Post.parse(text)
    assert items(post) == ["C", "S", "A"]
    post.move(post.items[1], len(post.blocks))  # S after A's paragraph
    assert items(Post.parse(post.text())) == ["C", "A", "S"]


def test_moving_an_html_ended_item_up_keeps_the_next_heading():
    post = Post.parse("### A\n### B\n<div>")
    post.move(post.items[1], 1)
    assert items(Post.parse(post.text())) == ["B", "A"]


BODIES = st.sampled_from([
    "", "text\n", "```\n# fenced\n```\n", "<!--\n### hidden\n-->\n", "- a\n- b\n", "> quote\n",
    "para\n", "#### Sub\n", "para\nline\n", "    ## code\n", "[참고링크](https://example.com)\n",
])


class PostMachine(RuleBasedStateMachine):
    """Random moves, inserts and deletes: every item's bytes survive, the file re-reads the same."""

    @initialize(n=st.integers(1, 5), crlf=st.booleans(), final=st.booleans(), grouped=st.booleans())
    def start(self, n, crlf, final, grouped):
        eol = "\r\n" if crlf else "\n"
        parts = ["intro\n\n## 목차\n\n- [I0](#i0)\n\n"]
        for i in range(n):
            if grouped and i == n // 2:
                parts.append("## Group\n\n")
            parts.append(f"### I{i}\n\nbody {i}\n\n")
        text = "".join(parts).rstrip("\n") + ("\n" if final else "")
        self.text = text.replace("\n", eol)
        self.post = Post.parse(self.text)
        self.final = final
        self.contents = {b.uid: b.content for b in self.post.blocks}
        self.counter = 0

    def movable(self):
        return self.post.blocks[self.post.first_movable():]

    @precondition(lambda self: len(self.movable()) > 0)
    @rule(pick=st.integers(0, 100), delta=st.sampled_from([-1, 1]))
    def move_step(self, pick, delta):
        blocks = self.movable()
        self.post.move_item(blocks[pick % len(blocks)], delta)

    @precondition(lambda self: len(self.movable()) > 0)
    @rule(pick=st.integers(0, 100), to=st.integers(-3, 30))
    def move_to(self, pick, to):
        blocks = self.movable()
        self.post.move(blocks[pick % len(blocks)], to)

    @rule(at=st.integers(0, 30), body=BODIES)
    def insert(self, at, body):
        self.counter += 1
        block = self.post.insert(at, self.post.new_item_content(f"New {self.counter}", body))
        self.contents[block.uid] = block.content

    @precondition(lambda self: len(self.movable()) > 0)
    @rule(pick=st.integers(0, 100))
    def delete(self, pick):
        blocks = self.movable()
        block = blocks[pick % len(blocks)]
        self.post.delete(block)
        del self.contents[block.uid]

    @rule()
    def snapshot_roundtrip(self):
        snap = self.post.snapshot()
        text = self.post.text()
        if self.movable():
            self.post.move(self.movable()[-1], 0)
        self.post.restore(snap)
        assert self.post.text() == text

    @invariant()
    def bytes_intact(self):
        text = self.post.text()
        for block in self.post.blocks:
            assert block.content == self.contents[block.uid]
        assert text.endswith(("\n", "\r")) == self.final or not self.post.blocks[-1].content
        again = Post.parse(text)
        assert again.text() == text
        # The item level is read from what is there, so with few items left it may shift
        # (FORMAT.md's rule); otherwise the file re-reads as the same blocks.
        if again.item_level == self.post.item_level:
            assert [(b.title, b.content) for b in again.blocks[1:]] == [
                (b.title, b.content) for b in self.post.blocks[1:]
            ]


PostMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=15, deadline=None, suppress_health_check=list(HealthCheck)
)
TestPostOps = PostMachine.TestCase


OPEN_FENCE = (
    "## 목차\n\n- [A](#a)\n- [B](#b)\n- [C](#c)\n\n"
    "### A\n\nbody a\n\n### B\n\n<!-- a note\n\n### C\n\n```python\nprint('never closed')\n"
)


def test_an_item_left_open_swallows_the_next_heading_only_when_something_follows_it():
    post = Post.parse(OPEN_FENCE)
    assert [b.title for b in post.items] == ["A", "B"]  # C is inside B's open comment, as on the page
    a, b = post.items
    assert post.keeps_next_heading(post.index(a))
    assert post.keeps_next_heading(post.index(b))  # last: nothing to swallow
    post.move_item(b, -1)
    assert not post.keeps_next_heading(post.index(b)), "B's open comment now swallows A"
    assert [x.title for x in Post.parse(post.text()).items] == ["B"]  # what the next read would see


def test_a_closed_fence_keeps_every_heading():
    post = Post.parse(TEXT)
    assert all(post.keeps_next_heading(i) for i in range(len(post.blocks)))
