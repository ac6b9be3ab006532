"""Parsed stylesheets kept between runs: a second start parses no TCSS, and paints the
same; a broken or unwritable cache only costs the parse."""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet

from tui.css_cache import CachedStylesheet, cache_path

from .conftest import make_app


def count_parses(monkeypatch) -> list[str]:
    parsed: list[str] = []
    real = Stylesheet._parse_rules

    def spy(self, css, read_from, *args, **kwargs):
        parsed.append(str(read_from))
        return real(self, css, read_from, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "_parse_rules", spy)
    return parsed


async def paint(path) -> tuple[str, list[str]]:
    app = make_app(path)
    assert isinstance(app.stylesheet, CachedStylesheet)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        lines = [strip.text for strip in app.screen._compositor.render_strips()]  # noqa: SLF001
    app.stylesheet.save()  # as run_editor does when the app ends
    rules = [(rule.selectors, sorted(map(str, rule.styles.get_rules().items()))) for rule in app.stylesheet.rules]
    return str(rules), lines


async def test_a_second_start_parses_no_css_and_paints_the_same(ko_post, monkeypatch):
    parsed = count_parses(monkeypatch)
    first_css, first_screen = await paint(ko_post)
    assert any("editor.tcss" in where for where in parsed) and cache_path().is_file()
    parsed.clear()
    second_css, second_screen = await paint(ko_post)
    assert parsed == []
    assert second_css == first_css and second_screen == first_screen


async def test_another_theme_is_parsed_once_then_kept(ko_post, monkeypatch):
    parsed = count_parses(monkeypatch)
    await paint(ko_post)
    for expect_parse in (True, False):
        parsed.clear()
        app = make_app(ko_post, theme="nord")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.theme == "nord"
        app.stylesheet.save()  # as run_editor does when the app ends
        assert bool(parsed) == expect_parse


async def test_a_broken_cache_file_is_parsed_around_and_replaced(ko_post, monkeypatch):
    await paint(ko_post)
    cache_path().write_bytes(b"not a pickle")
    parsed = count_parses(monkeypatch)
    css, screen = await paint(ko_post)
    assert parsed and "Weekly ML/DL News" in "\n".join(screen)
    parsed.clear()
    await paint(ko_post)
    assert parsed == []  # the first run wrote a good one back


async def test_an_unwritable_cache_dir_costs_only_the_parse(ko_post, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the cache directory would go", encoding="utf-8")
    monkeypatch.setattr("tui.css_cache.cache_path", lambda: blocked / "css.pickle")
    css, screen = await paint(ko_post)
    assert "Weekly ML/DL News" in "\n".join(screen)


def test_a_source_parsed_under_new_variables_is_not_taken_from_the_old_ones(tmp_path):
    # Textual sets new variables on the same stylesheet when the theme changes; a sheet
    # parsed after that (a dialog's) must be looked up under the new values.
    sheet = CachedStylesheet(variables={"primary": "#112233"}, path=tmp_path / "css.pickle")
    before = sheet._key("Label { color: $primary; }", ("x.tcss", ""), False, 0, "")  # noqa: SLF001
    sheet.set_variables({"primary": "#445566"})
    after = sheet._key("Label { color: $primary; }", ("x.tcss", ""), False, 0, "")  # noqa: SLF001
    assert before != after
    sheet.set_variables({"primary": "#112233"})
    assert sheet._key("Label { color: $primary; }", ("x.tcss", ""), False, 0, "") == before  # noqa: SLF001
