"""The "Post" row's form: title, date, categories and tags of the front matter.

The form never writes the front matter itself: it posts ``PostForm.Changed`` and the editor
screen applies ``set_key``/``set_list``, so every rewrite goes through the surgical splices
that keep untouched keys byte-identical.
"""

from __future__ import annotations


from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.validation import Function
from textual.widget import Widget
from textual.widgets import Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from tui.digest.frontmatter import FrontMatter, raw_value
from tui.digest.safe_text import shown
from tui.digest.postdir import as_list
from tui.digest.weeks import parse_date

DEBOUNCE = 0.6


def _split_commas(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _valid_date(text: str) -> bool:
    try:
        parse_date(text)
    except ValueError:
        return False
    return True


class PostForm(Widget):
    """Title, date, categories and tags; read-only raw text when the front matter is broken."""

    class Changed(Message):
        """The user changed ``key``: a string for title/date, a list for categories/tags."""

        def __init__(self, form: PostForm, key: str, value: str | list[str]) -> None:
            super().__init__()
            self.form = form
            self.key = key
            self.value = value

        @property
        def control(self) -> PostForm:
            return self.form

    def __init__(self, front: FrontMatter, known_tags: list[str], blog: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.front = front
        self.blog = blog  # what was detected of the blog, e.g. "hugo blog, anchors: hugo (detected)"
        self.known_tags = list(known_tags)
        data = front.data or {}
        self.editable = front.error is None and front.format is not None
        # What the editor last heard per key, so a blur after a debounce does not repeat it.
        self._sent: dict[str, str | list[str]] = {
            "title": self._scalar("title"),
            "date": self._scalar("date"),
            "categories": as_list(data.get("categories")),
            "tags": as_list(data.get("tags")),
        }
        self._tags: list[str] = list(self._sent["tags"])
        self._debounce: dict[str, Timer] = {}

    @staticmethod
    def show_blog(line: Static, blog: str) -> None:
        """Show what was detected of the blog (an empty ``blog``: nothing known yet)."""
        from tui.digest.safe_text import shown

        blog = shown(blog, keep_layout=False)
        line.update(blog)
        line.tooltip = blog or None
        line.display = bool(blog)

    def _scalar(self, key: str) -> str:
        value = raw_value(self.front, key)
        if value is None:
            value = (self.front.data or {}).get(key)
        return "" if value is None else str(value)

    def compose(self) -> ComposeResult:
        # Read-only: a wrong detection is fixed with one line of config.toml.
        line = Static(id="form-blog", markup=False)
        self.show_blog(line, self.blog)
        yield line
        if not self.editable:
            reason = self.front.error or "This post has no front matter."
            yield Static(shown(f"Front matter kept as written: {reason}"), classes="form-error", markup=False)
            if self.front.raw:
                # Read-only, so showing its controls as symbols never writes them back.
                yield TextArea(shown(self.front.raw), read_only=True, soft_wrap=False, id="form-raw")
            return
        categories = (self.front.data or {}).get("categories")
        nested = isinstance(categories, list) and any(isinstance(c, (list, dict)) for c in categories)
        with Vertical(classes="form-fields"):
            # Not selected on focus: Enter on the Post row then typing (a habit from the item
            # rows, where Enter then text appends) would replace the whole title.
            yield Label("Title", classes="form-label")
            yield Input(self._sent["title"], id="form-title", compact=True, select_on_focus=False)
            yield Label("Date", classes="form-label")
            yield Input(self._sent["date"], id="form-date", compact=True, select_on_focus=False,
                        validators=[Function(_valid_date, "not a date this editor can keep as written")])
            yield Label("Categories (comma separated)", classes="form-label")
            # Hexo's nested categories have no comma form; editing them here would flatten them.
            yield Input(", ".join(self._sent["categories"]), id="form-categories", disabled=nested, compact=True,
                        select_on_focus=False,
                        tooltip="nested categories: edit them in the file" if nested else None)
            yield Label("Tags (space toggles, enter adds)", classes="form-label")
            yield Input(placeholder="Add a tag", id="form-tag-add", compact=True,
                        suggester=SuggestFromList(self.known_tags, case_sensitive=False))
            yield SelectionList[str](*self._tag_selections(), id="form-tags")

    def _tag_selections(self) -> list[Selection[str]]:
        offered = list(dict.fromkeys(self._tags + self.known_tags))
        return [Selection(tag, tag, tag in self._tags) for tag in offered]

    # -- scalar fields, debounced ------------------------------------------------------------

    _FIELDS = {"form-title": "title", "form-date": "date", "form-categories": "categories"}

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        key = self._FIELDS.get(event.input.id or "")
        if key is None:
            return
        event.stop()
        if key in self._debounce:
            self._debounce[key].stop()
        self._debounce[key] = self.set_timer(DEBOUNCE, lambda: self._commit(key))

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _leave(self, event: Input.Submitted | Input.Blurred) -> None:
        if event.input.id == "form-tag-add":
            if isinstance(event, Input.Submitted):
                event.stop()
                self._add_tag(event.value)
            return
        key = self._FIELDS.get(event.input.id or "")
        if key is not None:
            event.stop()
            self._commit(key)

    def _commit(self, key: str) -> None:
        change = self._take(key)
        if change is not None:
            self.post_message(change)

    def flush(self) -> list[PostForm.Changed]:
        """The typed changes still waiting out their debounce, taken now and returned rather
        than posted: a save or quit applies them first (ctrl+s within 0.6 s of typing once
        saved the file without the edit, and ctrl+q quit without a word)."""
        return [change for key in list(self._debounce) if (change := self._take(key)) is not None]

    def unkept(self) -> str | None:
        """The typed date when it is not one this editor can keep (the file keeps the old
        one): a save or a quit says so rather than dropping it without a word."""
        fields = self.query("#form-date")
        if not fields:
            return None  # broken front matter: no fields
        value = fields.first(Input).value
        return value if value != self._sent.get("date") and not _valid_date(value) else None

    def _take(self, key: str) -> PostForm.Changed | None:
        if key in self._debounce:
            self._debounce.pop(key).stop()
        field = self.query_one(f"#form-{key}", Input)
        if key == "date" and not _valid_date(field.value):
            return None
        value = _split_commas(field.value) if key == "categories" else field.value
        return self._changed(key, value)

    def _send(self, key: str, value: str | list[str]) -> None:
        change = self._changed(key, value)
        if change is not None:
            self.post_message(change)

    def _changed(self, key: str, value: str | list[str]) -> PostForm.Changed | None:
        if self._sent.get(key) == value:
            return None
        self._sent[key] = value
        return self.Changed(self, key, value)

    # -- tags ----------------------------------------------------------------------------------

    def _add_tag(self, text: str) -> None:
        self.query_one("#form-tag-add", Input).value = ""
        selection = self.query_one("#form-tags", SelectionList)
        for tag in _split_commas(text):
            if tag in self._tags:
                continue
            self._tags.append(tag)
            if any(option.value == tag for option in selection.options):
                selection.select(tag)
            else:
                selection.add_option(Selection(tag, tag, True))
        self._send("tags", list(self._tags))

    @on(SelectionList.SelectedChanged, "#form-tags")
    def _toggled(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        chosen = set(event.selection_list.selected)
        # Keep the post's order; newly ticked tags go last.
        self._tags = [t for t in self._tags if t in chosen] + [
            t for t in event.selection_list.selected if t not in self._tags
        ]
        self._send("tags", list(self._tags))
