"""The benchmark script runs end to end (tiny posts, --quick); it asserts no timings.

Timings belong in the benchmark's table, not in tests: a loaded CI machine would make a
timing assertion flaky. What is asserted is what must hold on any machine: the script
finishes, prints its table with figures in it, and the headless commands stay free of
Textual (issue 6: `check`/`fix` run in pre-commit hooks, where start-up is the user's wait).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.genpost import generate
from tests.bench.run import bench_env, textual_imported

REPO = Path(__file__).resolve().parents[1]


def test_generator_is_deterministic_and_current(tmp_path):
    text = generate(30, seed=4)
    assert text == generate(30, seed=4)
    assert text != generate(30, seed=5)
    assert text.count("\n### ") == 30
    post = tmp_path / "post.md"
    post.write_text(text, encoding="utf-8")
    # A fresh post is current: `check` has nothing to change (its TOC anchors are right).
    run = subprocess.run([sys.executable, "-m", "tui.cli", "check", str(post)], cwd=REPO,
                         capture_output=True, text=True, env=bench_env(tmp_path))
    assert run.returncode == 0, run.stdout + run.stderr
    stale = tmp_path / "stale" / "post.md"
    stale.parent.mkdir()
    stale.write_text(generate(30, seed=4, stale=True), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "tui.cli", "fix", str(stale)], cwd=REPO,
                         capture_output=True, text=True, env=bench_env(tmp_path))
    assert run.returncode == 0, run.stderr
    assert stale.read_text(encoding="utf-8") == text  # fix turns the stale TOC into the current one


@pytest.mark.parametrize("command", ["check", "fix"])
def test_headless_commands_do_not_import_textual(tmp_path, command):
    post = tmp_path / "post.md"
    post.write_text(generate(5, stale=True), encoding="utf-8")
    assert not textual_imported([command, str(post)], bench_env(tmp_path))


@pytest.mark.slow
def test_benchmark_quick_run_prints_its_table():
    run = subprocess.run(
        [sys.executable, "-m", "tests.bench.run", "--sizes", "3,12", "--quick", "--presses", "2", "--no-node"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    assert out.startswith("| items | 3 | 12 |"), out
    assert "never import Textual" in out
    assert "node comparison skipped" in out
    rows = {line.split(" | ")[0].strip("| "): line for line in out.splitlines() if line.startswith("| ")}
    for label in ("`check` wall (median)", "`fix` wall, stale copy (median)", "**start-up ratio** editor / empty",
                  "alt+down move, ms median / p95", "type one character, ms", "ctrl+s save, ms",
                  "ctrl+s until the bytes are on disk and recorded, ms"):
        assert label in rows, out
        assert "–" not in rows[label], f"no figure for {label}:\n{out}"
    assert "failed" not in out, out


def test_editor_key_run_by_hand_leaves_nothing_in_the_users_dirs(tmp_path):
    """An A/B run of `empty_app keys` left k200-*.json journals in ~/.local/share."""
    home, scratch = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    scratch.mkdir()
    post = tmp_path / "k5.md"
    post.write_text(generate(5), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k != "NEWSDIGEST_BENCH_HOME"}
    env |= {"HOME": str(home), "TMPDIR": str(scratch)}
    run = subprocess.run([sys.executable, "-m", "tests.bench.empty_app", "keys", str(post), "2"], cwd=REPO,
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert '"type_med"' in run.stdout
    assert [p for p in home.rglob("*")] == []
    assert [p for p in scratch.rglob("*")] == []  # its temporary home is gone too
