"""Textual's stylesheet with its parsed rules kept between runs, as .pyc files keep bytecode.

Parsing the TCSS of the app and of every widget class it shows costs ~20-25 ms of each
start (~5 % of the editor's start-up, about what the item list's first paint costs). The parse depends only
on the CSS text, where it came from, the theme's variables and Textual itself, so its
result is pickled under a key made of exactly those, in the user cache directory. A miss,
an unreadable or foreign cache file, or anything pickle cannot carry falls back to
Textual's own parse; nothing here can change what the rules say.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import platformdirs
import textual
from textual.css.stylesheet import Stylesheet

from tui.config import APP_NAME

# Bump when what is stored changes shape.
FORMAT = 1
MAX_ENTRIES = 400  # ~30 sources per theme: room for a dozen themes and sheet versions


def _textual_build() -> str:
    """Which Textual is installed, cheaply: ``textual.__version__`` reads the package
    metadata through importlib.metadata, a ~30 ms import. The package's own file changes
    with every install or upgrade."""
    found = os.stat(textual.__file__)
    return hashlib.blake2b(f"{textual.__file__}\0{found.st_mtime_ns}\0{found.st_size}".encode(),
                           digest_size=6).hexdigest()


def cache_path() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME)) / f"css-{_textual_build()}-{FORMAT}.pickle"


class CachedStylesheet(Stylesheet):
    """A Stylesheet whose ``_parse_rules`` first looks in the rules parsed by earlier runs."""

    def __init__(self, *, variables: dict[str, str] | None = None, path: Path | None = None) -> None:
        super().__init__(variables=variables)
        self._cache_path = path or cache_path()
        self._stored: dict[str, list] | None = None  # read on the first parse
        self._used: dict[str, list] = {}
        self._missed = False

    def _key(self, css: str, read_from, is_default_rules: bool, tie_breaker: int, scope: str) -> str:
        digest = hashlib.blake2b(digest_size=20)
        for part in (css, repr(read_from), repr(is_default_rules), repr(tie_breaker), scope):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        digest.update(self._variables_part())
        return digest.hexdigest()

    def _variables_part(self) -> bytes:
        # The ~150 theme variables, written out once per set of values rather than once per
        # source: repr and encode of them for each of the ~24 sources was 5 ms of the start.
        seen = self.__dict__.get("_variables_seen")
        if seen is None or seen[0] != self._variables:
            text = repr(sorted(self._variables.items()))
            seen = self._variables_seen = (dict(self._variables), text.encode("utf-8", "surrogatepass") + b"\0")
        return seen[1]

    def _load(self) -> dict[str, list]:
        if self._stored is None:
            try:
                with open(self._cache_path, "rb") as handle:
                    stored = pickle.load(handle)
                self._stored = stored if isinstance(stored, dict) else {}
            except Exception:  # noqa: BLE001 - absent, truncated or foreign: parse instead
                self._stored = {}
        return self._stored

    def _parse_rules(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        memo_key = (css, read_from, is_default_rules, tie_breaker, scope)
        if memo_key in self._parse_cache:
            return self._parse_cache[memo_key]
        key = self._key(css, read_from, is_default_rules, tie_breaker, scope)
        rules = self._load().get(key)
        if not isinstance(rules, list):
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            self._missed = True
        self._parse_cache[memo_key] = rules
        self._used[key] = rules
        return rules

    def reparse(self) -> None:
        # Textual re-parses into a fresh Stylesheet when the theme changes (a configured theme
        # does so before the first paint); this one goes through the cache too.
        fresh = self.copy()
        fresh._used = self._used
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)  # as Textual's reparse does
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False
        self._missed = self._missed or fresh._missed

    def copy(self) -> Stylesheet:
        # Textual re-reads the CSS into a copy when it reloads sheets: keep the cache.
        stylesheet = CachedStylesheet(variables=self._variables.copy(), path=self._cache_path)
        stylesheet.source = self.source.copy()
        stylesheet._stored = self._stored
        return stylesheet

    def save(self) -> None:
        """Write what this run parsed, if anything was parsed afresh (atomically; errors
        are ignored: the cache only saves time)."""
        if not self._missed:
            return
        self._missed = False
        # What earlier runs stored (another theme, a dialog opened then) stays, bounded.
        # This run's entries last, so trimming from the front drops what no recent run used.
        keep = {key: rules for key, rules in self._load().items() if key not in self._used}
        keep.update(self._used)
        keep = dict(list(keep.items())[-MAX_ENTRIES:])
        try:
            blob = pickle.dumps(keep, protocol=pickle.HIGHEST_PROTOCOL)
            self._cache_path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self._cache_path.parent, prefix=".css-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(blob)
                os.replace(temp, self._cache_path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except Exception:  # noqa: BLE001 - a read-only or full cache dir costs only speed
            pass
