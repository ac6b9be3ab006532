"""Anchors must equal what the blog's renderer writes, or the TOC links break silently."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.digest.anchors import STYLES, Slugger, heading_text, slugify, toc_label

# FORMAT.md's vectors, produced by github-slugger 2.0.0, hexo-renderer-marked 7.0.1, kramdown 2.4.0.
VECTORS = [
    ("Andrej Karpathy", "andrej-karpathy", "Andrej-Karpathy", "andrej-karpathy"),
    ("CVPR20 Pytorch vs Tensorflow", "cvpr20-pytorch-vs-tensorflow", "CVPR20-Pytorch-vs-Tensorflow",
     "cvpr20-pytorch-vs-tensorflow"),
    ("목차", "목차", "목차", "section"),
    ("GPT-3 논문 리뷰", "gpt-3-논문-리뷰", "GPT-3-논문-리뷰", "gpt-3--"),
    ("딥러닝(Deep Learning) 입문", "딥러닝deep-learning-입문", "딥러닝-Deep-Learning-입문", "deep-learning-"),
    ("Q&A: 질문과 답변", "qa-질문과-답변", "Q-A-질문과-답변", "qa--"),
    ("C++", "c", "C", "c"),
    ("Node.js", "nodejs", "Node-js", "nodejs"),
    ("What's new?", "whats-new", "What\u2019s-new", "whats-new"),
    ("A/B testing", "ab-testing", "A-B-testing", "ab-testing"),
    ("🚀 Launch", "-launch", "🚀-Launch", "launch"),
    ("Hello 👋 World", "hello--world", "Hello-👋-World", "hello--world"),
    ("Multiple   inner   spaces", "multiple---inner---spaces", "Multiple-inner-spaces", "multiple---inner---spaces"),
    ("Use `pip install` now", "use-pip-install-now", "Use-pip-install-now", "use-pip-install-now"),
    ("[Link text](https://example.com/a_b) in heading", "link-text-in-heading", "Link-text-in-heading",
     "link-texthttpsexamplecomab-in-heading"),
    ("Résumé naïve", "résumé-naïve", "Resume-naive", "rsum-nave"),
    ("snake_case_name", "snake_case_name", "snake-case-name", "snakecasename"),
    ("ＡＩ 뉴스 (전각)", "ａｉ-뉴스-전각", "AI-뉴스-전각", "section"),
]
CASES = [(h, style, exp) for h, g, x, k in VECTORS
         for style, exp in (("github", g), ("hexo", x), ("hexo-lower", x.lower()), ("kramdown", k))]


@pytest.mark.parametrize(("heading", "style", "expected"), CASES)
def test_vector_slugger(heading, style, expected):
    assert Slugger(style).slug(heading) == expected


@pytest.mark.parametrize(("heading", "style", "expected"), CASES)
def test_vector_slugify(heading, style, expected):
    assert slugify(heading_text(heading), style, raw=heading) == expected


@pytest.mark.parametrize(("style", "expected"), [
    ("github", ["news", "news-1", "news-2", "news-1-1"]),
    ("hexo", ["News", "News-1", "News-2", "News-1"]),
    ("hexo-lower", ["news", "news-1", "news-2", "news-1"]),
    ("kramdown", ["news", "news-1", "news-2", "news-1"]),
])
def test_duplicates_numbered_across_page(style, expected):
    slugger = Slugger(style)
    assert [slugger.slug(h) for h in ("News", "News", "News", "News-1")] == expected


def test_kramdown_empty_headings_number_their_section():
    slugger = Slugger("kramdown")
    assert [slugger.slug(h) for h in ("목차", "ＡＩ 뉴스 (전각)", "🚀")] == ["section", "section-1", "section-2"]


def test_hexo_inherited_property_names_get_nan_like_hexo():
    slugger = Slugger("hexo")
    assert [slugger.slug("toString") for _ in range(3)] == ["toString-NaN", "toString", "toString-1"]


def test_hangul_survives_every_unicode_style():
    assert [Slugger(style).slug("목차") for style in ("github", "hexo", "hexo-lower")] == ["목차"] * 3


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("heading", ["목차", "GPT-3 논문 리뷰", "Résumé naïve", "딥러닝(Deep Learning) 입문"])
def test_nfd_input_slugs_like_nfc(style, heading):
    decomposed = unicodedata.normalize("NFD", heading)
    assert decomposed != heading or heading.isascii()
    assert Slugger(style).slug(decomposed) == Slugger(style).slug(heading)
    assert heading_text(decomposed) == heading


@pytest.mark.parametrize(("heading", "text", "github", "hexo", "kramdown"), [
    ("A &amp; B", "A & B", "a--b", "A-B", "a-amp-b"),
    ("<b>x</b> y", "x y", "x-y", "x-y", "bxb-y"),
    ("![logo](/img/a.png) Title", "Title", "title", "Title", "logoimgapng-title"),
    ("**Bold** _em_ `code`", "Bold em code", "bold-em-code", "Bold-em-code", "bold-em-code"),
    ("1. Intro", "1. Intro", "1-intro", "1-Intro", "intro"),
    ("- dash", "- dash", "--dash", "dash", "dash"),
    ("> quote", "> quote", "-quote", "quote", "quote"),
    ("Caf&eacute; \\&amp;", "Café &amp;", "café-amp", "Caf-eacute-amp", "cafeacute-amp"),
    ("x&copy2020", "x&copy2020", "xcopy2020", "x-copy2020", "xcopy2020"),
    ("1~3 and 5~7", "13 and 57", "13-and-57", "13-and-57", "and-57"),
    ("Don't -- stop...", "Don't -- stop...", "dont----stop", "Don’t-–-stop…", "dont----stop"),
    ("a <!-- note --> b", "a  b", "a--b", "a-b", "a----note----b"),
])
def test_markup_entities_and_html(heading, text, github, hexo, kramdown):
    assert heading_text(heading) == text
    assert [Slugger(s).slug(heading) for s in ("github", "hexo", "kramdown")] == [github, hexo, kramdown]


def test_setext_heading_keeps_its_line_break():
    assert heading_text("Foo\nbar *baz*") == "Foo\nbar baz"
    assert heading_text("Foo\r\nbar") == "Foo\nbar"
    assert Slugger("github").slug("Foo\nbar") == "foobar"
    assert Slugger("hexo").slug("Foo\nbar") == "Foobar"  # hexo's `breaks: true` makes it a <br>


def test_unknown_style_names_the_allowed_ones():
    with pytest.raises(ValueError, match="github, jekyll, kramdown, hugo, .*, vitepress"):
        Slugger("gitlab")
    with pytest.raises(ValueError, match="kramdown"):
        slugify("x", "gitlab-ce")


@pytest.mark.parametrize(("heading", "label"), [
    ("Andrej Karpathy", "Andrej Karpathy"),
    ("[Link text](https://example.com/a_b) in heading", "Link text in heading"),
    ("**Bold** [*GPT-3*](http://x \"t\") `a[0]`", "**Bold** *GPT-3* `a[0]`"),
    ("Arrays [0] and [1]", "Arrays \\[0\\] and \\[1\\]"),
    ("Already \\[escaped\\]", "Already \\[escaped\\]"),
    ("![logo](/a.png) Launch <b>now</b>", "Launch now"),
    ("Foo\nbar", "Foo bar"),
    ("Foo  \n  bar\\\nbaz", "Foo bar baz"),
    ("[outer ![img](i.png) text](u)", "outer  text"),
    ("<https://example.com> site", "https://example.com site"),
    ("[not a link] (x)", "\\[not a link\\] (x)"),
    ("  목차  ", "목차"),
])
def test_toc_label(heading, label):
    assert toc_label(heading) == label


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_slugify_never_raises(text):
    for style in STYLES:
        assert isinstance(slugify(text, style), str)
        assert isinstance(Slugger(style).slug(text), str)
    assert isinstance(toc_label(text), str)
    assert not any(ch.isspace() for ch in slugify(heading_text(text), "github"))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["News", "News-1", "News-1-1", "news 1", "", "-", "a", "A", "a-1", "🚀"]),
                max_size=30))
def test_github_anchors_unique_on_a_page(headings):
    slugger = Slugger("github")
    anchors = [slugger.slug(h) for h in headings]
    assert len(set(anchors)) == len(anchors)


def test_ten_thousand_headings_finish():
    slugger = Slugger("github")
    headings = [f"Item {i} 뉴스 **bold** [link](http://x/{i})" if i % 10 == 0 else f"Item {i} 뉴스"
                for i in range(10_000)]
    anchors = [slugger.slug(h) for h in headings]
    assert len(set(anchors)) == 10_000
