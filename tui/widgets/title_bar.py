"""The screen's title line: Textual's Header in one widget with no children.

Header composes three children (icon, title, clock space), binds the icon, watches four
titles and restyles and paints each child: ~28M instructions of the editor's start-up on a
2,000-item post, 1.9 % of it (callgrind), for one line of text. This bar draws the same cells
(textual/widgets/_header.py, Textual 8.2): the icon in an 8-cell box on the left that opens
the command palette, the title and sub-title as ``App.format_title`` makes them, centred
between the icon and the 10 cells Header keeps on the right for its clock, cut with an
ellipsis when too long; a click elsewhere toggles Header's three-row "tall" title.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # HeaderIcon: width 8, padding 0 1, text at the left
CLOCK_WIDTH = 10  # HeaderClockSpace: width 10, empty without a clock


class TitleBar(Widget):
    COMPONENT_CLASSES = {"title-bar--icon-hover"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._hover_icon = False

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._retitle, init=False)
            self.watch(owner, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def title_content(self) -> Content:
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        return self.app.format_title(title, sub_title)

    def icon_cells(self) -> int:
        # Header docks its clock space to the right after the icon to the left: on a screen
        # narrower than both it covers the icon's end (and all of it below 11 columns).
        return max(0, min(ICON_WIDTH, self.size.width - CLOCK_WIDTH))

    def render(self) -> Content:
        width, cells = self.size.width, self.icon_cells()
        box = Style(background=self.styles.background + self.get_component_styles(
            "title-bar--icon-hover").background) if self._hover_icon else None

        def icon_box(text: str) -> Content:
            # Over the bar's own background, as HeaderIcon's translucent hover sits on Header.
            content = Content(text.ljust(ICON_WIDTH)[:cells])
            return content.stylize(box) if box is not None else content

        room = width - ICON_WIDTH - CLOCK_WIDTH
        if room <= 0:
            title_part = Content(" " * (width - cells))
        else:
            title = self.title_content()
            if "\t" in title.plain:
                title = title.expand_tabs()  # as HeaderTitle, a widget of its own, expands them
            title = title.truncate(room, ellipsis=True)
            left = (room - title.cell_length) // 2  # content-align: center, as HeaderTitle
            right = room - title.cell_length - left + CLOCK_WIDTH
            title_part = Content.assemble(" " * left, title, " " * right)
        if self.size.height < 3:
            return Content.assemble(icon_box(f" {ICON}"), title_part)
        # Tall, as Header draws it: the title keeps the top row, the icon sits in the middle
        # of its three-row box.
        blank = " " * (width - cells)
        return Content("\n").join([Content.assemble(icon_box(""), title_part),
                                   Content.assemble(icon_box(f" {ICON}"), blank),
                                   Content.assemble(icon_box(""), blank)])

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        if event.x < self.icon_cells() and self.app.ENABLE_COMMAND_PALETTE:
            await self.run_action("app.command_palette")
        else:
            self.toggle_class("-tall")  # Header's click: a three-row title, and back

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(event.x < self.icon_cells())

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(False)

    def _set_hover(self, over_icon: bool) -> None:
        over_icon = over_icon and self.app.ENABLE_COMMAND_PALETTE
        if over_icon != self._hover_icon:
            self._hover_icon = over_icon
            self.tooltip = "Open the command palette" if over_icon else None
            self.refresh()
