"""A screen compositor whose partial updates draw only what the terminal will be sent.

Textual's ``Compositor.render_partial_update`` (8.2) takes the bounding box of the dirty
regions, asks every widget whose clip touches that box for all of its lines, and cuts every
one of those lines that lies on a dirty row, front to back, although only the chops inside
the dirty spans are written out. Selecting the next item dirties the editor (~38 rows) and
two list rows; the box then touches every widget on screen, so the preview, the key bar and
four containers were rendered and cut on every row for nothing, and the list re-rendered all
its rows for the two that changed: 3-5 of the ~10 ms a selection spent drawing.

Here each row keeps the set of chops a dirty span shows; a widget is asked only for the rows
where it still has such a chop to fill (front to back, so one covered by a widget in front
is never asked for), and only those chops are filled. What reaches the terminal is what
Textual would send, chop for chop (tests/ui/test_span_compositor.py replays a session through
both).

A full update (the first paint, a resize, a layout change) is the same walk with every row
wanted whole: a container whose children cover it is never rendered or cut (Textual renders
and cuts the screen, #main, #right and #edit-pane, ~150 rows, under the widgets that hide
them: ~5 ms of the first paint).
"""

from __future__ import annotations

from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip


class SpanCompositor(Compositor):
    def render_partial_update(self) -> ChopsUpdate | None:
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        spans = list(self._regions_to_spans(update_regions))
        cuts = self.cuts
        return ChopsUpdate(self._render_span_chops(spans), spans, [cut_set[1:] for cut_set in cuts])

    def render_full_update(self, simplify: bool = False) -> LayoutUpdate:
        if simplify:  # SVG export: Textual's own
            return super().render_full_update(simplify=True)
        screen_region = self.size.region
        self._dirty_regions.clear()
        width = screen_region.width
        chops = self._render_span_chops([(y, 0, width) for y in range(screen_region.height)])
        if any(None in chop.values() for chop in chops):  # a cell no widget covers: not in an editor screen
            return super().render_full_update()
        return LayoutUpdate([chop.values() for chop in chops], screen_region)

    def _render_span_chops(self, spans: list[tuple[int, int, int]]) -> list[dict[int, Strip | None]]:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]

        # Per row, the chops (by their first cell) that some span on that row shows. Rows
        # leave this map once every such chop is filled.
        wanted: dict[int, set[int]] = {}
        height = len(cuts)
        for y, x1, x2 in spans:
            if not 0 <= y < height:
                continue
            row_cuts = cuts[y]
            shown = wanted.setdefault(y, set())
            shown.update(cut for cut, end in zip(row_cuts, row_cuts[1:]) if cut < x2 and end > x1)
            if not shown:
                del wanted[y]

        intersection = Region.intersection
        for widget, (region, clip) in self.visible_widgets.items():
            if not wanted:
                break
            render_x, render_y, width, rows_high = intersection(region, clip)
            if not (width and rows_high):
                continue
            first_cut, last_cut = render_x, render_x + width
            rows = [
                y
                for y in range(render_y, render_y + rows_high)
                if (shown := wanted.get(y)) and any(first_cut <= cut < last_cut for cut in shown)
            ]
            if not rows:
                continue
            top = rows[0]
            strips = widget.render_lines(Region(render_x - region.x, top - region.y, width, rows[-1] + 1 - top))
            for y in rows:
                if y - top >= len(strips):
                    break  # a widget that drew fewer lines than asked leaves the rest to those behind
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                pieces = strips[y - top].divide([cut - render_x for cut in final_cuts[1:]])
                shown = wanted[y]
                chops_line = chops[y]
                for cut, piece in zip(final_cuts, pieces):
                    if cut in shown:
                        chops_line[cut] = piece
                        shown.discard(cut)
                if not shown:
                    del wanted[y]
        return chops


def install(screen) -> None:
    """Give ``screen`` a SpanCompositor; called from the screen's __init__, before any layout."""
    screen._compositor = SpanCompositor()  # noqa: SLF001 - Screen builds its own, with no hook
