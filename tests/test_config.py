"""config.toml: defaults, every key honoured, and mistakes reported with key and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.config import ANCHOR_STYLES, Settings, default_config_path, load_settings, save_setting
from tui.digest.errors import ConfigError


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_file_means_documented_defaults(tmp_path):
    settings = load_settings()
    assert settings == Settings()
    assert settings.anchor_style == "github"
    assert settings.week_start_index == 5  # Saturday
    assert default_config_path() == tmp_path / "config" / "newsdigest-tui" / "config.toml"


def test_every_key_is_read(tmp_path):
    path = write(tmp_path, '''
posts_dir = "~/blog/_posts"
anchor_style = "hexo"
title_template = "Weekly ({year}-{month} w{week})"
week_start = "monday"
date_format = "%Y-%m-%d %H:%M:%S"
publish_weekday = "friday"
publish_time = "09:30"
toc_headings = ["Contents"]
toc_heading_text = "Contents"
insert_toc = false
link_labels = ["Link"]
new_link_label = "Link"
filename_template = "{year}-{month:02d}-{day:02d}-news.md"
categories = ["weekly"]
tags = []
theme = "nord"
fetch_titles = false
fetch_timeout = 2
strip_title_suffixes = []
tracking_params = ["utm_*"]
duplicate_lookback = 4
autosave_seconds = 10

[keys]
"post.save" = "ctrl+w"
''')
    s = load_settings(path)
    assert (s.posts_dir, s.anchor_style, s.week_start_index, s.publish_weekday_index) == ("~/blog/_posts", "hexo", 0, 4)
    assert (s.insert_toc, s.fetch_titles, s.fetch_timeout, s.duplicate_lookback) == (False, False, 2.0, 4)
    assert s.keys == {"post.save": "ctrl+w"} and s.toc_headings == ["Contents"] and s.tags == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ('theme = "nord"\nanchor_stile = "hexo"\n', "line 2: unknown key 'anchor_stile'"),
        ('\n\nanchor_style = "gitlab"\n', "line 3: anchor_style must be one of github, jekyll, kramdown, hugo, hugo-ascii"),
        ('week_start = "samstag"\n', "line 1: week_start must be a weekday name"),
        ('insert_toc = "yes"\n', "line 1: insert_toc must be true or false"),
        ('tags = "ML"\n', "line 1: tags must be a list of strings"),
        ('duplicate_lookback = -1\n', "line 1: duplicate_lookback must be a whole number"),
        ('publish_time = "noon"\n', 'line 1: publish_time must look like "12:00:00"'),
        ('theme = "nord"\ntitle_template = "unclosed\n', "line 2"),
    ],
)
def test_mistakes_name_the_key_and_the_line(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    assert expected in str(err.value)
    assert str(path) in str(err.value)


def test_a_missing_explicit_config_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_check_reports_a_bad_config_in_one_line_and_exits_2(tmp_path):
    path = write(tmp_path, 'anchor_style = "gitlab"\n')
    post = tmp_path / "post.md"
    post.write_text("### A\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tui.cli", "check", "--config", str(path), str(post)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip() == f"newsdigest-tui: {path}, line 1: anchor_style must be one of " + ", ".join(ANCHOR_STYLES)
    assert post.read_text(encoding="utf-8") == "### A\n"


def test_remembering_the_theme_keeps_the_users_comments(tmp_path):
    path = write(tmp_path, '# my settings\nanchor_style = "hexo"  # the blog is Hexo\ntheme = "nord"\n')
    save_setting("theme", "gruvbox", path)
    assert path.read_text(encoding="utf-8") == '# my settings\nanchor_style = "hexo"  # the blog is Hexo\ntheme = "gruvbox"\n'
    save_setting("theme", "dracula")  # the default location is created when missing
    assert load_settings().theme == "dracula"


def test_every_mistake_of_a_file_is_reported_at_once(tmp_path):
    path = write(tmp_path, 'anchor_style = "gitlab"\nfetch_timeout = -1\nweek_strat = "monday"\n'
                           'title_template = "ok"\ninsert_toc = yes\ntags = ["ML"]\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(f"{path}: not valid TOML") and "line 5" in lines[0]
    assert lines[1].startswith(f"{path}, line 1: anchor_style must be one of")
    assert lines[2] == f"{path}, line 2: fetch_timeout must be a number > 0"
    assert lines[3].startswith(f"{path}, line 3: unknown key 'week_strat'")
