"""The cyclic garbage collector, kept out of the way of start-up and of key presses.

Opening a 2,000-item post builds a few hundred thousand container objects (Textual's
modules and widgets, the post's blocks) that all live as long as the editor. CPython's
collector walked them ~190 times on the way to the first paint: 115 ms, one full pass
50 ms. So collection is paused from the command's start until the first paint; then one
pass frees the start-up's garbage and everything still alive is frozen (``gc.freeze``):
later passes skip it.

After that, widgets the preview replaces are cyclic garbage, ~3,000 objects per item
shown. Left to its thresholds, CPython ran a full pass every ~10 selections, inside
whichever key press tripped it, and freeing ~30,000 objects took 160-220 ms: the p95 of a
selection was 150-180 ms. So automatic collection stays off and ``IdleCollector`` runs
the passes when input is quiet: young ones between keys, full ones while the user reads.

Nothing here imports Textual: the command line calls ``pause`` before importing it.
"""

from __future__ import annotations

import gc

# None: the collector is not ours. "paused": off until the first paint. "manual": the
# start-up heap is frozen and the app's IdleCollector decides when passes run.
_state: str | None = None


def pause() -> None:
    """Stop automatic collection until ``settle`` (called once the editor has painted)."""
    global _state
    if gc.isenabled() and _state is None:
        gc.disable()
        _state = "paused"


def paused() -> bool:
    return _state == "paused"


def settle() -> None:
    """Free the start-up's garbage and freeze what lives on; collection stays manual."""
    global _state
    if _state != "paused":
        return
    _state = "manual"
    gc.collect()
    gc.freeze()


def thaw() -> None:
    """Let passes reach the frozen start-up heap again: the post it holds is being replaced
    (another post opened), and what of it becomes garbage must be freed."""
    if _state == "manual":
        gc.unfreeze()


def release() -> None:
    """Give the collector back as it was before ``pause`` (the editor has ended, or never
    started)."""
    global _state
    if _state is None:
        return
    if _state == "manual":
        gc.unfreeze()
    _state = None
    gc.enable()


class IdleCollector:
    """Decides which collection to run, if any, on each tick of a timer.

    - input quiet for ``rest`` seconds (the user is reading): a full pass, which frees
      the replaced widgets however old they were;
    - quiet for ``pause`` seconds (between words, between items): a young pass (generations
      0 and 1), a few milliseconds;
    - no quiet at all (a key held down): a generation-0 pass once ``backlog`` objects
      pile up, and a full one only after ``max_young`` passes went by without one, which
      bounds memory if input never stops.
    """

    def __init__(self, pause: float = 0.15, rest: float = 1.0, worth: int = 700,
                 backlog: int = 10_000, max_young: int = 100) -> None:
        self.pause = pause
        self.rest = rest
        self.worth = worth  # CPython's own generation-0 threshold
        self.backlog = backlog
        self.max_young = max_young
        self.last_input = float("-inf")
        self.passes = [0, 0, 0]  # collections run, by generation

    def touch(self, now: float) -> None:
        """Input arrived at ``now`` (a key, a paste, a click)."""
        self.last_input = now

    def due(self, now: float, count: tuple[int, int, int]) -> int | None:
        """The generation to collect given ``gc.get_count()``, or None."""
        young, young_passes, middle_passes = count
        quiet = now - self.last_input
        # Passes since the last full one (generation-0 passes count in young_passes,
        # generation-1 ones in middle_passes): what survived them is only freed by a full one.
        if young_passes + middle_passes >= self.max_young:
            return 2
        if quiet >= self.rest and (young >= self.worth or young_passes or middle_passes):
            return 2
        if quiet >= self.pause and young >= self.worth:
            return 1
        if young >= self.backlog:
            return 0
        return None

    def tick(self, now: float) -> int | None:
        """Collect if due; the generation collected, or None."""
        generation = self.due(now, gc.get_count())
        if generation is not None:
            gc.collect(generation)
            self.passes[generation] += 1
        return generation
