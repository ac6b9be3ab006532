"""The display and intake boundaries: what a hostile title or heading turns into."""

from hypothesis import given, strategies as st

from tui.digest.safe_text import cleaned, find_controls, shown, strip_controls


def test_escape_sequences_are_shown_not_sent():
    assert shown("a\x1b]0;pwned\x07b") == "a␛]0;pwned␇b"
    assert shown("\x1b[2J\x1b[31mred") == "␛[2J␛[31mred"
    assert shown("del\x7f c1\x9b bidi\u202e") == "del␡ c1<U+009B> bidi<U+202E>"


def test_layout_kept_or_flattened():
    assert shown("a\tb\nc") == "a\tb\nc"
    assert shown("a\tb\nc", keep_layout=False) == "a␉b␊c"


@given(st.text())
def test_shown_never_leaves_a_control(text):
    out = shown(text, keep_layout=False)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in out)
    assert not any("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" for c in out)


def test_cleaned_title():
    assert cleaned("  Rust\x1b[31m 2.0\x00 릴리스\u202e \n\t 노트 ") == "Rust[31m 2.0 릴리스 노트"
    assert cleaned("zero\u200bwidth\ufeff") == "zerowidth"
    # ZWJ inside an emoji sequence stays; a stray one goes.
    assert cleaned("👩\u200d💻 coder \u200d") == "👩\u200d💻 coder"
    # decomposed Hangul (macOS) is composed
    assert cleaned("\u1112\u1161\u11ab") == "한"


def test_cleaned_caps_length_at_a_word():
    out = cleaned("word " * 100, limit=50)
    assert len(out) <= 50 and out.endswith("…") and "wor…" not in out


@given(st.text())
def test_cleaned_is_clean_and_stable(text):
    out = cleaned(text)
    assert shown(out, keep_layout=False) == out
    assert cleaned(out) == out


def test_find_and_strip_controls_keep_line_endings():
    text = "ok\r\nbad\x1b[2J\r\nbi\u202edi\n"
    assert [(l, c, k) for l, c, _, k in find_controls(text)] == [
        (2, 4, "C0 control"), (3, 3, "bidi control")]
    assert strip_controls(text) == "ok\r\nbad[2J\r\nbidi\n"


def test_shown_stream_keeps_crlf_and_shows_the_rest():
    import io

    from tui.digest.safe_text import ShownStream

    sink = io.StringIO()
    stream = ShownStream(sink)
    stream.write("a\x1b[2J\r\n")
    stream.writelines(["lone\rcr\n", "bidi\u202e\n"])
    assert sink.getvalue() == "a␛[2J\r\nlone␍cr\nbidi<U+202E>\n"
