"""Hostile front matter (issue 12, items 5 and 6): alias bombs and deep nesting, in the post
itself or in a sibling read for duplicate links, cost well under 2 s and never a traceback."""

from __future__ import annotations

import time

import pytest

from tui.cli import main
from tui.digest.frontmatter_limits import HostileFrontMatter, load_toml, load_yaml

BODY = "\n## 목차\n\n- [첫 소식](#첫-소식)\n\n### 첫 소식\n\n[참고링크](https://example.org/first)\n"


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnop"
    for prev, name in zip(names, names[1:levels]):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append(f"title: *{names[levels - 1]}")  # a sibling's label would str() it
    return "---\ndate: 2020.06.20 12:00:00\n" + "\n".join(lines) + "\n---\n"


DEEP_TOML = "+++\ntitle = \"깊은 글\"\nx = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n+++\n"
DEEP_YAML = "---\ntitle: deep\nx: " + "[" * 3000 + "]" * 3000 + "\n---\n"
HOSTILE = {"bomb": billion_laughs(), "deep-toml": DEEP_TOML, "deep-yaml": DEEP_YAML}
CLEAN = "---\ntitle: Weekly ML/DL News (6월 4주차)\ndate: 2020.06.20 12:00:00\n---\n" + BODY


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("", encoding="utf-8")
    return str(path)


def timed_main(*argv):
    start = time.monotonic()
    code = main(list(argv))
    return code, time.monotonic() - start


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["check", "fix"])
def test_hostile_post_is_one_line_and_exit_2(tmp_path, capsys, config, kind, command):
    post = tmp_path / "post.md"
    post.write_text(HOSTILE[kind] + BODY, encoding="utf-8")
    before = post.read_bytes()
    code, took = timed_main(command, str(post), "--config", config)
    out, err = capsys.readouterr()
    assert (code, out) == (2, "") and took < 2
    assert err.count("\n") == 1 and "front matter refused" in err and "Traceback" not in err
    assert post.read_bytes() == before


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_sibling_is_skipped_with_one_warning(tmp_path, capsys, config, kind):
    (tmp_path / "2020-06-13-older.md").write_text(HOSTILE[kind] + BODY, encoding="utf-8")
    post = tmp_path / "2020-06-20-clean.md"
    post.write_text(CLEAN, encoding="utf-8")
    code, took = timed_main("check", str(post), "--config", config)
    out, err = capsys.readouterr()
    assert (code, out) == (0, "") and took < 2
    assert err == f"{post}: warning: skipped 2020-06-13-older.md: " + err.split(": ", 3)[3]
    assert err.count("\n") == 1 and "front matter refused" in err


def test_a_clean_sibling_still_counts(tmp_path, capsys, config):
    (tmp_path / "2020-06-13-older.md").write_text(
        CLEAN.replace("6월 4주차", "6월 3주차").replace("2020.06.20", "2020.06.13"), encoding="utf-8")
    post = tmp_path / "2020-06-20-clean.md"
    post.write_text(CLEAN, encoding="utf-8")
    assert main(["check", str(post), "--config", config]) == 0
    assert "is already in 6월 3주차" in capsys.readouterr().err


def test_small_aliases_still_load():
    assert load_yaml("base: &b [ML, DL]\ntags: *b\n") == {"base": ["ML", "DL"], "tags": ["ML", "DL"]}
    assert load_toml("x = {a = {b = 1}}") == {"x": {"a": {"b": 1}}}


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {k: *a}\n"])
def test_alias_to_itself_is_refused(text):
    with pytest.raises(HostileFrontMatter, match="alias"):
        load_yaml(text)
