"""The post model: parsing, anchors, TOC, front matter, weeks, file store, links.

Nothing in this package imports Textual: the headless commands start fast and it
is tested on its own.
"""
