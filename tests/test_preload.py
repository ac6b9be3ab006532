"""A big post read in a child process while the editor imports (tui/digest/preload.py) is
the post open_post reads here: the same text, blocks, anchors, front matter and errors."""

from __future__ import annotations

import os

import pytest

from tests.bench.genpost import generate
from tui.digest import preload
from tui.digest.errors import PostReadError
from tui.digest.post import Block, ParseOptions
from tui.digest.postfile import open_post

OPTIONS = ParseOptions()
fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    # The fork path is tested on any machine; a one-core one only skips it in real use.
    monkeypatch.setattr(preload, "usable_cores", lambda: 2)


def big_post(tmp_path, *, crlf: bool = False, bom: bool = False, final_eol: bool = True):
    text = generate(400, seed=3)
    assert len(text.encode("utf-8")) >= preload.MIN_BYTES
    if not final_eol:
        text = text.rstrip("\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    path = tmp_path / "post.md"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def described(opened) -> tuple:
    post = opened.post
    blocks = [(b.kind, b.content, b.level, b.title, b.origin_anchor, b.origin_title, b.headings())
              for b in post.blocks]
    return (opened.loaded.text, opened.loaded.bom, opened.loaded.fingerprint, str(opened.loaded.path),
            post.front.raw, post.front.data, post.front.error, blocks, post.gaps, post.item_level, post.eol,
            post.bom, post.strip_final_eol, post.options, [post.anchors()[b.uid] for b in post.sections])


@fork_only
@pytest.mark.parametrize(("crlf", "bom", "final_eol"), [(False, False, True), (True, True, False)])
def test_a_big_post_read_in_a_child_is_the_post_read_here(tmp_path, capfd, crlf, bom, final_eol):
    path = big_post(tmp_path, crlf=crlf, bom=bom, final_eol=final_eol)
    pending = preload.start(path, OPTIONS)
    assert pending.forked
    opened = pending.result()
    assert not opened.post.front._unread  # the child read the front matter too  # noqa: SLF001
    assert described(opened) == described(open_post(path, OPTIONS))
    assert capfd.readouterr() == ("", "")  # the child wrote nothing to the terminal


@fork_only
def test_blocks_made_after_it_get_uids_of_their_own(tmp_path):
    opened = preload.start(big_post(tmp_path), OPTIONS).result()
    taken = {block.uid for block in opened.post.blocks}
    assert len(taken) == len(opened.post.blocks)
    assert Block("item", "### New\n").uid > max(taken)


@fork_only
def test_a_read_error_found_by_the_child_is_raised_with_its_message(tmp_path):
    path = big_post(tmp_path)
    path.write_bytes(path.read_bytes() + "\n한국어 끝".encode("euc-kr"))
    pending = preload.start(path, OPTIONS)
    assert pending.forked
    with pytest.raises(PostReadError) as child_said:
        pending.result()
    with pytest.raises(PostReadError) as here:
        open_post(path, OPTIONS)
    assert str(child_said.value) == str(here.value)
    assert "not UTF-8" in str(here.value)


@fork_only
def test_a_child_that_fails_is_answered_by_reading_here(tmp_path, monkeypatch):
    path = big_post(tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("the child cannot write")

    monkeypatch.setattr(preload.pickle, "dump", broken)  # inherited by the child
    pending = preload.start(path, OPTIONS)
    assert pending.forked
    assert described(pending.result()) == described(open_post(path, OPTIONS))


def test_small_posts_and_platforms_without_fork_are_read_here(tmp_path, monkeypatch):
    small = tmp_path / "small.md"
    small.write_text(generate(10), encoding="utf-8")
    pending = preload.start(small, OPTIONS)
    assert not pending.forked
    assert described(pending.result()) == described(open_post(small, OPTIONS))

    monkeypatch.delattr(os, "fork", raising=False)
    pending = preload.start(big_post(tmp_path), OPTIONS)
    assert not pending.forked
    assert pending.result().post.text() == open_post(tmp_path / "post.md", OPTIONS).post.text()


def test_a_missing_file_gets_open_posts_message(tmp_path):
    with pytest.raises(PostReadError, match="does not exist"):
        preload.start(tmp_path / "nope.md", OPTIONS).result()


@fork_only
def test_after_priming_the_first_save_computes_no_anchor_or_toc_list_again(tmp_path, monkeypatch):
    from datetime import datetime

    from tui.digest import anchors, toc
    from tui.digest.regen import SaveRules, regenerate

    opened = preload.start(big_post(tmp_path), OPTIONS).result()
    opened.post.prime_save_caches()
    lists_read: list[int] = []
    real_find_list = toc._find_list  # noqa: SLF001
    monkeypatch.setattr(toc, "_find_list", lambda *args: lists_read.append(1) or real_find_list(*args))
    misses = anchors._github_base.cache_info().misses  # noqa: SLF001
    regenerate(opened.post, SaveRules(), datetime(2020, 6, 20, 12, 0))
    assert lists_read == []
    assert anchors._github_base.cache_info().misses == misses  # noqa: SLF001


@fork_only
def test_the_command_starts_reading_a_big_post_before_it_imports_the_editor(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    path = big_post(tmp_path)
    code = f"""
import importlib.abc, importlib.util, sys
from tui.digest import preload
preload.usable_cores = lambda: 2  # as the tests' fixture does
order, seen = [], {{}}
real_start = preload.start
def start(path, options):
    order.append("start")
    seen["pending"] = real_start(path, options)
    return seen["pending"]
preload.start = start
def run_editor(path, settings, begun):
    target, pending = begun
    seen["same"] = pending is seen["pending"] and pending.forked and len(pending.result().post.items) == 400
    return 0
class Editor(importlib.abc.MetaPathFinder, importlib.abc.Loader):  # tui.app, minus Textual
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] == "textual":
            order.append("textual")
        return importlib.util.spec_from_loader(name, self) if name == "tui.app" else None
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        order.append("tui.app")
        module.run_editor = run_editor
sys.meta_path.insert(0, Editor())
from tui import cli
assert cli.main(["--config", {str(tmp_path / "config.toml")!r}, {str(path)!r}]) == 0
assert order == ["start", "tui.app"] and seen["same"], (order, seen)
"""
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root)
    assert result.returncode == 0, result.stderr


@fork_only
def test_a_stuck_child_is_stopped_and_the_post_read_here(tmp_path, monkeypatch):
    import time

    path = big_post(tmp_path)
    monkeypatch.setattr(preload, "WAIT_SECONDS", 0.3)
    monkeypatch.setattr(preload.pickle, "dump", lambda *args, **kwargs: time.sleep(60))  # the child hangs
    pending = preload.start(path, OPTIONS)
    pid = pending._pid  # noqa: SLF001
    began = time.monotonic()
    opened = pending.result()
    assert time.monotonic() - began < 10
    assert described(opened) == described(open_post(path, OPTIONS))
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # killed and reaped: no zombie left behind


@fork_only
def test_the_childs_post_is_used_when_sigchld_is_ignored(tmp_path):
    import signal

    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # as some shells leave it
    try:
        pending = preload.start(big_post(tmp_path), OPTIONS)
        assert pending.forked
        opened = pending.result()
    finally:
        signal.signal(signal.SIGCHLD, previous)
    assert not opened.post.front._unread  # read by the child, not again here  # noqa: SLF001


def test_one_usable_core_reads_here(tmp_path, monkeypatch):
    monkeypatch.setattr(preload, "usable_cores", lambda: 1)
    assert not preload.start(big_post(tmp_path), OPTIONS).forked


def test_unpickled_blocks_are_built_as_parsed_ones(tmp_path):
    """Through __init__: pickle's default (a fresh __dict__ each) made every later loop over
    the blocks twice as slow. Same attributes, same values, the heading cache still keyed by
    the very content string."""
    import pickle

    post = open_post(big_post(tmp_path), OPTIONS).post
    twin = pickle.loads(pickle.dumps(post, protocol=pickle.HIGHEST_PROTOCOL))
    assert vars(twin).keys() == vars(post).keys()
    for block, copy in zip(post.blocks, twin.blocks, strict=True):
        assert vars(copy).keys() == vars(block).keys()
        assert (copy.kind, copy.content, copy.uid, copy.title) == (block.kind, block.content, block.uid, block.title)
        assert copy._scanned[0] is copy.content  # noqa: SLF001
    assert Block.__reduce__ is not object.__reduce__
