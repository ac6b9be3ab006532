"""Thousands of varied headings, the same every run (fixed seed), grouped into pages.

The pieces are what real digest headings hold: Hangul, CJK and kana, Latin with accents, Greek
and Cyrillic, full-width letters, emoji (with skin tones and flags), symbols and punctuation of
every kind, spaces of every kind (NBSP, ideographic, thin), code spans, links, emphasis, inline
HTML and entities, and repeats and collisions (`News`, `News`, `News-1`) within a page.
Syntax that one engine reads as an attribute or an extension of its own (`{#id}`, `^sup^`,
`$math$`, footnotes, `:emoji:` shortcodes) is left out: it would test the parser, not the slug.
"""

from __future__ import annotations

import random

SEED = 20260614
PAGES = 150
PER_PAGE = 20

WORDS = [
    # English and technical names
    "News", "Andrej Karpathy", "GPT-3", "C++", "C#", "Node.js", "What's", "A/B", "snake_case_name",
    "CamelCase", "APIs", "iOS", "x86_64", "v2.0", "3D", "2020", "1st", "R&D", "AT&T", "e.g.", "U.S.",
    "don't", "it's", "Deep Learning", "PyTorch", "TensorFlow", "BERT", "100%", "$5", "#1", "@user",
    "well-known", "-leading", "trailing-", "under_score", "__dunder__", "a.b.c", "foo's", "can't",
    # Korean, Chinese, Japanese
    "목차", "뉴스", "딥러닝", "논문", "리뷰", "입문", "질문과", "답변", "6월", "4주차", "머신러닝(ML)",
    "机器学习", "目录", "中文", "日本語", "目次", "ニュース", "ひらがな", "カタカナー",
    # Accents and other scripts
    "Résumé", "naïve", "Ångström", "Straße", "Øresund", "Łódź", "Crème brûlée", "façade",
    "İstanbul", "ΟΔΟΣ", "Σίσυφος", "Ελληνικά", "Русский", "Привет", "Ærø", "Þórr", "Dvořák",
    "Nguyễn", "São Paulo", "Ǆemal", "ﬁnance", "Ⅻ", "①", "½", "x²", "™", "©", "®",
    # full-width
    "ＡＩ", "２０２０", "（전각）",
    # emoji and symbols
    "🚀", "👋", "🤖", "👍🏽", "🇰🇷", "❤️", "♥", "🦄", "★", "→", "✓", "€", "£", "¥", "°C", "±",
]
PUNCT = ["&", "%", "!", "?", ".", ",", ":", ";", "(", ")", "[x]", "'", '"', "^", "+", "=", "|",
         "/", "-", "--", "---", "...", "…", "–", "—", "«", "»", "“", "”", "‘", "’", "·", "•", "¿",
         "¡", "<<", ">>", "_", "*", "~", "$", "@", "#"]
SPACES = [" "] * 12 + ["  ", "   ", "\u00a0", "\u3000", "\u2009", "\u202f", "\u2003", "\u200b"]


def _markup(rng: random.Random, word: str) -> str:
    roll = rng.random()
    if roll < 0.05:
        return f"`{word}`"
    if roll < 0.09:
        return f"**{word}**"
    if roll < 0.12:
        return f"*{word}*"
    if roll < 0.16:
        return f"[{word}](https://example.com/a_b?c=d)"
    if roll < 0.18:
        return f"<b>{word}</b>"
    if roll < 0.19:
        return f"~~{word}~~"
    if roll < 0.20:
        return f"<code>{word}</code>"
    return word


ENTITIES = ["&amp;", "&copy;", "&nbsp;", "&#8212;", "&lt;tag&gt;", "&quot;", "&eacute;", "&#x1F680;"]


def heading(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 5)):
        roll = rng.random()
        if roll < 0.62:
            parts.append(_markup(rng, rng.choice(WORDS)))
        elif roll < 0.92:
            parts.append(rng.choice(PUNCT))
        else:
            parts.append(rng.choice(ENTITIES))
        parts.append(rng.choice(SPACES))
    text = "".join(parts[:-1])
    if rng.random() < 0.03:
        text = " " + text + " "
    # Nothing an engine reads as block syntax, a closing sequence or a hard break.
    text = text.rstrip("#\\").lstrip("#>+-=*0123456789.) ")
    if text.strip().casefold() in TOC_NAMES:
        return "Empty"
    return text.replace("\n", " ") or "Empty"


def pages(seed: int = SEED, count: int = PAGES, per_page: int = PER_PAGE) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        page: list[str] = []
        while len(page) < per_page:
            roll = rng.random()
            if page and roll < 0.12:
                page.append(rng.choice(page))  # a repeat
            elif roll < 0.15:
                page += ["News", "News", "News-1", "news 1"][: per_page - len(page)]
            elif roll < 0.17:
                page.append(rng.choice(["🚀", "???", "—", "👋 !", "목차 ✓"]))  # empty in many styles
            else:
                page.append(heading(rng))
        out.append(page)
    return out


TOC_NAMES = {"목차", "차례", "contents", "table of contents", "toc"}


def page_markdown(headings: list[str]) -> str:
    """The post the engines render and the project regenerates: a TOC, then one item a heading."""
    body = "".join(f"## {h}\n\ntext\n\n" for h in headings)
    return "Intro.\n\n## Contents\n\n- [stale](#stale)\n\n" + body


# A second set: markup and characters the first leaves out (images, autolinks, inline HTML,
# escapes, single tildes, letter-like and mathematical symbols, other digit scripts).
EXTRA = ["![logo](/img/a.png)", "<https://example.com/x>", '<span class="x">', "</span>", "\\*", "\\_", "\\#",
         "\\[", "\\&", "<kbd>Ctrl</kbd>", "&#65;", "&#x41;", "~one~", "``x``", "**bold *it* bold**", "_a_",
         "__b__", "***c***", "x^2^", "H~2~O", "<br>", "&shy;", "\u00ad", "İ", "ǅ", "ᾈ", "ﬀ", "№", "℃",
         "Ⓐ", "🄰", "Ⅳ", "𝐀𝐁", "٣", "١٢", "ℌ", "ǈ"]
EXTENDED_SEED = 7


def extended_pages(seed: int = EXTENDED_SEED, count: int = 40, per_page: int = PER_PAGE) -> list[list[str]]:
    rng = random.Random(seed)

    def one() -> str:
        parts = []
        for _ in range(rng.randint(1, 5)):
            roll = rng.random()
            parts.append(rng.choice(EXTRA) if roll < 0.4 else rng.choice(WORDS) if roll < 0.8 else rng.choice(PUNCT))
            parts.append(rng.choice(SPACES))
        text = "".join(parts[:-1]).rstrip("#\\ ").lstrip("#>+-=*0123456789.) ")
        return "Empty" if not text.strip() or text.strip().casefold() in TOC_NAMES else text

    return [[one() for _ in range(per_page)] for _ in range(count)]
