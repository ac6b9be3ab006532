"""The item-level three-way merge the editor uses when the file changes under it."""

from tui.digest.merge import merge_posts
from tui.digest.post import ParseOptions, Post

OPTIONS = ParseOptions()
BASE = """\
---
title: Weekly ML/DL News (12월 3주차)
date: 2026.12.12 12:00:00
---

인트로.

## 목차

- [첫 소식](#첫-소식)
- [Second story](#second-story)

### 첫 소식

[참고링크](https://a.example.com/1)

원래 문단.

### Second story

[참고링크](https://b.example.com/2)

Original words.
"""
ADDED = """\

### 새 링크

[참고링크](https://c.example.com/3)
"""
THEIRS = BASE.replace("- [Second story](#second-story)\n",
                      "- [Second story](#second-story)\n- [새 링크](#새-링크)\n") + ADDED


def edited(text: str, old: str, new: str) -> Post:
    post = Post.parse(BASE, options=OPTIONS)
    block = next(b for b in post.items if old in b.content)
    post.set_content(block, block.content.replace(old, new))
    return post


def test_an_edit_in_one_item_and_items_appended_on_disk_merge():
    ours = edited(BASE, "원래 문단.", "고친 문단.")
    kept = ours.items[0]
    merged = merge_posts(BASE, ours, THEIRS, OPTIONS)
    assert merged.text == THEIRS.replace("원래 문단.", "고친 문단.")
    assert merged.post.text() == merged.text
    assert merged.post.items[0] is kept  # the open item stays the same object
    assert [b.title for b in merged.arrived] == ["새 링크"]


def test_an_edit_of_the_last_item_keeps_the_items_appended_after_it():
    ours = edited(BASE, "Original words.", "Edited words.")
    merged = merge_posts(BASE, ours, THEIRS, OPTIONS)
    assert merged.text == THEIRS.replace("Original words.", "Edited words.")


def test_items_added_on_both_sides_are_both_kept_ours_first():
    ours = Post.parse(BASE, options=OPTIONS)
    ours.insert(len(ours.blocks), ours.new_item_content("붙여넣은 것", "[참고링크](https://d.example.com/4)"))
    merged = merge_posts(BASE, ours, THEIRS, OPTIONS)
    assert merged.text.endswith("Original words.\n\n### 붙여넣은 것\n\n[참고링크](https://d.example.com/4)\n" + ADDED)


def test_the_same_item_changed_on_both_sides_is_a_conflict():
    ours = edited(BASE, "원래 문단.", "고친 문단.")
    disk = BASE.replace("원래 문단.", "다르게 고친 문단.")
    assert merge_posts(BASE, ours, disk, OPTIONS) is None


def test_an_item_deleted_here_and_items_appended_there():
    ours = Post.parse(BASE, options=OPTIONS)
    ours.delete(ours.items[0])
    merged = merge_posts(BASE, ours, THEIRS, OPTIONS)
    assert "첫 소식\n\n[참고링크]" not in merged.text
    assert merged.text.endswith("Original words.\n" + ADDED)
