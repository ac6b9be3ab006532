"""tui/ keeps to Textual's and Rich's public API: a private import or an override of a
private Textual method anywhere in tui/ fails here unless tui/textual_compat.py lists it
(with why, its gain and the upstream issue). So the app keeps working across the Textual
8 line, and a new reach into the internals is a decision someone writes down."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import sys
from pathlib import Path

import pytest

from tui.textual_compat import PRIVATE_USES

ROOT = Path(__file__).resolve().parents[1]
LIBRARIES = ("textual", "rich")


def _private(dotted: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in dotted.split("."))


def private_imports(source: str) -> list[tuple[int, str]]:
    """(line, name) of every private Textual/Rich module or name imported by ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in LIBRARIES and _private(alias.name):
                    found.append((node.lineno, alias.name))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in LIBRARIES:
            if _private(node.module):
                found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names if _private(a.name)]
    return found


def private_overrides(source: str, module) -> list[tuple[int, str]]:
    """(line, Class._method) of every method of ``module``'s classes named ``_something``
    that a Textual or Rich base class also defines."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(module, node.name, None)
        if not inspect.isclass(cls):
            continue
        bases = [base for base in cls.__mro__[1:] if base.__module__.split(".")[0] in LIBRARIES]
        for item in node.body:
            if (
                isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                and item.name.startswith("_")
                and not item.name.endswith("__")
                and any(item.name in vars(base) for base in bases)
            ):
                found.append((item.lineno, f"{node.name}.{item.name}"))
    return found


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def findings() -> list[tuple[str, str, int]]:
    out = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        relative = path.relative_to(ROOT).as_posix()
        for line, name in private_imports(source):
            out.append((relative, name, line))
        if "textual" in source or "rich" in source:
            module = importlib.import_module(module_name(path))
            for line, name in private_overrides(source, module):
                out.append((relative, name, line))
    return out


def test_no_private_textual_or_rich_use_outside_the_compat_list():
    listed = {(use.path, use.name) for use in PRIVATE_USES}
    unlisted = [f"{path}:{line}: {name}" for path, name, line in findings() if (path, name) not in listed]
    assert not unlisted, (
        "private Textual/Rich API used outside tui/textual_compat.py (find the public way, "
        "or list it there with why, its gain at 200 items and the upstream issue):\n" + "\n".join(unlisted)
    )


def test_the_compat_list_is_short_and_complete():
    assert len(PRIVATE_USES) <= 3
    for use in PRIVATE_USES:
        assert use.why and use.gain_at_200_items and use.upstream, use
    # An entry nobody uses any more is stale: drop it with the code.
    used = {(path, name) for path, name, _ in findings()}
    assert [use for use in PRIVATE_USES if (use.path, use.name) not in used] == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from textual._compositor import Compositor\n", ["textual._compositor"]),
        ("import rich._loop\n", ["rich._loop"]),
        ("from textual.document._document import _utf8_encode\n",
         ["textual.document._document", "textual.document._document._utf8_encode"]),
        ("from textual.widgets import _text_area\n", ["textual.widgets._text_area"]),
        ("from textual.widgets import TextArea\nfrom tui._x import y\n", []),
    ],
)
def test_private_imports_are_caught(source, expected):
    assert [name for _, name in private_imports(source)] == expected


def test_private_overrides_are_caught(tmp_path):
    source = (
        "from textual.widgets import OptionList\n"
        "class Rows(OptionList):\n"
        "    def _get_option_render(self, option, style):\n"
        "        return []\n"
        "    def _own_helper(self):\n"
        "        return 1\n"
        "    def render_line(self, y):\n"
        "        return None\n"
    )
    path = tmp_path / "rows_under_test.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("rows_under_test", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["rows_under_test"] = module
    try:
        spec.loader.exec_module(module)
        assert private_overrides(source, module) == [(3, "Rows._get_option_render")]
    finally:
        del sys.modules["rows_under_test"]
