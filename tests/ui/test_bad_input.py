"""Bad input in the editor: a clear message, nothing lost, no file changed (issue 5)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.ui.conftest import copy_fixture, make_app, titles
from tui.digest.store import MAX_BYTES


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.fixture
def frozen_dir(tmp_path):
    """A directory that really refuses writes, even to root (chattr +i); skipped where impossible."""
    directory = tmp_path / "frozen"
    directory.mkdir()
    yield directory
    subprocess.run(["chattr", "-i", str(directory)], capture_output=True)


def freeze(directory) -> None:
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    done = subprocess.run(["chattr", "+i", str(directory)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make a directory immutable here: {done.stderr.strip()}")


async def test_save_into_a_read_only_directory_keeps_buffer_and_file(frozen_dir):
    post = copy_fixture("weekly-ko.md", frozen_dir)
    before = post.read_bytes()
    freeze(frozen_dir)
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+end", *"Unsaved words.", "ctrl+s")
        await pilot.pause()
        assert any("cannot save weekly-ko.md" in n and "read-only" in n for n in notes(app)), notes(app)
        assert "unsaved" in app.screen.sub_title
        assert "Unsaved words." in app.screen.editor.text
    assert post.read_bytes() == before
    assert not [p for p in frozen_dir.iterdir() if p.name != post.name]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("euc-kr.md", "### 한글 제목\n\n한글로 쓴 본문입니다. 인코딩이 다릅니다.\n".encode("euc-kr"), "looks like EUC-KR"),
        ("binary.md", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "binary"),
    ],
)
async def test_unreadable_posts_are_refused_with_a_reason(blog, name, data, message):
    bad = blog / name
    bad.write_bytes(data)
    good = copy_fixture("weekly-ko.md", blog)
    app = make_app(good)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_path(bad)
        await pilot.pause()
        assert any(message in n for n in notes(app)), notes(app)
        assert app.screen.path == good  # still editing the good post
    assert bad.read_bytes() == data


async def test_a_50_mb_file_is_refused_quickly(blog):
    huge = blog / "huge.md"
    with huge.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    good = copy_fixture("weekly-ko.md", blog)
    app = make_app(good)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_path(huge)
        await pilot.pause()
        assert any("too big" in n or "MB" in n for n in notes(app)), notes(app)
    assert huge.stat().st_size == 50 * 1024 * 1024 > MAX_BYTES


async def test_an_empty_file_opens_and_saves_what_is_typed(blog):
    empty = blog / "empty.md"
    empty.write_bytes(b"")
    app = make_app(empty)
    async with app.run_test(size=(120, 40)) as pilot:
        assert titles(app) == []
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert empty.read_text(encoding="utf-8").count("### ") == 1


async def test_broken_toml_front_matter_is_never_rewritten(blog):
    post = blog / "hugo.md"
    front = '+++\ntitle = "Weekly ML/DL News (6월 1주차)\ndate = 2020-06-20T12:00:00+09:00\n+++\n'
    post.write_text(front + "\n### First\n\nBody.\n", encoding="utf-8")
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+end", *"More.", "ctrl+s")
        await pilot.pause()
    text = post.read_text(encoding="utf-8")
    assert text.startswith(front)
    assert "More." in text


async def test_ctrl_c_does_not_quit_or_lose_work(blog):
    post = copy_fixture("weekly-ko.md", blog)
    before = post.read_bytes()
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+end", *"Keep me.", "escape", "ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert "Keep me." in app.screen.post.text()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running  # unsaved: it asks first
        assert app.screen.__class__.__name__ == "ConfirmQuit"
        await pilot.press("escape")
    assert post.read_bytes() == before


def test_the_editor_refuses_a_non_utf8_post_at_start_in_plain_words(tmp_path, capsys):
    from tui.cli import main

    bad = tmp_path / "euc.md"
    bad.write_bytes("### 제목\n\n본문은 다른 인코딩으로 저장되어 있습니다.\n".encode("euc-kr"))
    assert main([str(bad)]) == 2
    err = capsys.readouterr().err
    assert err == (f"newsdigest-tui: cannot open {bad}: it is not UTF-8 (looks like EUC-KR); "
                   "convert it with iconv -f EUC-KR -t UTF-8\n")
    assert bad.read_bytes() == "### 제목\n\n본문은 다른 인코딩으로 저장되어 있습니다.\n".encode("euc-kr")
