"""Which static-site engine builds the blog, and which anchor style its settings give.

A TOC link only works when it names the id the engine writes, and every engine (and some
of their settings) writes different ids, so the blog root's own files are read: walking
up from the post's directory, the first directory holding an engine's config wins. Only
small files are read, each at most ``_MAX_BYTES``; an unreadable or broken config reads
as the engine's default.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

_MAX_BYTES = 256 * 1024
_MAX_LEVELS = 12  # a post nested deeper than this under its blog root is not one


class Detected(NamedTuple):
    engine: str  # "hugo", "jekyll", "hexo", ...
    style: str  # the anchor style name its settings give
    root: Path  # the blog root (the directory holding the config)
    source: str  # where it was read, e.g. "hugo.toml, markup.goldmark.parser.autoHeadingIDType"


def _read(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return handle.read(_MAX_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None


def _first(root: Path, names) -> Path | None:
    for name in names:
        path = root / name
        if path.is_file():
            return path
    return None


def _toml(text: str) -> dict:
    import tomllib

    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return {}


class _AnyTagLoader:
    """A YAML loader that reads MkDocs' ``!!python/name:...`` and ``!ENV`` tags as plain
    values (the tag's suffix, the node's value) instead of refusing the whole file."""

    @staticmethod
    def build():
        import yaml

        class Loader(yaml.SafeLoader):
            pass

        def tagged(loader, suffix, node):
            if isinstance(node, yaml.MappingNode):
                value = loader.construct_mapping(node, deep=True)
            elif isinstance(node, yaml.SequenceNode):
                value = loader.construct_sequence(node, deep=True)
            else:
                value = loader.construct_scalar(node)
            return {"__tag__": suffix, "value": value} if value not in ("", None) else suffix

        Loader.add_multi_constructor("tag:yaml.org,2002:python/", tagged)
        Loader.add_multi_constructor("!", tagged)
        return Loader


def _yaml(text: str) -> dict:
    import yaml

    try:
        data = yaml.load(text, Loader=_AnyTagLoader.build())
    except (yaml.YAMLError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _data(path: Path) -> dict:
    text = _read(path)
    if text is None:
        return {}
    if path.suffix == ".toml":
        return _toml(text)
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    return _yaml(text)


def _get(data, *keys):
    """``data[k1][k2]...`` with Hugo's case-insensitive keys; None when any is missing."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        found = [v for k, v in data.items() if str(k).lower() == key.lower()]
        if not found:
            return None
        data = found[0]
    return data


# Hugo ---------------------------------------------------------------------------------

_HUGO_KEYS = ("baseurl", "languagecode", "markup", "params", "theme", "module", "taxonomies",
              "permalinks", "defaultcontentlanguage", "menu", "menus", "outputs", "enablerobotstxt")
_ZOLA_KEYS = ("base_url", "compile_sass", "build_search_index", "generate_feed", "generate_feeds",
              "markdown", "slugify", "default_language")
_HUGO_STYLES = {"github": "hugo", "github-ascii": "hugo-ascii", "blackfriday": "hugo-blackfriday"}


def _hugo_configs(root: Path) -> list[Path]:
    names = [f"{stem}.{ext}" for stem in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json")]
    found = [root / n for n in names if (root / n).is_file()]
    default = root / "config" / "_default"
    if default.is_dir():
        found += [default / n for n in names + ["markup.toml", "markup.yaml", "markup.yml", "markup.json"]
                  if (default / n).is_file()]
    return found


def _looks_like_hugo(data: dict, path: Path) -> bool:
    if path.stem == "hugo" or path.parent.name == "_default":
        return True
    keys = {str(k).lower() for k in data}
    if keys & set(_ZOLA_KEYS) and "baseurl" not in keys:
        return False
    return bool(keys & set(_HUGO_KEYS))


def _hugo(root: Path) -> Detected | None:
    configs = [(p, _data(p)) for p in _hugo_configs(root)]
    configs = [(p, d) for p, d in configs if _looks_like_hugo(d, p)]
    if not configs:
        return None
    first = _relative(configs[0][0], root)
    for path, data in configs:
        markup = data if path.stem == "markup" else _get(data, "markup")
        kind = _get(markup, "goldmark", "parser", "autoHeadingIDType")
        if isinstance(kind, str) and kind.lower() in _HUGO_STYLES:
            return Detected("hugo", _HUGO_STYLES[kind.lower()], root,
                            f"{_relative(path, root)}, markup.goldmark.parser.autoHeadingIDType")
        handler = _get(markup, "defaultMarkdownHandler")
        if isinstance(handler, str) and handler.lower() == "blackfriday":
            return Detected("hugo", "hugo-blackfriday", root, f"{_relative(path, root)}, markup.defaultMarkdownHandler")
    return Detected("hugo", "hugo", root, f"{first} (Hugo's default autoHeadingIDType, github)")


def _zola(root: Path) -> Detected | None:
    path = root / "config.toml"
    if not path.is_file():
        return None
    data = _data(path)
    keys = {str(k).lower() for k in data}
    if "base_url" not in keys and not keys & {"compile_sass", "build_search_index", "generate_feed"}:
        return None
    # Zola's "on" slugs (the slug crate: ASCII, lowercase, runs of anything else to one
    # "-") are closest to hexo-lower's; its "safe" and "off" keep the text as written.
    anchors = _get(data, "slugify", "anchors")
    if anchors in ("safe", "off"):
        return Detected("zola", "github", root, "config.toml, slugify.anchors")
    return Detected("zola", "hexo-lower", root, "config.toml (Zola's default slugify.anchors = \"on\")")


# Jekyll and Hexo share _config.yml ---------------------------------------------------------

_HEXO_KEYS = ("new_post_name", "post_asset_folder", "source_dir", "public_dir", "tag_dir", "archive_dir",
              "category_dir", "default_layout", "titlecase", "external_link", "marked", "render_drafts",
              "deploy", "index_generator", "highlight", "prismjs")
_JEKYLL_KEYS = ("markdown", "kramdown", "plugins", "gems", "collections", "remote_theme", "baseurl",
                "jekyll-archives", "sass", "defaults", "exclude", "include", "paginate")


def _package_deps(root: Path) -> dict:
    text = _read(root / "package.json")
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    deps: dict = {}
    for key in ("dependencies", "devDependencies"):
        if isinstance(data.get(key), dict):
            deps.update(data[key])
    return deps


def _config_yml(root: Path) -> Detected | None:
    path = _first(root, ("_config.yml", "_config.yaml"))
    if path is None:
        return None
    data = _data(path)
    deps = _package_deps(root)
    gemfile = _read(root / "Gemfile") or ""
    hexo_keys = sum(1 for k in _HEXO_KEYS if k in data)
    jekyll_keys = sum(1 for k in _JEKYLL_KEYS if k in data)
    if "hexo" in deps or (not re.search(r"\bjekyll\b", gemfile) and hexo_keys > jekyll_keys):
        return _hexo(root, path.name, data, deps)
    return _jekyll(root, path.name, data)


def _hexo(root: Path, name: str, data: dict, deps: dict) -> Detected:
    if "hexo-renderer-pandoc" in deps:
        return Detected("hexo", "pandoc", root, "package.json, hexo-renderer-pandoc")
    for renderer in ("hexo-renderer-markdown-it", "hexo-renderer-markdown-it-plus"):
        if renderer in deps:
            return Detected("hexo", "markdown-it-anchor", root, f"package.json, {renderer}")
    modify = _get(data, "marked", "modifyAnchors")
    if modify in (1, "1"):
        return Detected("hexo", "hexo-lower", root, f"{name}, marked.modifyAnchors")
    if modify is not None:
        return Detected("hexo", "hexo", root, f"{name}, marked.modifyAnchors")
    return Detected("hexo", "hexo", root, f"{name} (hexo-renderer-marked, modifyAnchors 0)")


def _jekyll(root: Path, name: str, data: dict) -> Detected:
    markdown = str(data.get("markdown") or "kramdown").lower()
    if markdown != "kramdown":
        # jekyll-commonmark(-ghpages) and GFM processors write GitHub's ids.
        return Detected("jekyll", "github", root, f"{name}, markdown")
    kind = _get(data, "kramdown", "input")
    if isinstance(kind, str) and kind.lower() == "kramdown":
        return Detected("jekyll", "kramdown", root, f"{name}, kramdown.input")
    if kind is not None:
        return Detected("jekyll", "jekyll", root, f"{name}, kramdown.input")
    return Detected("jekyll", "jekyll", root, f"{name} (Jekyll's default kramdown input: GFM)")


# MkDocs ---------------------------------------------------------------------------------


def _mkdocs(root: Path) -> Detected | None:
    path = _first(root, ("mkdocs.yml", "mkdocs.yaml"))
    if path is None:
        return None
    data = _data(path)
    extensions = data.get("markdown_extensions") or []
    toc = None
    for ext in extensions if isinstance(extensions, list) else [extensions]:
        for key, value in ext.items() if isinstance(ext, dict) else ():
            if key in ("toc", "markdown.extensions.toc"):
                toc = value
    slug = _get(toc, "slugify") if isinstance(toc, dict) else None
    where = f"{path.name}, markdown_extensions.toc.slugify"
    if slug is None:
        return Detected("mkdocs", "mkdocs", root, f"{path.name} (Python-Markdown's default toc slugify)")
    text = json.dumps(slug, default=str)
    if "pymdownx.slugs" in text:
        return Detected("mkdocs", "pymdownx", root, where)
    if "slugify_unicode" in text:
        return Detected("mkdocs", "mkdocs-unicode", root, where)
    return Detected("mkdocs", "mkdocs", root, where)


# JavaScript engines: their config is code, so it is only searched for names ---------------


def _eleventy(root: Path) -> Detected | None:
    path = _first(root, (".eleventy.js", ".eleventy.cjs", ".eleventy.mjs", "eleventy.config.js",
                         "eleventy.config.cjs", "eleventy.config.mjs", "eleventy.config.ts"))
    if path is None:
        return None
    text = _read(path) or ""
    if "markdown-it-anchor" in text and not re.search(r"getFilter\(\s*['\"]slug(?:ify)?['\"]|slugify", text):
        return Detected("eleventy", "markdown-it-anchor", root, f"{path.name}, markdown-it-anchor's own slugify")
    return Detected("eleventy", "eleventy", root, f"{path.name} (Eleventy's slugify through markdown-it-anchor)")


_BY_FILE = (
    ("docusaurus", ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs"),
     "github"),
    ("astro", ("astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts", "astro.config.cjs"),
     "github"),
    ("gatsby", ("gatsby-config.js", "gatsby-config.ts", "gatsby-config.mjs"), "github"),
    ("pelican", ("pelicanconf.py",), "mkdocs"),
)


def _by_file(root: Path) -> Detected | None:
    for engine, names, style in _BY_FILE:
        path = _first(root, names)
        if path is not None:
            return Detected(engine, style, root, path.name)
    if (root / ".vitepress").is_dir():
        return Detected("vitepress", "vitepress", root, ".vitepress/")
    return None


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


_DETECTORS = (_hugo, _config_yml, _mkdocs, _by_file, _eleventy, _zola)


def detect_engine(start: Path) -> Detected | None:
    """The engine of the blog holding ``start`` (a post or its directory), or None."""
    start = Path(start).expanduser()
    here = start if start.is_dir() else start.parent
    try:
        here = here.resolve()
    except OSError:
        return None
    for _ in range(_MAX_LEVELS):
        for detector in _DETECTORS:
            try:
                found = detector(here)
            except OSError:
                found = None
            if found is not None:
                return found
        if (here / ".git").exists() or here.parent == here or here == Path.home():
            return None  # the repository's (or the user's) top: no blog above it
        here = here.parent
    return None
