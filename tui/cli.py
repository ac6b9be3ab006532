"""Command line: the editor, and the headless commands `check`, `fix`, `new`, `links` and `add`.

The headless commands never import Textual (a test keeps it so): they run in
pre-commit hooks and CI, where start-up time is the user's wait.
"""

from __future__ import annotations

import argparse
import gc
import sys
from datetime import date
from functools import partial
from pathlib import Path

from tui import __version__
from tui.config import (
    Settings,
    anchor_styles,
    load_settings,
    new_post_rules,
    parse_options,
    save_rules,
)
from tui.digest.errors import DigestError

COMMANDS = ("check", "fix", "new", "links", "config", "add")

EDITOR_EPILOG = """\
headless commands (no UI; for scripts, CI and pre-commit):
  newsdigest-tui check PATH...   exit 0 when every post is current, 1 with a diff when one is stale,
                                 2 when one cannot be read
  newsdigest-tui fix PATH...     rewrite stale posts in place (TOC, anchors, managed front matter)
  newsdigest-tui new [--date YYYY-MM-DD] [--dir DIR]
                                 create this week's post from the template and print its path
  newsdigest-tui links PATH...   check every link (HEAD, then GET where refused); list dead and
                                 redirected ones, exit 1 when one is dead
  newsdigest-tui config --explain [PATH]
                                 every setting in force for the post (or blog directory) at PATH,
                                 and where it came from: flag, config file, detected, default
  newsdigest-tui add URL... [-] [--from FILE] [--note TEXT] [--post PATH|--date YYYY-MM-DD]
                                 append one item per URL to this week's post (titles fetched);
                                 exit 0 when every URL was added or skipped
run `newsdigest-tui COMMAND --help` for a command's options.
"""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FILE", help="settings file (default: the user config.toml)")
    styles = anchor_styles()
    parser.add_argument("--anchors", choices=styles, metavar="STYLE",
                        help="anchor style: " + ", ".join(styles) + " (default: config, else detected, else github)")


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    if args.anchors:
        settings.anchor_style = args.anchors
        settings.origins["anchor_style"] = "flag: --anchors"
    return settings


class _PerBlog:
    """The settings in force for each post: its blog's engine and conventions completed
    what the flags and the config file left open. Posts of one directory share them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._by_dir: dict = {}

    def __call__(self, path: Path) -> Settings:
        from tui.effective import resolve

        key = Path(path).expanduser().absolute().parent
        if key not in self._by_dir:
            self._by_dir[key] = resolve(self.settings, Path(path)).settings
        return self._by_dir[key]


def _parser(command: str | None) -> argparse.ArgumentParser:
    if command is None:
        parser = argparse.ArgumentParser(
            prog="newsdigest-tui",
            description="Edit a weekly news-digest post full-screen. With no PATH, opens this week's post "
            "in the configured posts directory, or a copy of a bundled demo post.",
            epilog=EDITOR_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        parser.add_argument("path", nargs="?", type=Path, metavar="PATH", help="a post, or a directory of posts")
        parser.add_argument("--version", action="version", version=f"newsdigest-tui {__version__}")
    elif command in ("check", "fix"):
        what = "report what a save would change" if command == "check" else "apply save-time regeneration in place"
        parser = argparse.ArgumentParser(prog=f"newsdigest-tui {command}", description=what)
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        if command == "check":
            parser.add_argument("--strict", action="store_true", help="duplicate links fail the check too")
        else:
            parser.add_argument("--strip-controls", action="store_true",
                                help="also delete control characters (escape codes, NUL, bidi) that check reports")
    elif command == "config":
        parser = argparse.ArgumentParser(prog="newsdigest-tui config",
                                         description="show the settings in force for a post or blog directory")
        parser.add_argument("--explain", action="store_true", required=True,
                            help="print every setting with where it came from")
        parser.add_argument("path", nargs="?", type=Path, metavar="PATH",
                            help="a post or blog directory (default: the current directory)")
    elif command == "links":
        parser = argparse.ArgumentParser(prog="newsdigest-tui links", description="check every link of the posts")
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS", help="per link (default 5)")
    elif command == "add":
        from tui.add_command import add_parser

        parser = add_parser()
    else:
        parser = argparse.ArgumentParser(prog="newsdigest-tui new", description="create this week's post")
        parser.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                            help="the post's date (default: the next publishing day, today included)")
        parser.add_argument("--dir", type=Path, metavar="DIR", help="where to create it (default: posts_dir)")
    _common(parser)
    return parser


def _duplicate_warnings(path: Path, post, settings: Settings) -> list[str]:
    from tui.digest.duplicates import DuplicateIndex, duplicate_keys
    from tui.digest.links import links_in

    items = post.items
    tracking = tuple(settings.tracking_params)
    # Each item's links are found once and each url normalised once: both checks below use them.
    found = [links_in(block.content) for block in items]
    keys: dict[str, str] = {}
    warnings = []
    for url, where in duplicate_keys(found, tracking, keys).items():
        titles = ", ".join(items[i].title for i in where)
        warnings.append(f"{path}: warning: {url} appears in several items ({titles})")
    from tui.digest.duplicates import post_date

    index = DuplicateIndex.build(path.parent, exclude=path, last_n=settings.duplicate_lookback, tracking=tracking,
                                 before=post_date(post.front.peek("date"), path))
    warnings += [f"{path}: warning: skipped {skipped}" for skipped in index.skipped]
    if not len(index):
        return warnings
    for block, urls in zip(items, found):
        for url in dict.fromkeys(urls):
            seen = index.lookup(url, keys.get(url))
            if seen:
                where = ", ".join(dict.fromkeys(f"{s.post_label} ({s.post_path.name})" for s in seen))
                warnings.append(f"{path}: warning: {url} in {block.title!r} is already in {where}")
    return warnings


def _fetch_failure_lines(path, post) -> list[str]:
    """Items whose page the editor could not fetch: the note is kept beside the journal,
    never in the post, so only a check on this machine knows it."""
    from tui.config import journal_dir
    from tui.digest.page_notes import fetch_failures, read_notes

    notes = read_notes(journal_dir(), path)
    return [f"{path}: fetch failed for {block.title!r}: {reason} ({url})"
            for block, url, reason in fetch_failures(post.items, notes)]


_MAX_CONTROLS_SHOWN = 20


def _control_lines(path, text: str) -> list[str]:
    """One line per control character of the post (the first few), for `check`: they are
    terminal escapes or invisible reorderings waiting for whoever prints or renders the post."""
    from tui.digest.safe_text import find_controls, shown

    found = find_controls(text)
    lines = [
        f"{path}:{line}:{col}: control character {shown(ch, keep_layout=False)} ({kind}, U+{ord(ch):04X})"
        for line, col, ch, kind in found[:_MAX_CONTROLS_SHOWN]
    ]
    if len(found) > _MAX_CONTROLS_SHOWN:
        lines.append(f"{path}: ... and {len(found) - _MAX_CONTROLS_SHOWN} more control characters")
    if found:
        lines.append(f"{path}: `newsdigest-tui fix --strip-controls` deletes them")
    return lines


class _Readable:
    """Iterates the posts a command was given, reporting each unreadable one in a line of its
    own and remembering that the command must end with status 2."""

    def __init__(self) -> None:
        self.failed = False

    def each(self, paths, load):
        for path in paths:
            try:
                result = load(path)
            except DigestError as err:
                print(f"{path}: {err}", file=sys.stderr)
                self.failed = True
                continue
            yield path, result


def _check(args: argparse.Namespace, settings: Settings) -> int:
    from tui.digest.postfile import fix_post

    status, posts, per_blog = 0, _Readable(), _PerBlog(settings)

    def load(path):
        own = per_blog(path)
        return fix_post(path, options=parse_options(own), rules=save_rules(own), write=False)

    for path, fixed in posts.each(args.paths, load):
        if fixed.changed:
            import difflib

            from tui.digest.blocks import split_lines

            # Markdown's lines, not str.splitlines' (which also breaks at \x0c, \x85, \u2028...).
            diff = difflib.unified_diff(
                split_lines(fixed.before),
                split_lines(fixed.report.text),
                fromfile=f"{path}",
                tofile=f"{path} (after save)",
            )
            sys.stdout.writelines(line if line.endswith("\n") else line + "\n" for line in diff)
            print(f"{path}: stale: {fixed.report.summary}", file=sys.stderr)
            status = max(status, 1)
        controls = _control_lines(path, fixed.before)
        for line in controls:
            print(line, file=sys.stderr)
        if controls:
            status = max(status, 1)
        warnings = [f"{path}: warning: {w}" for w in fixed.report.warnings]
        warnings += _duplicate_warnings(Path(path), fixed.post, per_blog(path))
        warnings += _fetch_failure_lines(path, fixed.post)
        for warning in warnings:
            print(warning, file=sys.stderr)
        if warnings and args.strict:
            status = max(status, 1)
    return 2 if posts.failed else status


def _fix(args: argparse.Namespace, settings: Settings) -> int:
    from tui.digest.postfile import fix_post

    posts, per_blog = _Readable(), _PerBlog(settings)

    def load(path):
        own = per_blog(path)
        return fix_post(path, options=parse_options(own), rules=save_rules(own), write=True,
                        strip_controls=args.strip_controls)

    for path, fixed in posts.each(args.paths, load):
        print(f"{path}: {fixed.report.summary if fixed.changed else 'up to date'}")
        for warning in fixed.report.warnings:
            print(f"{path}: warning: {warning}", file=sys.stderr)
    return 2 if posts.failed else 0


def _new(args: argparse.Namespace, settings: Settings) -> int:
    from tui.digest.newpost import create_post, publish_date

    from tui.effective import resolve

    directory = args.dir or (Path(settings.posts_dir).expanduser() if settings.posts_dir else None)
    if directory is None:
        print("newsdigest-tui new: no --dir given and no posts_dir in the config", file=sys.stderr)
        return 2
    settings = resolve(settings, Path(directory)).settings
    rules = new_post_rules(settings)
    day = args.date or publish_date(date.today(), rules.publish_weekday)
    path, created = create_post(directory, rules, day)
    if not created:
        print(f"{path}: already exists, left as it is", file=sys.stderr)
    print(path)
    return 0


def _links(args: argparse.Namespace, settings: Settings) -> int:
    from concurrent.futures import ThreadPoolExecutor

    from tui.digest.fetch import check_link, sort_results
    from tui.digest.links import links_in
    from tui.digest.postfile import open_post

    status, posts = 0, _Readable()
    for path, opened in posts.each(args.paths, partial(open_post, options=parse_options(settings))):
        post = opened.post
        where: dict[str, list[str]] = {}
        for block in post.items:
            for url in links_in(block.content):
                if url.startswith(("http://", "https://")):
                    where.setdefault(url, []).append(block.title)
        # Link checks wait on the network, not the CPU: a few at once keeps a 100-link post quick.
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda u: check_link(u, timeout=args.timeout), where))
        dead, unreachable, moved = sort_results(results)
        for kind, group in (("dead", dead), ("unreachable", unreachable), ("redirect", moved)):
            for result in group:
                titles = ", ".join(map(repr, where[result.url]))
                print(f"{path}: {kind}: {result.url} ({result.note}) in {titles}")
        print(
            f"{path}: {len(results)} links, {len(dead)} dead, {len(unreachable)} unreachable, "
            f"{len(moved)} redirected",
            file=sys.stderr,
        )
        if dead:
            status = max(status, 1)
    return 2 if posts.failed else status


def _config(args: argparse.Namespace, settings: Settings) -> int:
    from tui.effective import explain, resolve

    path = args.path if args.path is not None else Path.cwd()
    sys.stdout.write(explain(resolve(settings, path), path))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in COMMANDS else None
    if command is None:
        from tui.early_tty import keys_kept_as_typed

        with keys_kept_as_typed():  # the editor: keys typed while it starts keep their meaning
            return _main(argv, command)
    from tui.digest.safe_text import ShownStream

    # Titles, URLs, diff lines, server replies and file names all come from posts or the web:
    # nothing a headless command prints reaches the terminal (or a CI log) with a raw control.
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = ShownStream(out), ShownStream(err)
    try:
        return _main(argv, command)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: list[str], command: str | None) -> int:
    args = _parser(command).parse_args(argv[1:] if command else argv)
    try:
        settings = _settings(args)
        if command in ("check", "fix"):
            # Reading a 10,000-item post makes ~100,000 objects (blocks, headings, TOC
            # entries) that all live until the command ends, and no cycles worth freeing:
            # the cyclic collector's 140 passes over them were ~10% of `fix`.
            gc.disable()
            try:
                return _check(args, settings) if command == "check" else _fix(args, settings)
            finally:
                gc.enable()
        if command == "new":
            return _new(args, settings)
        if command == "links":
            return _links(args, settings)
        if command == "config":
            return _config(args, settings)
        if command == "add":
            from tui.add_command import run_add

            return run_add(args, settings)
    except DigestError as err:
        from tui.digest.safe_text import shown  # the editor's path has no ShownStream

        print(f"newsdigest-tui: {shown(str(err))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    from tui import heap

    heap.pause()  # until the first paint: the app settles it in on_ready
    try:
        from tui.opening import begin

        if args.path is None and settings.posts_dir:
            from tui.effective import resolve

            # This week's post may be created now: with the blog's title and file name. An
            # opened post learns its blog after the first paint (EditorScreen.load_blog).
            settings = resolve(settings, Path(settings.posts_dir).expanduser()).settings
        begun = begin(args.path, settings)  # a big post is read on another core meanwhile
        from tui.app import run_editor  # Textual is imported only for the editor

        return run_editor(args.path, settings, begun)
    except DigestError as err:
        from tui.digest.safe_text import shown

        print(f"newsdigest-tui: {shown(str(err))}", file=sys.stderr)
        return 2
    finally:
        heap.release()  # the editor ended (or never started): the collector is the process's again


if __name__ == "__main__":
    sys.exit(main())
