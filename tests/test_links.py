import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.digest.links import (
    DEFAULT_TRACKING,
    domain,
    links_in,
    normalize_url,
    provisional_title,
    reference_link,
    reference_link_line,
    tidy_url,
    urls_in_paste,
)

# --- pastes -------------------------------------------------------------------------


@pytest.mark.parametrize("paste, expected", [
    ("https://a.example/x", ["https://a.example/x"]),
    ("https://a.example/x\rhttps://b.example/y?q=1\r", ["https://a.example/x", "https://b.example/y?q=1"]),
    ("https://a.example/x\r\nhttp://b.example\n", ["https://a.example/x", "http://b.example"]),
    ("  https://a.example/x   https://b.example  ", ["https://a.example/x", "https://b.example"]),
    ("<https://a.example/x>", ["https://a.example/x"]),
    ("이 글 좋네요 https://a.example/x", ["https://a.example/x"]),
    ("오늘 본 글: https://a.example/x, 그리고 <https://b.example/y>.", ["https://a.example/x", "https://b.example/y"]),
    ("[참고링크](https://a.example/x) and [Wiki](https://en.example.org/w/A_(b))",
     ["https://a.example/x", "https://en.example.org/w/A_(b)"]),
    ("(see https://a.example/x)", ["https://a.example/x"]),
    ("https://a.example/x https://a.example/x", ["https://a.example/x", "https://a.example/x"]),
    ("ftp://files.example/x", []),
    ("https://", []),
    ("just some words", []),
    ("", []),
    ("\r\n", []),
])
def test_urls_in_paste(paste, expected):
    assert urls_in_paste(paste) == expected


# --- tidy and normalise ---------------------------------------------------------------


@pytest.mark.parametrize("url, expected", [
    ("https://www.kaggle.example/event?utm_medium=email&utm_source=news&utm_campaign=w1",
     "https://www.kaggle.example/event"),
    ("https://x.example/p?b=2&fbclid=abc&a=1#Part-2", "https://x.example/p?b=2&a=1#Part-2"),
    ("https://youtu.be/abcd?si=XyZ", "https://youtu.be/abcd"),
    ("https://x.example/p?UTM_Source=x&keep=1", "https://x.example/p?keep=1"),
    ("https://X.example/Path?z=1&a=2#Frag", "https://X.example/Path?z=1&a=2#Frag"),
    ("https://x.example/p#utm_source=x", "https://x.example/p#utm_source=x"),
    ("https://x.example/p?gclid=1#top", "https://x.example/p#top"),
    ("https://x.example/p?single=", "https://x.example/p?single="),
])
def test_tidy_url(url, expected):
    assert tidy_url(url) == expected


def test_tidy_url_with_custom_patterns():
    assert tidy_url("https://x.example/?ref=feed&id=3", tracking=("ref",)) == "https://x.example/?id=3"


@pytest.mark.parametrize("a, b", [
    ("http://www.example.com/a/?utm_source=x", "https://example.com/a"),
    ("https://EXAMPLE.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com/a#section", "https://example.com/a"),
    ("https://example.com/", "http://example.com"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("https://ko.wikipedia.org/wiki/%ED%95%9C%EA%B8%80", "https://ko.wikipedia.org/wiki/한글"),
    ("https://example.com/%7euser", "https://example.com/~user"),
])
def test_normalize_url_equal(a, b):
    assert normalize_url(a) == normalize_url(b)


@pytest.mark.parametrize("a, b", [
    ("https://example.com/A", "https://example.com/a"),  # paths are case-sensitive
    ("https://example.com/a?x=1", "https://example.com/a?x=2"),
    ("https://blog.example.com/a", "https://example.com/a"),
    ("https://example.com:8080/a", "https://example.com/a"),
])
def test_normalize_url_different(a, b):
    assert normalize_url(a) != normalize_url(b)


_key = st.text("abcdefghijklmnopqrstuvwxyz_ABCXYZ", min_size=1, max_size=8)
_value = st.text("abcXYZ0123456789-._~%+", max_size=8)
_param = st.tuples(st.one_of(_key, st.sampled_from(
    ["utm_source", "utm_campaign", "fbclid", "gclid", "si", "mc_cid", "igshid", "ref_src"])), _value)


@st.composite
def urls(draw):
    scheme = draw(st.sampled_from(["http", "https", "HTTPS"]))
    host = draw(st.sampled_from(["example.com", "www.Example.com", "news.example.org", "127.0.0.1:8080"]))
    path = "/".join(draw(st.lists(st.text("abcXYZ019-_.~한글", max_size=6), max_size=3)))
    params = draw(st.lists(_param, max_size=5))
    query = "&".join(f"{k}={v}" if v else k for k, v in params)
    fragment = draw(st.one_of(st.just(""), st.text("abc-?=&/", max_size=6).map(lambda f: "#" + f)))
    trailing = draw(st.sampled_from(["", "/"]))
    return f"{scheme}://{host}/{path}{trailing}" + (f"?{query}" if draw(st.booleans()) else "") + fragment


@settings(max_examples=300, deadline=None)
@given(urls())
def test_tidy_url_is_idempotent_and_keeps_normal_form(url):
    once = tidy_url(url)
    assert tidy_url(once) == once
    assert normalize_url(once) == normalize_url(url)


@settings(max_examples=300, deadline=None)
@given(urls())
def test_tidy_url_never_changes_a_url_without_tracking(url):
    from fnmatch import fnmatchcase

    query = url.split("#", 1)[0].partition("?")[2]
    keys = [p.split("=", 1)[0].lower() for p in query.split("&")]
    if any(fnmatchcase(k, pat) for k in keys for pat in DEFAULT_TRACKING):
        return
    assert tidy_url(url) == url


# --- titles, domains, lines ----------------------------------------------------------


@pytest.mark.parametrize("url, title", [
    ("https://eng.example.com/posts/how-we-scaled-bert", "How we scaled bert"),
    ("https://medium.example/@someone/how-we-scaled-bert-3f9a2c1b7e4d", "How we scaled bert"),
    ("https://lab.example.org/blog/image-gpt/", "Image gpt"),
    ("https://docs.example.io/transformers/notebooks.html", "Notebooks"),
    ("https://site.example/BERT_on_CPU", "BERT on CPU"),
    ("https://ko.wikipedia.org/wiki/%EB%94%A5%EB%9F%AC%EB%8B%9D", "딥러닝"),
    ("https://papers.example.org/abs/2005.14165", "papers.example.org"),
    ("https://www.video.example/watch?v=dQw4w9WgXcQ", "video.example"),
    ("https://www.example.com/", "example.com"),
    ("https://www.example.com/articles/123456", "example.com"),
])
def test_provisional_title(url, title):
    assert provisional_title(url) == title


def test_domain():
    assert domain("https://www.Kaggle.com/event?x=1") == "kaggle.com"
    assert domain("http://127.0.0.1:8000/x") == "127.0.0.1"
    assert domain("https://blog.example.org") == "blog.example.org"


def test_reference_link_line():
    assert reference_link_line("https://a.example/x") == "[참고링크](https://a.example/x)"
    assert reference_link_line("https://a.example/x", "Source") == "[Source](https://a.example/x)"
    line = reference_link_line("https://a.example/a b_(c")
    assert links_in(line) == ["https://a.example/a%20b_%28c"]


# --- links in Markdown ----------------------------------------------------------------

ITEM = """### 이번 주의 도구

[참고링크](https://tools.example.com/launch?utm_source=feed)

새로 나온 [라이브러리](https://lib.example.org/docs "docs")를 써 봤는데 <https://auto.example.net/x>
와 https://bare.example.com/page 도 같이 보면 좋다. 원문은 https://kr.example.com/post에서 읽을 수 있다.

![그림](https://img.example.com/a.png) 은 링크가 아니다. [![thumb](/t.png)](https://wrapped.example.com)

> 인용 속 [링크](https://quoted.example.com)

- 목록 속 [Link](https://listed.example.com/a?x=1&amp;y=2)

`https://inline-code.example.com`

```
https://fenced.example.com
[참고링크](https://fenced-ref.example.com)
```

~~~python
url = "https://tilde-fenced.example.com"
~~~

<!-- https://comment.example.com [참고링크](https://commented.example.com) -->

끝에 <!-- https://inline-comment.example.com --> 주석.

| 이름 | 주소 |
|---|---|
| 표 | [표 링크](https://table.example.com) |

[위키](https://ko.wikipedia.org/wiki/한글)
"""


def test_links_in_finds_real_links_only():
    assert links_in(ITEM) == [
        "https://tools.example.com/launch?utm_source=feed",
        "https://lib.example.org/docs",
        "https://auto.example.net/x",
        "https://bare.example.com/page",
        "https://kr.example.com/post",
        "https://wrapped.example.com",
        "https://quoted.example.com",
        "https://listed.example.com/a?x=1&y=2",
        "https://table.example.com",
        "https://ko.wikipedia.org/wiki/한글",
    ]


def test_links_in_keeps_relative_links_as_written():
    assert links_in("아마 이 [사이트](arxiv-sanity.example.com)는 본 적이 있을 것") == ["arxiv-sanity.example.com"]


def test_reference_link():
    assert reference_link(ITEM) == "https://tools.example.com/launch?utm_source=feed"
    text = "Inline [a write-up](https://a.example/post) first.\n\n[Source](https://b.example/src)\n"
    assert reference_link(text) == "https://b.example/src"
    assert reference_link("[참고자료](https://c.example)\n[참고링크](https://d.example)") == "https://c.example"
    assert reference_link("```\n[참고링크](https://e.example)\n```\n") is None
    assert reference_link("no links here") is None
    assert reference_link("[출처](https://f.example)", labels=("출처",)) == "https://f.example"


# --- links_in's shortcuts agree with a plain mistune parse ---------------------------

_PIECES = [
    "[a](http://x.com/한)", "[참고링크](https://a.com/x?utm_source=d&b=1)", "[https://a.com/x](https://a.com/x)",
    "[https://a.com/x에서](https://a.com/x)", "[a.com/x에서](a.com/x에서)", "![fig](/img/a.png)", "[ a ](b)  ", "[a](b)",
    "[a](b) [c](d)", "[^1](http://x)", "[a](<b>)", "[a](b 'c')", "[a]()", "[a](b)c", "[a!](b)", "[a&amp;b](http://e/&amp;x)",
    "plain words", "한국어 문장이다.", "> quote", "> [q](http://q.com)", ">> deep", "> ```", "# heading", "## [h](http://h.com)",
    "#nohash", "foo *bar", "baz* qux", "_em", "ph_", "~~a", "b~~", "words\\", "words  ", "", "", " ", "a & b", "x (paren", "y) z",
    "'quote", 'say "hi"', "12 items", "3.5 version", "1. item", "1) x", "- item", "  indented", "    code", "\tcode", "```", "~~~",
    "[b]: http://ref.com", "[b]", "[^1]", "[^1]: note [n](http://n.com)", "<http://auto.com>", "<span", 'title="[t](http://t)">',
    "<!-- c", "-->", "https://bare.com/a에서", "HTTP://X.COM/y", "===", "---", "***", "| a | b |", "|---|---|", "[x](", "y)",
    "`code", "span`", "[multi", "line](http://m.com)", "\x0cff", "\u3000wide",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=10), st.sampled_from(["\n", "\r\n", "\r"]),
       st.sampled_from(["", "\n"]))
def test_links_in_matches_a_plain_mistune_parse(lines, eol, tail):
    import mistune

    from tui.digest import links

    # links_in skips mistune for texts with no link hint and for plain items whose links are
    # whole lines, and skips the inline pass of hint-free paragraphs: none may change a result.
    plain = mistune.create_markdown(renderer=None, plugins=["url", "strikethrough", "table", "footnotes"])
    text = eol.join(lines) + tail.replace("\n", eol)
    expected = [links._link_url(node) for node in links._walk_links(plain(text))]
    assert links_in(text) == expected
