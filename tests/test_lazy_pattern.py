"""Patterns compiled on first use behave as compiled patterns, and compile once."""

from __future__ import annotations

import re

import pytest

from tui.digest.lazy_pattern import LazyPattern, lazy


def test_a_lazy_pattern_answers_as_the_compiled_one():
    source, flags = r"(?P<word>[a-z]+)-(\d+)", re.IGNORECASE
    eager, late = re.compile(source, flags), lazy(source, flags)
    text = "Alpha-1 beta-22 x"
    assert late.match(text).groups() == eager.match(text).groups()
    assert late.search(text, 3).span() == eager.search(text, 3).span()
    assert late.fullmatch("a-1").group("word") == "a"
    assert [m.span() for m in late.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert late.findall(text) == eager.findall(text)
    assert late.sub(r"\2", text) == eager.sub(r"\2", text)
    assert late.subn("", text) == eager.subn("", text)
    assert late.split(text) == eager.split(text)
    assert (late.pattern, late.flags, late.groups, late.groupindex) == (
        eager.pattern, eager.flags, eager.groups, eager.groupindex)


def test_it_compiles_on_first_use_and_only_then(monkeypatch):
    compiled: list[str] = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda source, flags=0: compiled.append(source) or real(source, flags))
    pattern = LazyPattern(r"a+")
    assert compiled == []
    assert pattern.match("aa").end() == 2
    assert pattern.search("baa").start() == 1
    assert compiled == ["a+"]


def test_a_name_no_pattern_has_raises_as_on_a_pattern():
    with pytest.raises(AttributeError):
        lazy("x").no_such_method  # noqa: B018


def test_copies_and_pickles_compiled_or_not():
    import copy
    import pickle

    for used in (False, True):
        pattern = lazy(r"(b+)", re.IGNORECASE)
        if used:
            pattern.search("abc")
        for twin in (copy.copy(pattern), copy.deepcopy(pattern), pickle.loads(pickle.dumps(pattern))):
            assert twin.search("aBBc").group(1) == "BB"
