"""Renders pages of Markdown with Python-Markdown's toc extension, as MkDocs configures it.

stdin: a JSON array of Markdown pages; stdout: a JSON array of their HTML.
Usage: python render_python_markdown.py mkdocs|mkdocs-unicode|pymdownx
"""

import json
import sys

import markdown
from markdown.extensions.toc import slugify_unicode

style = sys.argv[1]
toc = {}
if style == "mkdocs-unicode":
    toc = {"slugify": slugify_unicode}
elif style == "pymdownx":
    from pymdownx.slugs import slugify

    toc = {"slugify": slugify(case="lower")}
# MkDocs' own extensions: toc, tables, fenced_code.
md = markdown.Markdown(extensions=["toc", "tables", "fenced_code"], extension_configs={"toc": toc})
html = []
for page in json.load(sys.stdin):
    md.reset()
    html.append(md.convert(page))
json.dump(html, sys.stdout)
