"""Realistic weekly-digest posts of any size, for benchmarks and tests.

The shape follows FORMAT.md (front matter, intro, `## 목차`, `###` items with a reference link
and 2-4 paragraphs, some quotes, images and code fences). Items are ~800 bytes of mostly Korean
prose (3 bytes a syllable), so a 2,000-item post is ~1.6 MB: a little heavier than the real
series, so the budgets in issue 6 are held with a margin.

Output is a pure function of (n_items, seed, stale): benchmark figures stay comparable from run
to run and tests can regenerate the same file instead of storing it.

    python -m tests.bench.genpost 2000 > post.md
    python -m tests.bench.genpost 2000 --seed 3 --stale > stale.md
"""

from __future__ import annotations

import argparse
import random
import re
import sys

# The title matches what the default template computes from the date (2020.06.20 -> 6월 4주차),
# so a freshly generated post is "current" and `check` has nothing to change in front matter.
FRONT_MATTER = """\
---
title: Weekly ML/DL News (6월 4주차)
date: 2020.06.20 12:00:00
categories:
- news
tags:
- ML
- DL
---
"""

INTRO = (
    "이번 주에도 흥미로운 소식이 많았다. 논문, 라이브러리, 강의 소식을 모아서 정리해 본다.\n"
    "각 항목의 참고링크를 따라가면 원문을 볼 수 있다.\n"
)

_EN_SUBJECTS = ["PyTorch", "TensorFlow", "JAX", "Transformers", "BERT", "GPT-3", "Diffusion",
                "ImageGPT", "Kaggle", "Coursera", "Jupyter", "ONNX", "CUDA", "Triton", "Ray",
                "Hugging Face", "Karpathy", "AlphaFold", "CLIP", "ResNet", "YOLO", "DeepMind"]
_EN_THINGS = ["Online Workshop", "Release Notes", "on CPU", "Benchmark", "Tutorial", "Notebooks",
              "Cheat Sheet", "Paper Review", "vs Baseline", "Lecture Series", "Boilerplate",
              "Kernel for SQLite", "Quantization", "Distillation", "Pruning Guide", "2.0"]
_KO_SUBJECTS = ["딥러닝", "머신러닝", "강화학습", "자연어처리", "컴퓨터비전", "추천시스템", "음성인식",
                "생성모델", "그래프 신경망", "메타러닝", "자기지도학습", "연합학습"]
_KO_THINGS = ["입문 강의", "논문 리뷰", "최신 동향", "튜토리얼", "오픈소스 공개", "벤치마크 결과",
              "실전 가이드", "스터디 자료", "컨퍼런스 정리", "책 추천"]
_KO_WORDS = ["이번", "모델은", "기존", "방법보다", "훨씬", "빠르게", "학습된다고", "한다", "특히",
             "데이터", "전처리", "과정을", "자동화해서", "실험", "결과가", "인상적이다", "코드도",
             "공개되어", "있어서", "직접", "돌려볼", "수", "있다", "생각보다", "많은", "사람들이",
             "관심을", "가지고", "있는듯", "하다", "정리가", "잘", "되어", "있어", "추천한다"]
_EN_WORDS = ["the", "model", "training", "inference", "dataset", "paper", "results", "faster",
             "memory", "GPU", "batch", "attention", "layer", "benchmark", "open", "source"]
_LABELS = ["참고링크", "참고링크", "참고링크", "참고자료", "Link", "Source"]
_HOSTS = ["arxiv.org/abs", "github.com", "www.kaggle.com", "huggingface.co", "pytorch.org/blog",
          "ai.googleblog.com", "openai.com/blog", "www.coursera.org/learn"]
_CODE = [
    ("python", "# 이 줄은 헤딩이 아니다 (코드 블록 안)\nimport torch\nx = torch.randn(8, 3)\nprint(x.mean())\n"),
    ("bash", "pip install -U transformers\n## not a heading either\npython train.py --epochs 3\n"),
    ("", "$ nvidia-smi\n+-----------------------------+\n| GPU  Name        Memory-Usage |\n"),
]


def _heading(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        return f"{rng.choice(_EN_SUBJECTS)} {rng.choice(_EN_THINGS)}"
    if roll < 0.75:
        return f"{rng.choice(_KO_SUBJECTS)} {rng.choice(_KO_THINGS)}"
    # Mixed headings, with the punctuation slugs must delete: parentheses, a colon, a dot.
    return f"{rng.choice(_KO_SUBJECTS)}({rng.choice(_EN_SUBJECTS)}): {rng.choice(_KO_THINGS)} v{rng.randint(1, 9)}.{rng.randint(0, 9)}"


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_KO_WORDS) for _ in range(rng.randint(6, 14))]
    if rng.random() < 0.5:  # real posts mix English terms into Korean prose
        words.insert(rng.randrange(len(words)), rng.choice(_EN_WORDS))
    return " ".join(words) + rng.choice([".", ".", "..", "!"])


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))


def _url(rng: random.Random, i: int) -> str:
    return f"https://{rng.choice(_HOSTS)}/{i}-{rng.randrange(10**6):06d}?utm_source=digest"


def _body(rng: random.Random, i: int) -> str:
    parts = [f"[{rng.choice(_LABELS)}]({_url(rng, i)})"] if rng.random() < 0.85 else []
    for _ in range(rng.randint(2, 4)):
        parts.append(_paragraph(rng))
    roll = rng.random()
    if roll < 0.15:
        parts.append("> " + _sentence(rng).replace(".", "") + " — from the announcement")
    elif roll < 0.25:
        lang, code = rng.choice(_CODE)
        parts.append(f"```{lang}\n{code}```")
    elif roll < 0.30:
        parts.append(f"![figure {i}](/images/post_img/fig{i}.png)")
    return "\n\n".join(parts) + "\n"


# github-slugger, enough for the headings above (letters, digits, spaces, ASCII punctuation):
# lowercase, drop punctuation, each space to "-", duplicates numbered with a collision re-check.
_GH_DROP = re.compile(r"[^\w\- ]")


def github_anchor(text: str, used: set[str]) -> str:
    base = _GH_DROP.sub("", text.lower()).replace(" ", "-")
    slug, n = base, 0
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


def generate(n_items: int, seed: int = 0, *, stale: bool = False, markers: bool = False) -> str:
    """A post with ``n_items`` items; its TOC is current unless ``stale``.

    A stale post has the TOC a hurried author leaves behind: every 7th entry missing and two
    neighbours swapped, so `fix` has real work to do at every size. ``markers`` wraps the TOC
    list in `<!-- toc -->` / `<!-- tocstop -->`, which markdown-toc needs to run on the same file.
    """
    rng = random.Random(seed)
    titles = [_heading(rng) for _ in range(n_items)]
    bodies = [_body(rng, i) for i in range(n_items)]
    used: set[str] = {github_anchor("목차", set())}  # anchors count every heading in the body
    entries = [f"- [{t}](#{github_anchor(t, used)})" for t in titles]
    if stale and entries:
        entries = [e for k, e in enumerate(entries) if k % 7 != 3]
        if len(entries) >= 2:
            entries[0], entries[1] = entries[1], entries[0]
    toc = "\n".join(entries) + ("\n" if entries else "")
    if markers:
        toc = f"<!-- toc -->\n\n{toc}\n<!-- tocstop -->\n"
    out = [FRONT_MATTER, "\n", INTRO, "\n## 목차\n\n", toc, "\n" if entries or markers else ""]
    for title, body in zip(titles, bodies):
        out.append(f"\n### {title}\n\n{body}\n")
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.genpost", description=__doc__.split("\n")[0])
    parser.add_argument("n_items", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stale", action="store_true", help="leave the TOC out of date")
    parser.add_argument("--markers", action="store_true", help="wrap the TOC in <!-- toc --> markers")
    args = parser.parse_args(argv)
    # Write bytes: the post is UTF-8 whatever the terminal's locale is.
    sys.stdout.buffer.write(generate(args.n_items, args.seed, stale=args.stale, markers=args.markers).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
