"""A post checked in its own blog: the engine read from the blog root, the habits learned from
its recent posts, and `config --explain` saying where every setting came from."""

from datetime import date
from pathlib import Path

import pytest

from tui.cli import main
from tui.digest.conventions import learn, learn_filename, learn_title, toc_heading_for
from tui.digest.engines import detect_engine


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "empty-config.toml"
    path.write_text("", encoding="utf-8")  # defaults, whatever the user's own config says
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def en_post(title, day, toc=""):
    return (f"---\ntitle: {title}\ndate: {day}\n---\n\nThis week's links.\n\n{toc}"
            "## A faster parser\n\nIt is fast.\n\n## Release notes\n\nNew things.\n")


KO_TOC = "## 목차\n\n- [첫 소식](#첫-소식)\n- [둘째 소식](#둘째-소식)\n\n"


def ko_post(title, day, toc=KO_TOC):
    return (f"---\ntitle: {title}\ndate: {day}\ncategories:\n- news\n---\n\n이번 주 소식.\n\n{toc}"
            "### 첫 소식\n\n본문.\n\n### 둘째 소식\n\n본문.\n")


# -- engines ---------------------------------------------------------------------------------

ENGINES = [
    ({"hugo.toml": 'baseURL = "https://e.org/"\n[markup.goldmark.parser]\nautoHeadingIDType = "github-ascii"\n'},
     ("hugo", "hugo-ascii", "hugo.toml, markup.goldmark.parser.autoHeadingIDType")),
    ({"config.toml": 'baseURL = "https://e.org/"\ntitle = "Blog"\n'},
     ("hugo", "hugo", "config.toml (Hugo's default autoHeadingIDType, github)")),
    ({"config/_default/markup.yaml": "goldmark:\n  parser:\n    autoHeadingIDType: blackfriday\n",
      "config/_default/hugo.toml": 'baseURL = "https://e.org/"\n'},
     ("hugo", "hugo-blackfriday", "config/_default/markup.yaml, markup.goldmark.parser.autoHeadingIDType")),
    ({"config.toml": 'base_url = "https://e.org"\ncompile_sass = true\n'},
     ("zola", "hexo-lower", 'config.toml (Zola\'s default slugify.anchors = "on")')),
    ({"_config.yml": "title: Blog\nnew_post_name: :title.md\nmarked:\n  modifyAnchors: 1\n",
      "package.json": '{"dependencies": {"hexo": "^7.0.0", "hexo-renderer-marked": "^7.0.1"}}'},
     ("hexo", "hexo-lower", "_config.yml, marked.modifyAnchors")),
    ({"_config.yml": "title: 블로그\npost_asset_folder: true\n",
      "package.json": '{"dependencies": {"hexo": "^7.0.0", "hexo-renderer-pandoc": "^0.4"}}'},
     ("hexo", "pandoc", "package.json, hexo-renderer-pandoc")),
    ({"_config.yml": "title: Blog\nmarkdown: kramdown\nkramdown:\n  input: kramdown\n", "Gemfile": 'gem "jekyll"\n'},
     ("jekyll", "kramdown", "_config.yml, kramdown.input")),
    ({"_config.yml": "title: Blog\nplugins:\n- jekyll-feed\n"},
     ("jekyll", "jekyll", "_config.yml (Jekyll's default kramdown input: GFM)")),
    ({"mkdocs.yml": "site_name: Docs\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:"
                    "pymdownx.slugs.slugify\n        kwds:\n          case: lower\n"},
     ("mkdocs", "pymdownx", "mkdocs.yml, markdown_extensions.toc.slugify")),
    ({"mkdocs.yml": "site_name: Docs\nmarkdown_extensions:\n- toc:\n    slugify: "
                    "!!python/name:markdown.extensions.toc.slugify_unicode\n"},
     ("mkdocs", "mkdocs-unicode", "mkdocs.yml, markdown_extensions.toc.slugify")),
    ({"mkdocs.yml": "site_name: Docs\n"}, ("mkdocs", "mkdocs", "mkdocs.yml (Python-Markdown's default toc slugify)")),
    ({"docusaurus.config.js": "module.exports = {};\n"}, ("docusaurus", "github", "docusaurus.config.js")),
    ({"astro.config.mjs": "export default {};\n"}, ("astro", "github", "astro.config.mjs")),
    ({"gatsby-config.js": "module.exports = {};\n"}, ("gatsby", "github", "gatsby-config.js")),
    ({".eleventy.js": "const anchor = require('markdown-it-anchor');\n"
                      "md.use(anchor, {slugify: eleventyConfig.getFilter('slugify')});\n"},
     ("eleventy", "eleventy", ".eleventy.js (Eleventy's slugify through markdown-it-anchor)")),
    ({".vitepress/config.mts": "export default {}\n"}, ("vitepress", "vitepress", ".vitepress/")),
]


@pytest.mark.parametrize("files, expected", ENGINES, ids=[e[1][0] + "-" + e[1][1] for e in ENGINES])
def test_engine_and_style_read_from_the_blog_root(tmp_path, files, expected):
    root = write(tmp_path / "blog", files)
    post = write(root, {"posts/2024/w1.md": en_post("One", "2024-01-06")}) / "posts/2024/w1.md"
    found = detect_engine(post)
    assert (found.engine, found.style, found.source) == expected and found.root == root.resolve()


def test_no_engine_above_a_repository_top(tmp_path):
    write(tmp_path, {"hugo.toml": 'baseURL = "x"\n', "repo/.git/HEAD": "ref\n"})
    assert detect_engine(tmp_path / "repo" / "post.md") is None


def test_a_broken_config_reads_as_the_engine_default(tmp_path):
    write(tmp_path, {"_config.yml": "title: [unclosed\n", "package.json": '{"dependencies": {"hexo": "7"}}'})
    assert detect_engine(tmp_path / "p.md")[:2] == ("hexo", "hexo")


# -- what a blog's posts teach -----------------------------------------------------------------


def test_blog_without_tocs_post_is_current_and_left_alone(tmp_path, capsys, config):
    blog = write(tmp_path / "site", {
        "hugo.toml": 'baseURL = "https://e.org/"\n',
        "content/posts/week-1.md": en_post("Links, week 1", "2024-01-06"),
        "content/posts/week-2.md": en_post("Links, week 2", "2024-01-13"),
        "content/posts/week-3.md": en_post("Links, week 3", "2024-01-20"),
    })
    post = blog / "content/posts/week-3.md"
    before = post.read_bytes()
    assert run(capsys, "check", str(post), "--config", config) == (0, "", "")
    assert run(capsys, "fix", str(post), "--config", config) == (0, f"{post}: up to date\n", "")
    assert post.read_bytes() == before


def test_korean_blog_with_toc_gets_its_toc_exactly_as_before(tmp_path, capsys, config):
    blog = write(tmp_path / "blog", {
        "_config.yml": "title: 블로그\nnew_post_name: :title.md\n",
        "package.json": '{"dependencies": {"hexo": "^7.0.0"}}',
        "source/_posts/weekly-2020-06-w2.md": ko_post("Weekly ML/DL News (6월 2주차)", "2020.06.06 12:00:00"),
        "source/_posts/weekly-2020-06-w3.md": ko_post("Weekly ML/DL News (6월 3주차)", "2020.06.13 12:00:00"),
        "source/_posts/weekly-2020-06-w4.md": ko_post("Weekly ML/DL News (6월 3주차)", "2020.06.20 12:00:00", toc=""),
    })
    post = blog / "source/_posts/weekly-2020-06-w4.md"
    code, out, _ = run(capsys, "fix", str(post), "--config", config)
    assert code == 0 and out == f"{post}: TOC inserted with 2 entries; title updated\n"
    assert post.read_text(encoding="utf-8") == ko_post(
        "Weekly ML/DL News (6월 4주차)", "2020.06.20 12:00:00",
        toc="## 목차\n\n- [첫-소식](#첫-소식)\n- [둘째-소식](#둘째-소식)\n\n".replace("[첫-소식]", "[첫 소식]")
        .replace("[둘째-소식]", "[둘째 소식]"))
    old = blog / "source/_posts/weekly-2020-06-w3.md"
    assert run(capsys, "check", str(old), "--config", config) == (0, "", "")


def test_english_blog_gets_contents_in_its_own_bullets(tmp_path, capsys, config):
    toc = "## Contents\n\n* [A faster parser](#a-faster-parser)\n* [Release notes](#release-notes)\n\n"
    blog = write(tmp_path / "blog", {
        "docusaurus.config.js": "module.exports = {};\n",
        "blog/2024-01-06-links.md": en_post("Links", "2024-01-06", toc),
        "blog/2024-01-13-links.md": en_post("More links", "2024-01-13", toc),
        "blog/2024-01-20-links.md": en_post("New links", "2024-01-20"),
    })
    post = blog / "blog/2024-01-20-links.md"
    assert run(capsys, "check", str(post), "--config", config)[0] == 1
    run(capsys, "fix", str(post), "--config", config)
    assert post.read_text(encoding="utf-8") == en_post("New links", "2024-01-20", toc)


def test_markers_written_as_markdown_toc_writes_them(tmp_path, capsys, config):
    toc = ("## Table of Contents\n\n<!-- toc -->\n\n- [A faster parser](#a-faster-parser)\n"
           "- [Release notes](#release-notes)\n\n<!-- tocstop -->\n\n")
    blog = write(tmp_path / "blog", {
        "a.md": en_post("Links", "2024-01-06", toc), "b.md": en_post("Links", "2024-01-13", toc),
        "c.md": en_post("Links", "2024-01-20"),
    })
    run(capsys, "fix", str(blog / "c.md"), "--config", config)
    assert (blog / "c.md").read_text(encoding="utf-8") == en_post("Links", "2024-01-20", toc)


def test_insert_toc_from_config_heads_it_in_the_posts_language(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text("insert_toc = true\n", encoding="utf-8")
    blog = write(tmp_path / "blog", {
        "docs/old.md": "# 古い記事\n\n## 一つ目\n\n本文です。\n",
        "docs/new.md": "# 今週のニュース\n\n## 新しいモデル\n\nこれは新しいモデルの紹介です。\n",
    })
    run(capsys, "fix", str(blog / "docs/new.md"), "--config", str(config))
    assert (blog / "docs/new.md").read_text(encoding="utf-8") == (
        "# 今週のニュース\n\n## 目次\n\n- [新しいモデル](#新しいモデル)\n\n## 新しいモデル\n\nこれは新しいモデルの紹介です。\n")


def test_languages_name_the_toc():
    assert [toc_heading_for(t) for t in ("이번 주 [참고링크](https://example.org/very/long/english/url) 소식",
                                        "Weekly notes on Transformers, one Korean name: 서울",
                                        "今週のニュースです", "本周新闻")] == ["목차", "Contents", "目次", "目录"]


def test_titles_and_week_rule_learned_from_titles_and_dates():
    # Sunday weeks: 2024-01-07 is a Sunday, so the week of 2024-01-14 is the 3rd of January.
    pairs = [("주간 소식 (1월 2주차)", date(2024, 1, 7)), ("주간 소식 (1월 3주차)", date(2024, 1, 14))]
    assert learn_title(pairs) == ("주간 소식 ({month}월 {week}주차)", 6)
    assert learn_title(pairs[:1]) == (None, None)  # one post is no pattern
    names = [("news-2024-01-w2.md", date(2024, 1, 7), 6), ("news-2024-01-w3.md", date(2024, 1, 14), 6)]
    assert learn_filename(names) == "news-{year}-{month:02d}-w{week}.md"


def test_page_bundles_are_each_others_posts(tmp_path):
    toc = "## Contents\n\n- [A faster parser](#a-faster-parser)\n- [Release notes](#release-notes)\n\n"
    blog = write(tmp_path, {"posts/one/index.md": en_post("One", "2024-01-06", toc),
                            "posts/two/index.md": en_post("Two", "2024-01-13", toc),
                            "posts/three/index.md": en_post("Three", "2024-01-20")})
    learned = learn(blog / "posts/three/index.md")
    assert (learned.with_items, learned.with_toc, learned.toc_heading_text, learned.has_toc) == (2, 2, "Contents", True)


# -- precedence and `config --explain` ---------------------------------------------------------


def test_explain_names_engine_style_and_origin_of_each_setting(tmp_path, capsys, config):
    blog = write(tmp_path / "blog", {
        "_config.yml": "title: Blog\nmarked:\n  modifyAnchors: 1\n",
        "package.json": '{"dependencies": {"hexo": "^7.0.0"}}',
        "source/_posts/a.md": ko_post("Weekly ML/DL News (6월 3주차)", "2020.06.13 12:00:00"),
        "source/_posts/b.md": ko_post("Weekly ML/DL News (6월 4주차)", "2020.06.20 12:00:00"),
    })
    post = blog / "source/_posts/b.md"
    code, out, _ = run(capsys, "config", "--explain", str(post), "--config", config)
    lines = out.splitlines()
    assert code == 0 and lines[:3] == [f"# settings for {post}", f"# engine: hexo (blog root {blog.resolve()})",
                                       "# learned from 1 recent post: a.md"]
    assert 'anchor_style = "hexo-lower"  # detected: _config.yml, marked.modifyAnchors' in lines
    assert "insert_toc = true  # detected: 1 of 1 recent posts with items have a TOC" in lines
    assert 'toc_heading_text = "목차"  # detected: a.md\'s TOC heading' in lines
    assert 'date_format = "%Y.%m.%d %H:%M:%S"  # detected: a.md\'s date' in lines
    assert "fetch_timeout = 4.0  # default" in lines

    user = tmp_path / "user.toml"
    user.write_text('theme = "nord"\nanchor_style = "github"\n', encoding="utf-8")
    lines = run(capsys, "config", "--explain", str(post), "--config", str(user))[1].splitlines()
    assert f'anchor_style = "github"  # config: {user}, line 2' in lines
    lines = run(capsys, "config", "--explain", str(post), "--config", str(user), "--anchors", "kramdown")[1]
    assert 'anchor_style = "kramdown"  # flag: --anchors' in lines.splitlines()


def test_one_config_line_fixes_a_wrong_detection(tmp_path, capsys):
    toc = "## Contents\n\n- [A faster parser](#a-faster-parser)\n- [Release notes](#release-notes)\n\n"
    blog = write(tmp_path / "blog", {
        "_config.yml": "title: Blog\n", "package.json": '{"dependencies": {"hexo": "7"}}',
        "p.md": en_post("Links", "2024-01-06", toc),
    })
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    # Detected as Hexo: its anchors keep case, so the GitHub-style TOC is stale.
    assert run(capsys, "check", str(blog / "p.md"), "--config", str(config))[0] == 1
    config.write_text('anchor_style = "github"\n', encoding="utf-8")
    assert run(capsys, "check", str(blog / "p.md"), "--config", str(config)) == (0, "", "")


def test_explain_escapes_what_a_blog_holds(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text('toc_heading_text = "Cont\\u001b]0;pwned\\u0007ents"\n', encoding="utf-8")
    blog = write(tmp_path / "b", {"ev\x1b[2Jil.md": en_post("L", "2024-01-06"), "b.md": en_post("L", "2024-01-13")})
    out = run(capsys, "config", "--explain", str(blog / "b.md"), "--config", str(config))[1]
    assert "\x1b" not in out and "\x07" not in out
    assert 'toc_heading_text = "Cont\\u001B]0;pwned\\u0007ents"  # config: ' in out
    assert "# learned from 1 recent post: ev\u241b[2Jil.md\n" in out


def test_new_post_follows_the_blogs_titles_names_dates_and_keys(tmp_path, capsys, config):
    def post(title, day):
        return f"---\ntitle: {title}\ndate: {day}\ntags:\n- AI\n---\n\n이번 주.\n\n### 소식\n\n본문.\n"

    blog = write(tmp_path / "blog", {
        "news-2024-01-w2.md": post("주간 소식 (1월 2주차)", "2024-01-07 09:30"),
        "news-2024-01-w3.md": post("주간 소식 (1월 3주차)", "2024-01-14 09:30"),
    })
    code, out, _ = run(capsys, "new", "--date", "2024-01-21", "--dir", str(blog), "--config", config)
    path = blog / "news-2024-01-w4.md"
    assert (code, out) == (0, f"{path}\n")
    # Sunday weeks, the blog's date format, its keys (no categories), and no TOC it never had.
    assert path.read_text(encoding="utf-8") == "---\ntitle: 주간 소식 (1월 4주차)\ndate: 2024-01-21 12:00\ntags:\n- ML\n- DL\n---\n\n"
