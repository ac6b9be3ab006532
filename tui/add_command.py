"""`newsdigest-tui add`: its options, where its URLs come from, and what it prints.

Headless like `check` (no Textual): it runs from shell aliases, share sheets and cron.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

EXIT_OK, EXIT_SOME_FAILED, EXIT_UNUSABLE = 0, 1, 2


def add_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdigest-tui add",
        description="Append one item per URL to this week's post (created from the template in "
        "posts_dir when missing): the page's title as heading, the link line, the note as its "
        "first paragraph. Links already in this post or a recent one are skipped.",
        epilog="exit status: 0 when every URL was added or skipped, 1 when one was not a web "
        "address, 2 when the post cannot be read or written or no URL was given",
    )
    parser.add_argument("urls", nargs="*", metavar="URL",
                        help="web addresses; '-' reads any text on stdin and takes the URLs in it")
    parser.add_argument("--from", dest="source", type=Path, metavar="FILE",
                        help="an export: browser bookmarks (HTML), OPML, RSS, Atom, or CSV with a url "
                        "column (Pocket, Raindrop, Instapaper); any other text is searched for URLs")
    parser.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="with --from: only entries dated that day or later (undated ones are left out)")
    parser.add_argument("--note", metavar="TEXT", help="the first paragraph of each new item")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--post", type=Path, metavar="PATH", help="the post to add to (default: this week's)")
    where.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                       help="add to the post published on or after this day (default: today)")
    parser.add_argument("--force", action="store_true", help="add links already in a post too")
    parser.add_argument("--no-fetch", action="store_true",
                        help="no network: titles made from the URLs, fetched when the editor opens the post")
    return parser


def _entries(args: argparse.Namespace):
    from tui.digest.url_sources import Entry, entries_from, since, urls_in_text

    entries = []
    for url in args.urls:
        if url == "-":
            entries += [Entry(u) for u in urls_in_text(sys.stdin.read())]
        else:
            entries.append(Entry(url))
    if args.source is not None:
        try:
            data = args.source.read_bytes()
        except OSError as exc:
            raise SystemExit(_fail(f"cannot read {args.source}: {exc.strerror or exc}"))
        text = data.decode("utf-8-sig", errors="replace")
        kind, found = entries_from(text)
        if args.since is not None:
            found, undated = since(found, datetime.combine(args.since, datetime.min.time()))
            if undated:
                print(f"{args.source}: {undated} entries without a date left out (--since)", file=sys.stderr)
        print(f"{args.source}: {kind}, {len(found)} links", file=sys.stderr)
        entries += found
    return entries


def _fail(message: str) -> int:
    from tui.digest.safe_text import shown

    print(f"newsdigest-tui add: {shown(message)}", file=sys.stderr)
    return EXIT_UNUSABLE


def run_add(args: argparse.Namespace, settings) -> int:
    from tui.digest.add_links import add_links, week_post
    from tui.digest.newpost import publish_date
    from tui.digest.safe_text import shown

    entries = _entries(args)
    if not entries:
        return _fail("no URL given (as arguments, on stdin with '-', or in a --from file)")
    if args.post is not None:
        path = args.post
        if not path.is_file():
            return _fail(f"{path}: no such post")
    else:
        if not settings.posts_dir:
            return _fail("no --post given and no posts_dir in the config")
        path = week_post(settings, publish_date(args.date or date.today(), settings.publish_weekday_index))
    outcomes = add_links(path, entries, settings, note=args.note, fetch=not args.no_fetch, force=args.force)
    for outcome in outcomes:
        print(shown(outcome.line(), keep_layout=False))
    added = sum(1 for o in outcomes if o.status in ("added", "untitled"))
    print(f"{path}: {added} added", file=sys.stderr)
    return EXIT_SOME_FAILED if any(o.status == "invalid" for o in outcomes) else EXIT_OK
