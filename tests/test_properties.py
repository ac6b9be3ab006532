"""Hypothesis: generated posts round-trip byte for byte, regeneration is idempotent, and
arbitrary text never raises anything but DigestError (issue 5's fuzzing bullet)."""

from hypothesis import HealthCheck, example, given, settings, strategies as st

from core_helpers import NOW
from tui.digest.errors import DigestError
from tui.digest.post import ParseOptions, Post
from tui.digest.regen import SaveRules, regenerate

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))

WORDS = st.sampled_from(["News", "논문", "C++", "What's new?", "A/B", "🚀 Launch", "`code`", "[x](http://e.com)",
                         "Résumé", "snake_case", "뉴스", "ＡＩ", "News-1", "*em*", "a &amp; b"])
TITLE = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
BODY_PART = st.sampled_from([
    "text line\n", "[참고링크](https://example.com/x)\n", "> quoted\n> more\n", "- a\n  - b\n", "1. one\n",
    "```\n# not a heading\n## nor this\n```\n", "~~~~\n```\n### inner\n```\n~~~~\n", "<!--\n### [Ex](https://e.com)\n-->\n",
    "    # indented code\n", "Sub\n----\n", "#### deeper\n", "![img](/images/x.png)\n", "trailing  \t\n",
    "<div>\n## in html\n</div>\n", "---\n", "\n",
])
FRONT = st.sampled_from([
    "", "---\ntitle: Weekly ML/DL News (6월 1주차)\ndate: 2020.06.20 12:00:00\n---\n",
    "---\ntitle: 'mine'\nupdated: 2020-06-20 10:00:00\ndate: 2020-06-13 12:00:00\ntags: [a, b]\n---\n",
    "+++\ntitle = \"Weekly ML/DL News (6월 2주차)\"\ndate = 2020-06-13\n+++\n", "---\ntitle: [broken\n---\n",
])


@st.composite
def posts(draw):
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    level = draw(st.sampled_from([2, 3, 4]))
    parts = [draw(FRONT)]
    if draw(st.booleans()):
        parts.append("\n# Repeated title\n")
    parts.append(draw(st.sampled_from(["", "\nintro words\n", "\nintro\n\n"])))
    items = draw(st.lists(st.tuples(TITLE, st.lists(BODY_PART, max_size=4), st.booleans()), max_size=6))
    titles = [t for t, _, _ in items]
    if draw(st.booleans()):
        toc = draw(st.lists(st.sampled_from(titles or ["x"]), max_size=4))
        bullet = draw(st.sampled_from(["-", "*", "1."]))
        parts.append("\n## 목차\n\n" + "".join(f"{bullet} [{t}](#{t.lower().replace(' ', '-')})\n" for t in toc))
    for title, body, group in items:
        if group and level > 2:
            parts.append(f"\n{'#' * (level - 1)} Group {title}\n")
        parts.append(f"\n{'#' * level} {title}\n" + "".join(body))
    text = "".join(parts).replace("\n", eol)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text


@SETTINGS
@given(posts(), st.sampled_from(["github", "hexo", "kramdown"]))
def test_generated_posts_round_trip_and_regenerate_idempotently(text, style):
    options = ParseOptions(anchor_style=style)
    post = Post.parse(text, options=options)
    assert post.text() == text
    once = regenerate(post, SaveRules(), NOW).text
    again = Post.parse(once, options=options)
    assert again.text() == once
    assert regenerate(again, SaveRules(), NOW).text == once
    # Save-time regeneration never changes which headings are sections.
    assert [b.title for b in again.sections] == [b.title for b in Post.parse(text, options=options).sections]


NASTY = st.sampled_from(
    list("#-=`~>*+ \t\n\r\x00\x0b\x0c\x1c\x1e\x85\u2028\u2029ab1.<!-[]()_:|")
    + ["\r\n", "---\n", "+++\n", "### ", "```", "~~~", "<!--", "-->", "- [a](#a)\n", "## 목차\n", "<div>",
       "\ud800", "\udfff", ">" * 50, "  " * 20 + "- ", "&amp;", "\ufeff"]
)
ARBITRARY = st.lists(NASTY, max_size=80).map("".join) | st.text(max_size=200)


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(ARBITRARY, st.sampled_from(["github", "hexo", "hexo-lower", "kramdown"]))
@example("## 목차\n- [a](#a)\n#######\r\n-", "github")
@example("### \n## 목차\n#\n## 목차\n", "github")  # preamble headings once picked the item level
@example("  #", "github")
@example("=\r\n-\r\n### \x85", "kramdown")
@example("---\rtitle: x\r---\r### A\r", "github")
@example("#\x85\n---\n#", "hexo")  # an anchor with a character Python calls blank, JS does not
@example("#\x7f\n---\n#", "hexo")  # and one with DEL, which hexo keeps too
@example(">" * 3000 + " ## deep\n" + "- " * 2000 + "x\n### A\n", "github")
def test_arbitrary_text_never_crashes_round_trips_and_fixes_idempotently(text, style):
    options = ParseOptions(anchor_style=style)
    try:
        post = Post.parse(text, options=options)
    except DigestError:
        return
    assert post.text() == text
    try:
        once = regenerate(post, SaveRules(), NOW).text
        twice = regenerate(Post.parse(once, options=options), SaveRules(), NOW).text
    except DigestError:
        return
    assert twice == once


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(posts() | ARBITRARY)
def test_headings_found_at_parse_equal_a_fresh_scan_of_each_block(text):
    # Parse seeds each block's heading cache from one whole-body scan; edits rescan the
    # block alone. Both must see the same headings or a save would depend on history.
    from tui.digest.blocks import scan_headings

    for block in Post.parse(text).blocks:
        assert block.headings() == scan_headings(block.content)
