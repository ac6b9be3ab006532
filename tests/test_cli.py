"""The headless commands on real files: every FORMAT.md anchor vector through `fix`, other
blogs' shapes, exit codes, unreadable files, a 1 MB post and a 2,000-item post."""

import re
from pathlib import Path

import pytest

from core_helpers import assert_only_toc_and_managed_keys_changed
from tui.cli import main
from tui.digest.post import ParseOptions, Post
from tui.digest.toc import find_list

FIXTURES = Path(__file__).parent / "fixtures"

HEADINGS = [
    "Andrej Karpathy", "CVPR20 Pytorch vs Tensorflow", "GPT-3 논문 리뷰", "딥러닝(Deep Learning) 입문",
    "Q&A: 질문과 답변", "C++", "Node.js", "What's new?", "A/B testing", "🚀 Launch", "Hello 👋 World",
    "Multiple   inner   spaces", "Use `pip install` now", "[Link text](https://example.com/a_b) in heading",
    "Résumé naïve", "snake_case_name", "ＡＩ 뉴스 (전각)", "News", "News", "News", "News-1",
]
VECTORS = {
    "github": ["andrej-karpathy", "cvpr20-pytorch-vs-tensorflow", "gpt-3-논문-리뷰", "딥러닝deep-learning-입문",
               "qa-질문과-답변", "c", "nodejs", "whats-new", "ab-testing", "-launch", "hello--world",
               "multiple---inner---spaces", "use-pip-install-now", "link-text-in-heading", "résumé-naïve",
               "snake_case_name", "ａｉ-뉴스-전각", "news", "news-1", "news-2", "news-1-1"],
    "hexo": ["Andrej-Karpathy", "CVPR20-Pytorch-vs-Tensorflow", "GPT-3-논문-리뷰", "딥러닝-Deep-Learning-입문",
             "Q-A-질문과-답변", "C", "Node-js", "What’s-new", "A-B-testing", "🚀-Launch", "Hello-👋-World",
             "Multiple-inner-spaces", "Use-pip-install-now", "Link-text-in-heading", "Resume-naive",
             "snake-case-name", "AI-뉴스-전각", "News", "News-1", "News-2", "News-1"],
    "kramdown": ["andrej-karpathy", "cvpr20-pytorch-vs-tensorflow", "gpt-3--", "deep-learning-", "qa--", "c",
                 "nodejs", "whats-new", "ab-testing", "launch", "hello--world", "multiple---inner---spaces",
                 "use-pip-install-now", "link-texthttpsexamplecomab-in-heading", "rsum-nave", "snakecasename",
                 "section-1",  # "목차" took "section"
                 "news", "news-1", "news-2", "news-1"],
}
VECTORS["hexo-lower"] = [a.lower() for a in VECTORS["hexo"]]


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("", encoding="utf-8")  # defaults, whatever the user's own config says
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def toc_anchors(text):
    post = Post.parse(text)
    lead = post.toc.lead_heading()
    return [e.anchor for e in find_list(post.toc.content, lead.end).entries]


@pytest.mark.parametrize("style", sorted(VECTORS))
def test_every_format_vector_through_fix(tmp_path, capsys, config, style):
    body = "".join(f"### {h}\n\ntext\n\n" for h in HEADINGS)
    path = tmp_path / "vectors.md"
    path.write_text("intro\n\n## 목차\n\n- [stale](#stale)\n- [Andrej](#andrej)\n\n" + body, encoding="utf-8")
    code, out, _ = run(capsys, "fix", str(path), "--anchors", style, "--config", config)
    assert code == 0 and "TOC" in out
    text = path.read_text(encoding="utf-8")
    assert toc_anchors(text) == VECTORS[style]
    expected_toc_anchor = {"kramdown": "section"}.get(style, "목차")
    post = Post.parse(text, options=ParseOptions(anchor_style=style))
    assert post.anchors()[post.toc.uid] == expected_toc_anchor
    assert run(capsys, "check", str(path), "--anchors", style, "--config", config)[0] == 0


def test_korean_fixture_is_current(tmp_path, capsys, config):
    original = (FIXTURES / "weekly-ko.md").read_bytes()
    path = tmp_path / "weekly-ko.md"
    path.write_bytes(original)
    assert run(capsys, "check", str(path), "--config", config)[:2] == (0, "")
    code, out, _ = run(capsys, "fix", str(path), "--config", config)
    assert code == 0 and out == f"{path}: up to date\n" and path.read_bytes() == original


def test_korean_fixture_crlf_and_bom_stay_current(tmp_path, capsys, config):
    data = b"\xef\xbb\xbf" + (FIXTURES / "weekly-ko.md").read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "crlf.md"
    path.write_bytes(data)
    assert run(capsys, "check", str(path), "--config", config)[0] == 0
    run(capsys, "fix", str(path), "--config", config)
    assert path.read_bytes() == data


def test_stale_crlf_post_fixed_in_crlf_with_bom(tmp_path, capsys, config):
    path = tmp_path / "p.md"
    path.write_bytes(b"\xef\xbb\xbf## \xeb\xaa\xa9\xec\xb0\xa8\r\n\r\n- [B](#b)\r\n\r\n### A\r\n\r\n### B")
    assert run(capsys, "fix", str(path), "--config", config)[0] == 0
    assert path.read_bytes() == b"\xef\xbb\xbf## \xeb\xaa\xa9\xec\xb0\xa8\r\n\r\n- [A](#a)\r\n- [B](#b)\r\n\r\n### A\r\n\r\n### B"


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.md")))
def test_other_blogs_fix_only_toc_and_managed_keys(tmp_path, capsys, config, name):
    before = (FIXTURES / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(before, encoding="utf-8", newline="")
    code, out, err = run(capsys, "check", str(path), "--config", config)
    assert code in (0, 1) and (code == 0) == (out == "")
    if code == 1:
        assert out.startswith(f"--- {path}\n+++ {path} (after save)\n") and "stale:" in err
    assert run(capsys, "fix", str(path), "--config", config)[0] == 0
    after = path.read_bytes().decode("utf-8")
    assert_only_toc_and_managed_keys_changed(before, after)
    run(capsys, "fix", str(path), "--config", config)
    assert path.read_bytes().decode("utf-8") == after  # fix twice == fix once
    assert run(capsys, "check", str(path), "--config", config)[:2] == (0, "")
    sections = [b.title for b in Post.parse(after).sections]
    assert sections == [b.title for b in Post.parse(before).sections]


def test_fixture_specific_results(tmp_path, capsys, config):
    def fixed(name):
        path = tmp_path / name
        path.write_bytes((FIXTURES / name).read_bytes())
        run(capsys, "fix", str(path), "--config", config)
        return path.read_bytes().decode("utf-8")

    hugo = fixed("hugo-toml.md")
    assert 'title = "Weekly ML/DL News (6월 4주차)"' in hugo and 'tags = ["ML", "DL"]  # keep this comment' in hugo
    assert "## Contents\n\n- [First link](#first-link)\n- [Second link](#second-link)\n\n## First link" in hugo
    pelican = fixed("pelican.md")
    assert pelican.startswith("Title: Links of the week\n") and "delimiters.\n\n## Contents\n\n- [Papers worth" in pelican  # English
    assert "* [Papers](#papers)\n* [Tools](#tools)\n* [Talks](#talks)\n" in fixed("no-frontmatter.md")
    links = fixed("link-items.md")
    assert "- [Another *great* article (video)](#another-great-article-video)\n- [Icon item](#icon-item)" in links
    assert "- [Install](#install)\n- [Configure](#configure)\n- [Run](#run)\n\n" in fixed("fences.md")
    setext = fixed("setext-groups.md")
    assert "+ [뉴스](#뉴스)\n    + [Setext Item](#setext-item)\n+ [논문](#논문)\n    + [A two line setext item]" in setext
    assert setext.endswith("last line without newline") and "(5월 6주차)" in setext


def test_check_exit_codes_and_reasons(tmp_path, capsys, config):
    good = tmp_path / "good.md"
    good.write_text("## 목차\n\n- [A](#a)\n\n### A\n", encoding="utf-8")
    stale = tmp_path / "stale.md"
    stale.write_text("## 목차\n\n- [B](#b)\n\n### A\n\n### B\n", encoding="utf-8")
    latin = tmp_path / "latin.md"
    latin.write_bytes("### Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e\n".encode("latin-1") * 20)
    assert run(capsys, "check", str(good), "--config", config) == (0, "", "")
    code, out, err = run(capsys, "check", str(stale), "--config", config)
    assert code == 1
    assert " ## 목차\n \n+- [A](#a)\n - [B](#b)\n" in out and err == f"{stale}: stale: TOC 1 added\n"
    assert stale.read_text(encoding="utf-8") == "## 목차\n\n- [B](#b)\n\n### A\n\n### B\n"  # check never writes
    for bad, words in ((tmp_path / "missing.md", "does not exist"), (latin, "not UTF-8"), (tmp_path, "directory")):
        code, out, err = run(capsys, "check", str(bad), "--config", config)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and words in err
    code, _, err = run(capsys, "check", str(good), str(stale), str(tmp_path / "missing.md"), "--config", config)
    assert code == 2
    code, out, err = run(capsys, "fix", str(tmp_path / "missing.md"), str(stale), "--config", config)
    assert code == 2 and out == f"{stale}: TOC 1 added\n" and "does not exist" in err


def test_check_diff_of_crlf_file_is_readable(tmp_path, capsys, config):
    path = tmp_path / "crlf.md"
    path.write_bytes(b"## TOC\r\n\r\n### A\r\n")
    code, out, _ = run(capsys, "check", str(path), "--config", config)
    assert code == 1 and "+- [A](#a)" in out


def test_new_creates_a_current_post(tmp_path, capsys, config):
    code, out, _ = run(capsys, "new", "--date", "2020-06-20", "--dir", str(tmp_path), "--config", config)
    path = Path(out.strip())
    assert code == 0 and path.name == "weekly-ml-dl-news-2020-06-w4.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Weekly ML/DL News (6월 4주차)\ndate: 2020.06.20 12:00:00\n")
    assert run(capsys, "check", str(path), "--config", config)[0] == 0
    assert run(capsys, "new", "--date", "2020-06-20", "--dir", str(tmp_path), "--config", config)[0] == 0
    assert path.read_text(encoding="utf-8") == text


def _big_post(items, filler):
    parts = ["---\ntitle: Weekly ML/DL News (6월 4주차)\ndate: 2020.06.20 12:00:00\n---\n\nintro\n\n## 목차\n\n"]
    parts += [f"- [Item {i}](#item-{i})\n" for i in range(items)]
    for i in range(items):
        parts.append(f"\n### Item {i}\n\n[참고링크](https://example.com/{i})\n\n{filler}\n\n```\n# not a heading {i}\n```\n")
    return "".join(parts)


def test_one_megabyte_post(tmp_path, capsys, config):
    text = _big_post(400, "본문 텍스트 lorem ipsum. " * 90)
    assert len(text.encode()) > 1_000_000
    stale = re.sub(r"- \[Item 7\]\(#item-7\)\n", "", text).replace("### Item 3\n", "### Item three\n")
    path = tmp_path / "big.md"
    path.write_text(stale, encoding="utf-8")
    assert run(capsys, "fix", str(path), "--config", config)[0] == 0
    after = path.read_text(encoding="utf-8")
    assert_only_toc_and_managed_keys_changed(stale, after)
    assert "- [Item three](#item-three)\n" in after and "- [Item 7](#item-7)\n" in after
    assert run(capsys, "check", str(path), "--config", config)[:2] == (0, "")


def test_two_thousand_items_check_and_fix(tmp_path, capsys, config):
    path = tmp_path / "many.md"
    path.write_text(_big_post(2000, "text"), encoding="utf-8")
    assert run(capsys, "check", str(path), "--config", config) == (0, "", "")
    assert run(capsys, "fix", str(path), "--config", config) == (0, f"{path}: up to date\n", "")


def test_check_diff_splits_at_markdown_line_endings_only(tmp_path, capsys, config):
    path = tmp_path / "odd.md"
    path.write_text("intro\u2028still intro\x0cand more\n\n### A\n", encoding="utf-8", newline="")
    code, out, _ = run(capsys, "check", str(path), "--config", config)
    # Still one diff line (not three), its separators shown, never sent raw to the terminal.
    assert code == 1 and " intro<U+2028>still intro␌and more\n" in out


def test_broken_front_matter_is_named_and_never_rewritten(tmp_path, capsys, config):
    front = "---\ntitle: [unclosed\ndate: 2020.06.20 12:00:00\n---\n"
    post = tmp_path / "post.md"
    post.write_text(front + "\n### 첫 항목\n\n본문.\n", encoding="utf-8")
    code, out, err = run(capsys, "fix", "--config", str(config), str(post))
    assert code == 0 and out == f"{post}: TOC inserted with 1 entry\n"
    assert err == (f"{post}: warning: front matter left as written (title and updated not managed): "
                   "line 3: expected ',' or ']', but got ':' (while parsing a flow sequence that starts on line 2)\n")
    assert post.read_text(encoding="utf-8") == front + "\n## 목차\n\n- [첫 항목](#첫-항목)\n\n### 첫 항목\n\n본문.\n"
    code, out, err = run(capsys, "check", "--config", str(config), str(post))
    assert (code, out) == (0, "") and "front matter left as written" in err
    code, _, _ = run(capsys, "check", "--strict", "--config", str(config), str(post))
    assert code == 1


def test_an_impossible_date_is_broken_front_matter_not_a_crash(tmp_path, capsys, config):
    # PyYAML raises a plain ValueError for 2024-02-30; it used to escape as a traceback.
    front = "---\ntitle: 주간 뉴스\ndate: 2024-02-30\n---\n"
    post = tmp_path / "post.md"
    post.write_text(front + "\n### 첫 항목\n\n본문.\n", encoding="utf-8")
    code, out, err = run(capsys, "fix", "--config", str(config), str(post))
    assert code == 0 and "front matter left as written" in err and "day is out of range" in err
    assert post.read_text(encoding="utf-8").startswith(front)


def test_check_warns_only_about_links_of_earlier_posts(tmp_path, capsys, config):
    def write(name, week, date, url):
        (tmp_path / name).write_text(
            f"---\ntitle: Weekly ML/DL News (6월 {week}주차)\ndate: {date}\n---\n\n"
            f"### Item\n\n[참고링크]({url})\n", encoding="utf-8")
        return tmp_path / name

    write("w2.md", 2, "2020.06.06 12:00:00", "https://early.example.com/a")
    old = write("w3.md", 3, "2020.06.13 12:00:00", "https://shared.example.com/b")
    write("w4.md", 4, "2020.06.20 12:00:00", "https://shared.example.com/b")
    code, _, err = run(capsys, "check", str(old), "--config", config)
    assert "already" not in err and "shared.example.com" not in err
    new = tmp_path / "w4.md"
    code, _, err = run(capsys, "check", str(new), "--config", config)
    assert "https://shared.example.com/b" in err and "(w3.md)" in err


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_editor_command_without_a_terminal_on_stdin(tmp_path, args):
    # `newsdigest-tui --help < /dev/null` (a script, a pipe) crashed with termios.error:
    # the editor path first takes the terminal out of line mode, and there was none.
    import subprocess
    import sys

    script = Path(sys.executable).with_name("newsdigest-tui")  # the installed command
    done = subprocess.run([str(script), *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "newsdigest-tui" in done.stdout
