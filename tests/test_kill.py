"""SIGKILL at any instant of a save must leave the old post or the new post on
disk, byte for byte, never a torn mix and never a stray file that looks like a post.

(SIGKILL tests process death, not power loss; fsync of the file and directory in
write_atomic is what covers the latter and cannot be tested here.)
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.digest.store import write_atomic

HELPER = Path(__file__).parent / "helpers" / "save_loop.py"
KILLS = 40
TEMP_RE = re.compile(r"\.post\.md\.ndtmp-\d+-[0-9a-f]+")


def _version(tag: str, seed: int) -> bytes:
    rng = random.Random(seed)
    words = ["인공지능", "반도체", "정책", "뉴스", "요약", "market", "chip", "policy", "weekly", "digest"]
    lines = [f"---\ntitle: Weekly digest {tag}\n---\n"]
    size = 0
    while size < 1024 * 1024:
        line = f"- [{tag}] " + " ".join(rng.choice(words) for _ in range(12)) + "\n"
        lines.append(line)
        size += len(line.encode())
    return "".join(lines).encode()


@pytest.mark.slow
def test_sigkill_mid_save_leaves_a_whole_version(tmp_path):
    a, b = _version("A", 1), _version("B", 2)
    assert len(a) > 1_000_000 and a != b
    src = tmp_path / "versions"
    src.mkdir()
    (src / "a.md").write_bytes(a)
    (src / "b.md").write_bytes(b)
    blog = tmp_path / "blog"
    blog.mkdir()
    post = blog / "post.md"
    write_atomic(post, a)

    rng = random.Random()
    seen = {"A": 0, "B": 0}
    stale_temps_seen = 0
    deadline = time.monotonic() + 50
    for _ in range(KILLS):
        assert time.monotonic() < deadline, "kill test is too slow"
        child = subprocess.Popen(
            [sys.executable, str(HELPER), str(post), str(src / "a.md"), str(src / "b.md")],
            stdout=subprocess.PIPE,
        )
        assert child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0, 0.05))
        child.kill()
        child.wait()  # reaped, so its pid reads as dead to the next save's cleanup
        child.stdout.close()

        on_disk = post.read_bytes()
        assert on_disk in (a, b), f"torn post: {len(on_disk)} bytes"
        seen["A" if on_disk == a else "B"] += 1
        others = sorted(set(os.listdir(blog)) - {"post.md"})
        assert all(TEMP_RE.fullmatch(n) for n in others), others
        assert not any(n.endswith(".md") for n in others)
        stale_temps_seen += bool(others)

    # The loop really ran: both versions were on disk at some kill.
    assert seen["A"] and seen["B"], seen
    # A later save of the same post sweeps temps left by killed writers.
    write_atomic(post, b)
    assert os.listdir(blog) == ["post.md"]
    assert post.read_bytes() == b
    print(f"versions at kill: {seen}; kills that left a temp: {stale_temps_seen}")
