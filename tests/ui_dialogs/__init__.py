"""Pilot tests for the dialogs, the whole-post preview and the front matter form.

Each screen is mounted alone in a tiny App that loads the project's stylesheets, so a test
sees what a user of the real editor would see without depending on the editor screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

import tui.styles

STYLES = Path(tui.styles.__file__).parent

KOREAN_POST = """\
---
title: Weekly ML/DL News (3월 2주차)
date: 2026.03.07 12:00:00
categories:
- news
tags:
- ML
- 벤치마크
---

이번 주에 읽은 글들을 모았다. 도구 이야기가 절반, 모델 이야기가 절반이다.

## 목차

- [새 토크나이저 라이브러리](#새-토크나이저-라이브러리)
- [작은 언어 모델 벤치마크](#작은-언어-모델-벤치마크)
- [GPU 없이 하는 파인튜닝](#gpu-없이-하는-파인튜닝)
- [Textual 8 릴리스](#textual-8-릴리스)

### 새 토크나이저 라이브러리

[참고링크](https://example.org/tokenizer)

한국어 형태소를 고려한 토크나이저가 공개되었다. 속도가 기존보다 세 배 빠르다고 한다.

사전 크기를 줄이면서도 품질을 유지한 방법이 흥미롭다.

### 작은 언어 모델 벤치마크

[참고링크](https://example.org/small-lm)

1B 이하 모델을 같은 조건에서 비교했다. 양자화 뒤에도 순위가 거의 그대로였다.

> 작은 모델일수록 데이터 품질이 순위를 가른다.

### GPU 없이 하는 파인튜닝

[참고자료](https://example.org/cpu-finetune)

노트북 CPU만으로 LoRA를 돌려 본 기록. 밤새 돌리면 된다는 결론이 솔직해서 좋았다.

### Textual 8 릴리스

[참고링크](https://textual.textualize.io/)

터미널 UI 프레임워크의 새 버전. 목차로 돌아가기: [목차](#목차)
"""

ENGLISH_POST = """\
---
title: Weekly Reading (March, week 2)
date: 2026-03-07 09:30:00
categories: [reading]
tags: [python, tools]
---

Things worth reading this week.

## Contents

- [Faster CSV parsing](#faster-csv-parsing)
- [What's new in pytest](#whats-new-in-pytest)

### Faster CSV parsing

[Link](https://example.com/csv)

A walk through SIMD tricks for CSV.

### What's new in pytest

[Source](https://example.com/pytest)

Fixtures got a little friendlier.
"""


def big_post(items: int) -> str:
    """A generated Korean post with ``items`` items and a TOC pointing at each."""
    head = (
        "---\ntitle: Weekly ML/DL News (6월 4주차)\ndate: 2020.06.20 12:00:00\n"
        "tags:\n- ML\n---\n\n한 주 동안 모은 링크.\n\n## 목차\n\n"
    )
    toc = "".join(f"- [기사 {i} 요약](#기사-{i}-요약)\n" for i in range(1, items + 1))
    body = "".join(
        f"\n### 기사 {i} 요약\n\n[참고링크](https://example.com/news/{i})\n\n"
        f"{i}번째 기사에 대한 짧은 논평. " + "문장이 조금 길게 이어진다. " * 6 + "\n\n> 인용 한 줄\n"
        for i in range(1, items + 1)
    )
    return head + toc + body


class ScreenApp(App[Any]):
    """Pushes one screen on start and records what it dismisses with."""

    CSS_PATH = [STYLES / "dialogs.tcss", STYLES / "preview.tcss", STYLES / "post_form.tcss"]

    def __init__(self, screen: Screen, theme: str = "textual-dark") -> None:
        super().__init__()
        self.screen_under_test = screen
        self.results: list[Any] = []
        self._start_theme = theme

    def compose(self) -> ComposeResult:
        yield Static("the editor would be here", id="behind")

    def on_mount(self) -> None:
        self.theme = self._start_theme
        self.push_screen(self.screen_under_test, self.results.append)


class WidgetApp(App[Any]):
    """Mounts one widget and records the messages it posts."""

    CSS_PATH = ScreenApp.CSS_PATH

    def __init__(self, widget: Widget, theme: str = "textual-dark") -> None:
        super().__init__()
        self.widget = widget
        self.messages: list[Any] = []
        self._start_theme = theme

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_mount(self) -> None:
        self.theme = self._start_theme
