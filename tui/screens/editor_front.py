"""The "Post" row: the front matter form above the intro's editor.

The form (tui/widgets/post_form.py) shows broken front matter raw and read-only; edits
come back as PostForm.Changed and are applied with the surgical ``set_key``/``set_list``
so untouched keys keep their bytes.
"""

from __future__ import annotations

from textual import work

from tui.digest.errors import DigestError
from tui.digest.frontmatter import FrontMatter, raw_value, set_key, set_list


def form_fields(front: FrontMatter) -> tuple:
    """What the front matter form shows of ``front`` (two fronts with equal fields show the
    same form): whether it is editable, and title, date, categories and tags as written
    and as read."""
    data = front.data or {}
    return (front.error, front.format, raw_value(front, "title"), raw_value(front, "date"),
            *(data.get(key) for key in ("title", "date", "categories", "tags")))


class FrontMixin:
    """Mixed into EditorScreen."""

    form_stale = True
    known_tags: list[str] = []

    def show_post_head(self, visible: bool) -> None:
        head = self.query_one("#post-head")
        head.display = visible
        # Before the first paint the form waits (build_post_head): its ten widgets cost
        # ~60 ms of mounting and styling, a third of the editor's start-up over an empty app,
        # for a form that can show a frame later.
        if visible and self.form_stale and getattr(self.app, "is_ready", True):
            from tui.widgets.post_form import PostForm

            self.form_stale = False
            head.remove_children()
            blog = getattr(self.settings, "blog", "")
            head.mount(PostForm(self.post.front, self.known_tags, blog=blog, classes="post-form"))

    def front_saved(self) -> None:
        """After a save, which may have rewritten the front matter (``updated``, a title
        that follows the template): the form is rebuilt only when what it shows changed.
        Rebuilding it on every save cost ~50 ms of ctrl+s with the Post row selected (its
        Inputs are slow to build) and took the cursor out of a field being typed in."""
        forms = self.query(".post-form")
        if forms and form_fields(forms.first().front) == form_fields(self.post.front):
            forms.first().front = self.post.front
        else:
            self.form_stale = True

    def build_post_head(self) -> None:
        """Build the form left for after the first paint, if the Post row is still shown."""
        self.show_post_head(self.current is self.post.blocks[0])

    blog_settled = False

    @work(thread=True, exclusive=True, group="blog", exit_on_error=False)
    def load_blog(self) -> None:
        """The blog's engine and habits (tui.effective), read off the event loop: its config
        and a few recent posts cost 100-250 ms, which the first paint does not wait for."""
        from tui.effective import resolve

        resolved = resolve(self.settings, self.path).settings
        self.app.call_from_thread(self._blog_loaded, resolved)

    def settle_blog(self) -> None:
        if not self.blog_settled:
            from tui.effective import resolve

            self._blog_loaded(resolve(self.settings, self.path).settings)

    def _blog_loaded(self, resolved) -> None:
        if self.blog_settled:
            return  # a save read it first
        self.blog_settled = True
        # In place: the app and its other screens share this Settings.
        for name, origin in resolved.origins.items():
            if origin.startswith("detected:") or self.settings.origins.get(name, "").startswith("detected:"):
                setattr(self.settings, name, getattr(resolved, name))
                self.settings.origins[name] = origin
        self.settings.blog = resolved.blog
        if self.post.options.anchor_style != self.settings.anchor_style:
            from tui.config import parse_options

            self.post.options = parse_options(self.settings)  # anchors are computed at save
        lines = self.query("#form-blog")
        if lines:
            from tui.widgets.post_form import PostForm

            PostForm.show_blog(lines.first(), resolved.blog)

    @work(thread=True, exclusive=True, group="tags", exit_on_error=False)
    def load_known_tags(self) -> None:
        from tui.digest.postdir import known_tags

        tags = known_tags(self.path.parent)
        # A Python function, not the builtin setattr: Textual inspects the callback's
        # signature, and for a builtin that compiles the tokenizer's regexes (~20 ms).
        self.app.call_from_thread(self._tags_loaded, tags)

    def _tags_loaded(self, tags: list[str]) -> None:
        self.known_tags = tags

    def apply_pending_form(self) -> None:
        """Apply what was typed in the form but not yet sent (its debounce still running)."""
        for form in self.query(".post-form"):
            for change in form.flush():
                self.on_post_form_changed(change)

    def unkept_date(self) -> str | None:
        """The form's typed date when it is not a date (see PostForm.unkept)."""
        return next((value for form in self.query(".post-form") if (value := form.unkept()) is not None), None)

    def on_post_form_changed(self, message) -> None:
        message.stop()
        change = set_list if isinstance(message.value, list) else set_key
        old_date = self.post.front.peek("date") if message.key == "date" else None
        try:
            self.post.front = change(self.post.front, message.key, message.value)
        except DigestError as err:
            self.report_error(err)
            return
        message.form.front = self.post.front
        self.update_header()
        self.structural_change()
        if message.key == "date":
            self.date_changed(old_date, str(message.value))
