"""The anchors the project itself writes: a post per page, regenerated, its TOC read back."""

from __future__ import annotations

import re
from datetime import datetime

from tui.digest.post import ParseOptions, Post
from tui.digest.regen import SaveRules, regenerate

# A TOC line as the project writes it; the anchor is taken exactly as written (not decoded).
_ENTRY = re.compile(r"^\s*[-*+] \[(?:\\.|[^\]\\])*\]\((?:<#(.*)>|#(.*))\)\s*$")


def toc_anchors(markdown: str, style: str) -> list[str]:
    post = Post.parse(markdown, options=ParseOptions(anchor_style=style))
    text = regenerate(post, SaveRules(insert_toc=False), datetime(2020, 6, 20)).text
    toc = text.split("## Contents\n", 1)[1].split("\n## ", 1)[0]
    return [m.group(1) or m.group(2) or "" for line in toc.splitlines() if (m := _ENTRY.match(line))]
