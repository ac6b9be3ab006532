"""Each anchor style on one page of headings, as its real engine wrote the ids.

Produced by running the engines (tests/engines: github-slugger 2.0.0, Jekyll 4.3 with kramdown 2.4
and kramdown-parser-gfm 1.1, Hugo 0.168, hexo-renderer-marked 7, pandoc 2.17, Python-Markdown 3.11
with pymdown-extensions 13, markdown-it-anchor 10, Eleventy's slugify (@sindresorhus/slugify 2),
VitePress 1.6) on this page, in this order: repeats are numbered across the page. These run
without the engines.
"""

import pytest

from tui.digest.anchors import Slugger
from tui.digest.slug_styles import STYLES

PAGE = [
    'Andrej Karpathy',
    'GPT-3 논문 리뷰',
    '딥러닝(Deep Learning) 입문',
    'Q&A: 질문과 답변',
    'C++',
    "What's new?",
    '🚀 Launch',
    'Résumé naïve',
    'snake_case_name',
    'ＡＩ 뉴스 (전각)',
    'Привет, мир',
    '2020 Roadmap -- v2...',
    'Use `pip install` now',
    '[Link text](https://example.com/a_b) in heading',
    'A&nbsp;B',
    'ΟΔΟΣ',
    '目次',
    'News',
    'News',
    'News-1',
    '🚀',
]

IDS = {
    'github': [
        'andrej-karpathy',
        'gpt-3-논문-리뷰',
        '딥러닝deep-learning-입문',
        'qa-질문과-답변',
        'c',
        'whats-new',
        '-launch',
        'résumé-naïve',
        'snake_case_name',
        'ａｉ-뉴스-전각',
        'привет-мир',
        '2020-roadmap----v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'ab',
        'οδος',
        '目次',
        'news',
        'news-1',
        'news-1-1',
        '',
    ],
    'jekyll': [
        'andrej-karpathy',
        'gpt-3-논문-리뷰',
        '딥러닝deep-learning-입문',
        'qa-질문과-답변',
        'c',
        'whats-new',
        '-launch',
        'résumé-naïve',
        'snake_case_name',
        'ａｉ-뉴스-전각',
        'привет-мир',
        '2020-roadmap--v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'ab',
        'οδοσ',
        '目次',
        'news',
        'news-1',
        'news-1',
        '',
    ],
    'kramdown': [
        'andrej-karpathy',
        'gpt-3--',
        'deep-learning-',
        'qa--',
        'c',
        'whats-new',
        'launch',
        'rsum-nave',
        'snakecasename',
        'section',
        'section-1',
        'roadmap----v2',
        'use-pip-install-now',
        'link-texthttpsexamplecomab-in-heading',
        'anbspb',
        'section-2',
        'section-3',
        'news',
        'news-1',
        'news-1',
        'section-4',
    ],
    'hugo': [
        'andrej-karpathy',
        'gpt-3-논문-리뷰',
        '딥러닝deep-learning-입문',
        'qa-질문과-답변',
        'c',
        'whats-new',
        '-launch',
        'résumé-naïve',
        'snake_case_name',
        'ａｉ-뉴스-전각',
        'привет-мир',
        '2020-roadmap--v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'ab',
        'οδοσ',
        '目次',
        'news',
        'news-1',
        'news-1-1',
        'heading',
    ],
    'hugo-ascii': [
        'andrej-karpathy',
        'gpt-3--',
        'deep-learning-',
        'qa--',
        'c',
        'whats-new',
        '-launch',
        'resume-naive',
        'snake_case_name',
        '--',
        '-',
        '2020-roadmap--v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'ab',
        'heading',
        'heading-1',
        'news',
        'news-1',
        'news-1-1',
        'heading-2',
    ],
    'hugo-blackfriday': [
        'andrej-karpathy',
        'gpt-3-논문-리뷰',
        '딥러닝-deep-learning-입문',
        'q-a-질문과-답변',
        'c',
        'what-s-new',
        'launch',
        'résumé-naïve',
        'snake-case-name',
        'ａｉ-뉴스-전각',
        'привет-мир',
        '2020-roadmap-v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'a-b',
        'οδοσ',
        '目次',
        'news',
        'news-1',
        'news-1-1',
        'heading',
    ],
    'hexo': [
        'Andrej-Karpathy',
        'GPT-3-논문-리뷰',
        '딥러닝-Deep-Learning-입문',
        'Q-A-질문과-답변',
        'C',
        'What’s-new',
        '🚀-Launch',
        'Resume-naive',
        'snake-case-name',
        'AI-뉴스-전각',
        'Привет-мир',
        '2020-Roadmap-–-v2…',
        'Use-pip-install-now',
        'Link-text-in-heading',
        'A-nbsp-B',
        'ΟΔΟΣ',
        '目次',
        'News',
        'News-1',
        'News-1',
        '🚀',
    ],
    'hexo-lower': [
        'andrej-karpathy',
        'gpt-3-논문-리뷰',
        '딥러닝-deep-learning-입문',
        'q-a-질문과-답변',
        'c',
        'what’s-new',
        '🚀-launch',
        'resume-naive',
        'snake-case-name',
        'ai-뉴스-전각',
        'привет-мир',
        '2020-roadmap-–-v2…',
        'use-pip-install-now',
        'link-text-in-heading',
        'a-nbsp-b',
        'οδος',
        '目次',
        'news',
        'news-1',
        'news-1',
        '🚀',
    ],
    'pandoc': [
        'andrej-karpathy',
        'gpt-3-논문-리뷰',
        '딥러닝deep-learning-입문',
        'qa-질문과-답변',
        'c',
        'whats-new',
        'launch',
        'résumé-naïve',
        'snake_case_name',
        'ａｉ-뉴스-전각',
        'привет-мир',
        'roadmap-v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'a-b',
        'οδοσ',
        '目次',
        'news',
        'news-1',
        'news-1-1',
        'section',
    ],
    'pandoc-gfm': [
        'andrej-karpathy',
        'gpt-3-논문-리뷰',
        '딥러닝deep-learning-입문',
        'qa-질문과-답변',
        'c',
        'whats-new',
        '-launch',
        'résumé-naïve',
        'snake_case_name',
        'ａｉ-뉴스-전각',
        'привет-мир',
        '2020-roadmap----v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'a-b',
        'οδοσ',
        '目次',
        'news',
        'news-1',
        'news-1',
        '',
    ],
    'mkdocs': [
        'andrej-karpathy',
        'gpt-3',
        'deep-learning',
        'qa',
        'c',
        'whats-new',
        'launch',
        'resume-naive',
        'snake_case_name',
        'ai',
        '_1',
        '2020-roadmap-v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'a-b',
        '_2',
        '_3',
        'news',
        'news_1',
        'news-1',
        '_4',
    ],
    'mkdocs-unicode': [
        'andrej-karpathy',
        'gpt-3-논문-리뷰',
        '딥러닝deep-learning-입문',
        'qa-질문과-답변',
        'c',
        'whats-new',
        'launch',
        'résumé-naïve',
        'snake_case_name',
        'ａｉ-뉴스-전각',
        'привет-мир',
        '2020-roadmap-v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'a-b',
        'οδος',
        '目次',
        'news',
        'news_1',
        'news-1',
        '_1',
    ],
    'pymdownx': [
        'andrej-karpathy',
        'gpt-3-논문-리뷰',
        '딥러닝deep-learning-입문',
        'qa-질문과-답변',
        'c',
        'whats-new',
        '-launch',
        'résumé-naïve',
        'snake_case_name',
        'ａｉ-뉴스-전각',
        'привет-мир',
        '2020-roadmap----v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'ab',
        'οδος',
        '目次',
        'news',
        'news_1',
        'news-1',
        '_1',
    ],
    'markdown-it-anchor': [
        'andrej-karpathy',
        'gpt-3-%EB%85%BC%EB%AC%B8-%EB%A6%AC%EB%B7%B0',
        '%EB%94%A5%EB%9F%AC%EB%8B%9D(deep-learning)-%EC%9E%85%EB%AC%B8',
        'q%26a%3A-%EC%A7%88%EB%AC%B8%EA%B3%BC-%EB%8B%B5%EB%B3%80',
        'c%2B%2B',
        "what's-new%3F",
        '%F0%9F%9A%80-launch',
        'r%C3%A9sum%C3%A9-na%C3%AFve',
        'snake_case_name',
        '%EF%BD%81%EF%BD%89-%EB%89%B4%EC%8A%A4-(%EC%A0%84%EA%B0%81)',
        '%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82%2C-%D0%BC%D0%B8%D1%80',
        '2020-roadmap----v2...',
        'use-pip-install-now',
        'link-text-in-heading',
        'a-b',
        '%CE%BF%CE%B4%CE%BF%CF%82',
        '%E7%9B%AE%E6%AC%A1',
        'news',
        'news-1',
        'news-1-1',
        '%F0%9F%9A%80',
    ],
    'eleventy': [
        'andrej-karpathy',
        'gpt-3',
        'deep-learning',
        'q-and-a',
        'c',
        'whats-new',
        'launch',
        'resume-naive',
        'snake-case-name',
        '',
        'privet-mir',
        '2020-roadmap-v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'a-b',
        'odos',
        '-1',
        'news',
        'news-1',
        'news-1-1',
        '-2',
    ],
    'vitepress': [
        'andrej-karpathy',
        'gpt-3-논문-리뷰',
        '딥러닝-deep-learning-입문',
        'q-a-질문과-답변',
        'c',
        'what-s-new',
        '🚀-launch',
        'resume-naive',
        'snake-case-name',
        'ai-뉴스-전각',
        'привет-мир',
        '_2020-roadmap-v2',
        'use-pip-install-now',
        'link-text-in-heading',
        'a-nbsp-b',
        'οδος',
        '目次',
        'news',
        'news-1',
        'news-1-1',
        '🚀',
    ],
}


def test_every_style_has_vectors():
    assert set(IDS) == set(STYLES)


@pytest.mark.parametrize("style", STYLES)
def test_page_of_headings(style):
    slugger = Slugger(style)
    assert [slugger.slug(h) for h in PAGE] == IDS[style]


POST = """---
title: Weekly
---

이번 주 소식입니다.

## 목차

- [old](#old)

### 목차 뉴스 (AI)

본문 [참고링크](https://example.com/a)

### What's new? (2020)

text

### 🚀

text

### 🚀

text

### Résumé naïve

text
"""


@pytest.mark.parametrize("style", STYLES)
def test_fix_writes_each_styles_ids_and_then_has_nothing_to_do(style):
    from datetime import datetime

    from tui.digest.post import ParseOptions, Post
    from tui.digest.regen import SaveRules, regenerate

    def save(text):
        post = Post.parse(text, options=ParseOptions(anchor_style=style))
        return regenerate(post, SaveRules(), datetime(2020, 6, 20)).text

    once = save(POST)
    slugger = Slugger(style)
    ids = [slugger.slug(h) for h in ["목차", "목차 뉴스 (AI)", "What's new? (2020)", "🚀", "🚀", "Résumé naïve"]]
    toc = once.split("## 목차\n\n", 1)[1].split("\n\n", 1)[0]
    assert [line.rsplit("](#", 1)[1][:-1] for line in toc.splitlines()] == ids[1:]
    assert save(once) == once  # read back: the written anchors (parentheses, %-escapes) are current
