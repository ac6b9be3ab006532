"""Settings and where they live.

Settings come from ``config.toml`` in platformdirs' user config dir (or ``--config``);
state (autosave journals, the demo copy) goes to the user data dir. Nothing is ever
written to the working directory. This module must not import Textual: the headless
commands read it too.
"""

from __future__ import annotations

import re
from pathlib import Path

import platformdirs

from tui.digest.errors import ConfigError

APP_NAME = "newsdigest-tui"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
from tui.digest.slug_styles import STYLES as ANCHOR_STYLES  # noqa: E402  (the registry is the one list)


def anchor_styles() -> tuple[str, ...]:
    """Every style name the slug registry (tui/digest/slug_styles.py) knows."""
    return ANCHOR_STYLES


class Settings:
    """Every key of ``config.toml``; the defaults reproduce the example series.

    The annotated class attributes are the table of keys: their types (``_TYPES``) and
    defaults. Not a dataclass: defining that cost ~2.3 ms of the editor's start-up."""

    posts_dir: str | None = None
    anchor_style: str = "github"
    title_template: str = "Weekly ML/DL News ({month}월 {week}주차)"
    week_start: str = "saturday"
    date_format: str = "%Y.%m.%d %H:%M:%S"
    publish_weekday: str = "saturday"
    publish_time: str = "12:00:00"
    toc_headings: list[str] = ["목차", "차례", "Contents", "Table of Contents", "TOC"]
    toc_heading_text: str = "목차"  # by default, the post's language picks it (see tui.effective)
    insert_toc: bool = True
    toc_level: int = 2
    toc_bullet: str = "-"
    toc_indent: str = "  "
    toc_markers: bool = False
    front_matter_keys: list[str] = ["title", "date", "categories", "tags"]  # of a new post, in order
    link_labels: list[str] = ["참고링크", "참고자료", "Link", "Source"]
    new_link_label: str = "참고링크"
    filename_template: str = "weekly-ml-dl-news-{year}-{month:02d}-w{week}.md"
    categories: list[str] = ["news"]
    tags: list[str] = ["ML", "DL"]
    theme: str = "textual-dark"
    fetch_titles: bool = True
    fetch_timeout: float = 4.0
    strip_title_suffixes: list[str] = [" - YouTube"]
    tracking_params: list[str] = ["utm_*", "fbclid", "gclid", "mc_cid", "mc_eid", "igshid", "ref_src"]
    duplicate_lookback: int = 12
    autosave_seconds: float = 5.0
    keys: dict[str, str] = {}

    def __init__(self, **values: object) -> None:
        for name in _TYPES:
            if name in values:
                value = values.pop(name)
            else:
                value = getattr(Settings, name)
                if isinstance(value, (list, dict)):
                    value = value.copy()  # an instance's lists are its own to change
            setattr(self, name, value)
        # Where each key's value came from, for `config --explain` ("config: FILE, line N",
        # "flag: --anchors", "detected: ..."); a key not in it has its default.
        self.origins: dict[str, str] = {}
        self.blog = ""  # what was detected of the post's blog, one line for the editor
        if values:
            raise TypeError(f"Settings() got an unexpected keyword argument {next(iter(values))!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Settings):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _TYPES)

    __hash__ = None  # mutable

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in _TYPES) + ")"

    @property
    def week_start_index(self) -> int:
        return WEEKDAYS.index(self.week_start)

    @property
    def publish_weekday_index(self) -> int:
        return WEEKDAYS.index(self.publish_weekday)


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def default_config_path() -> Path:
    return config_dir() / "config.toml"


def journal_dir() -> Path:
    return data_dir() / "journal"


_TYPES: dict[str, str] = dict(Settings.__annotations__)  # key -> its type, as written


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _where(path: Path, text: str, key: str) -> str:
    line = _line_of(text, key)
    return f"{path}, line {line}" if line else str(path)


def _check_value(name: str, value: object) -> str | None:
    """The reason ``value`` is wrong for key ``name``, or None when it is fine."""
    kind = _TYPES[name]
    if "list[str]" in kind:
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return "must be a list of strings"
    elif "dict" in kind:
        if not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())):
            return "must be a table of action = \"key\" strings"
    elif kind == "bool":
        if not isinstance(value, bool):
            return "must be true or false"
    elif kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return "must be a whole number >= 0"
    elif kind == "float":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
            return "must be a number > 0"
    elif not isinstance(value, str):
        return "must be a string"
    if name in ("week_start", "publish_weekday") and value not in WEEKDAYS:
        return "must be a weekday name (" + ", ".join(WEEKDAYS) + ")"
    if name == "anchor_style" and value not in anchor_styles():
        return "must be one of " + ", ".join(anchor_styles())
    if name == "toc_bullet" and value not in ("-", "*", "+", "1.", "1)"):
        return 'must be "-", "*", "+", "1." or "1)"'
    if name == "toc_indent" and (not value or value.strip(" \t")):
        return "must be spaces or tabs"
    if name == "front_matter_keys" and not set(value) <= {"title", "date", "categories", "tags"}:
        return "may hold title, date, categories and tags"
    if name == "toc_level" and not 1 <= value <= 6:
        return "must be a heading level, 1 to 6"
    if name == "publish_time" and not re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", str(value)):
        return 'must look like "12:00:00"'
    return None


def load_settings(path: Path | None = None) -> Settings:
    """Settings from ``path`` (default: the user config file; absent means defaults).

    Raises ConfigError naming the file, the key and the line.
    """
    explicit = path is not None
    path = Path(path) if path is not None else default_config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if explicit:
            raise ConfigError(f"config file {path} does not exist") from None
        return Settings()
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read config file {path}: {err}") from None
    import tomllib  # only when there is a file to read

    problems: list[str] = []
    raw = _read_toml(tomllib, path, text, problems)
    settings = Settings()
    # Every mistake of the file at once, each with its line: three typos, one run.
    for name, value in raw.items():
        if name not in _TYPES:
            known = ", ".join(sorted(_TYPES))
            problems.append(f"{_where(path, text, name)}: unknown key {name!r} (known keys: {known})")
            continue
        problem = _check_value(name, value)
        if problem:
            problems.append(f"{_where(path, text, name)}: {name} {problem}")
            continue
        setattr(settings, name, float(value) if _TYPES[name] == "float" else value)
        settings.origins[name] = "config: " + _where(path, text, name)
    if problems:
        raise ConfigError("\n".join(problems))
    return settings


def _read_toml(tomllib, path: Path, text: str, problems: list[str]) -> dict:
    """The file's table; a line TOML cannot read is reported and left out, and the rest
    read again, so its other mistakes are found in the same run."""
    lines = text.splitlines(keepends=True)
    for _ in range(len(lines) + 1):
        try:
            return tomllib.loads("".join(lines))
        except tomllib.TOMLDecodeError as err:
            # tomllib's message already says "(at line N, column M)".
            problems.append(f"{path}: not valid TOML: {err}")
            at = re.search(r"at line (\d+)", str(err))
            row = int(at.group(1)) - 1 if at else -1
            if not 0 <= row < len(lines) or not lines[row].strip():
                return {}
            lines[row] = "\n"
    return {}


def save_setting(key: str, value: str, path: Path | None = None) -> None:
    """Remember one setting (the theme) in the config file, keeping the user's comments.

    tomlkit edits the document in place; a full re-dump would drop the comments that
    document the user's own choices.
    """
    import tomlkit

    path = Path(path) if path is not None else default_config_path()
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        doc = tomlkit.document()
    doc[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    from tui.digest.store import write_atomic

    write_atomic(path, tomlkit.dumps(doc).encode("utf-8"))


def parse_options(settings: Settings):
    from tui.digest.post import ParseOptions

    return ParseOptions(toc_headings=tuple(settings.toc_headings), anchor_style=settings.anchor_style)


def save_rules(settings: Settings):
    from tui.digest.regen import SaveRules

    return SaveRules(
        insert_toc=settings.insert_toc,
        # Not set anywhere: an inserted TOC is headed in the post's own language.
        toc_heading_text=settings.toc_heading_text if "toc_heading_text" in settings.origins else None,
        title_template=settings.title_template,
        week_start=settings.week_start_index,
        toc_level=settings.toc_level,
        toc_bullet=settings.toc_bullet,
        toc_indent=settings.toc_indent,
        toc_markers=settings.toc_markers,
    )


def new_post_rules(settings: Settings):
    from tui.digest.newpost import NewPostRules

    return NewPostRules(
        title_template=settings.title_template,
        week_start=settings.week_start_index,
        date_format=settings.date_format,
        publish_weekday=settings.publish_weekday_index,
        publish_time=settings.publish_time,
        filename_template=settings.filename_template,
        categories=tuple(settings.categories),
        tags=tuple(settings.tags),
        toc_heading_text=settings.toc_heading_text,
        insert_toc=settings.insert_toc,
        toc_level=settings.toc_level,
        front_matter_keys=tuple(settings.front_matter_keys),
    )
