"""The benchmark of issue 6: one table of what users feel, per post size.

    .venv/bin/python -m tests.bench.run [--sizes 10,200,2000,10000] [--quick] [--runs N]

Not a test: it asserts no timing, it measures and prints a Markdown table (paste it into the
README with the machine line printed under it). Every figure is a separate process where the
user would pay for one (check, fix, editor start-up), so imports and start-up are counted.
The editor parts (start-up ratio, key latency) run in child processes from tests.bench.empty_app,
one per measurement, so one size's memory never leaks into the next one's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bench.genpost import generate

REPO = Path(__file__).resolve().parents[2]
NODE_TOOLS = ("markdown-toc", "doctoc")


@dataclass
class Child:
    wall: float  # seconds, spawn to exit
    rc: int
    maxrss_mb: float  # of this child alone (os.wait4), not of every child so far
    cpu: float  # user + system seconds: steadier than wall when other processes share the cores
    out: str
    err: str


def run_child(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 300, cwd: Path = REPO) -> Child:
    """Run ``cmd`` and return its wall time and its own peak RSS.

    os.wait4 gives the rusage of exactly this child; RUSAGE_CHILDREN would be the maximum over
    every child reaped so far, which hides a small post's figure behind a big one's.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        deadline = start + timeout
        while True:  # wait4 with a timeout: poll, so a hung child cannot hang the benchmark
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen never waits on a reaped pid
        out.seek(0)
        err.seek(0)
        return Child(wall, proc.returncode, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, out.read().decode(errors="replace"),
                     err.read().decode(errors="replace"))


def bench_env(tmp: Path) -> dict[str, str]:
    """The user's environment minus their config: an empty XDG config dir gives default settings."""
    # The editor's autosave journal goes under XDG state/data: keep it out of the user's too.
    from tests.bench.empty_app import PRIVATE_HOME, XDG_DIRS

    env = dict(os.environ, **{f"XDG_{d}_HOME": str(tmp / d.lower()) for d in XDG_DIRS}, **{PRIVATE_HOME: str(tmp)})
    env.pop("TEXTUAL", None)  # devtools would slow every start-up
    # A user's install has byte-code; with PYTHONDONTWRITEBYTECODE set (CI images do) every run
    # would compile the project from source and time the compiler. The cache goes to a temp
    # prefix, so the checkout is left as it was; warm_up() fills it before anything is timed.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def warm_up(probe: dict[str, Path], env: dict[str, str]) -> None:
    """One untimed run of everything timed later: byte-code compiled, files in the page cache."""
    run_child([*cli_command(), "check", str(probe["current"])], env)
    time_on_copies(lambda p: [*cli_command(), "fix", str(p)], probe["stale"], 1, env)
    from tests.bench import empty_app

    for extra in ([], [str(probe["current"])] if empty_app.editor_available() else []):
        run_child([sys.executable, "-m", "tests.bench.empty_app", "start", *extra], env, timeout=120)


def cli_command() -> list[str]:
    """The console script users run (its wrapper costs start-up too); `-m tui.cli` if absent."""
    script = Path(sys.executable).with_name("newsdigest-tui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def p95(xs: list[float]) -> float:
    if not xs:
        return float("nan")
    ordered = sorted(xs)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def write_posts(tmp: Path, n: int) -> dict[str, Path]:
    """One directory per file: `check` scans a post's siblings for duplicate links, and other
    sizes' posts in the same directory would be timed as part of this one's check."""
    files = {"current": generate(n), "stale": generate(n, stale=True), "marked": generate(n, stale=True, markers=True)}
    paths = {}
    for kind, text in files.items():
        d = tmp / f"{kind}-{n}"
        d.mkdir(parents=True, exist_ok=True)
        paths[kind] = d / "post.md"
        paths[kind].write_bytes(text.encode("utf-8"))
    return paths


# A figure stops taking runs once it has spent this long: doctoc needs minutes on 10,000 items,
# and the whole benchmark must stay under 10 minutes. One run of a slow tool is still a figure.
FIGURE_SECONDS = 20


def time_on_copies(cmd_for: callable, source: Path | None, runs: int, env: dict[str, str]) -> tuple[float, float, int]:
    """Median wall and max RSS of up to ``runs`` runs, each on a fresh copy of ``source`` (a stale
    file stays stale: a second `fix` on the same file would time the no-op path); with no
    ``source``, ``cmd_for(None)`` runs as it is."""
    walls, rss, rc = [], 0.0, 0
    work = source.with_name("work.md") if source else None
    for _ in range(runs):
        if source:
            shutil.copyfile(source, work)
        child = run_child(cmd_for(work), env)
        walls.append(child.wall)
        rss, rc = max(rss, child.maxrss_mb), max(rc, child.rc)
        if sum(walls) > FIGURE_SECONDS:
            break
    if work:
        work.unlink(missing_ok=True)
    return median(walls), rss, rc


def textual_imported(args: list[str], env: dict[str, str]) -> bool:
    """True when `-X importtime` shows any textual module imported by this headless command."""
    child = run_child([sys.executable, "-X", "importtime", "-m", "tui.cli", *args], env)
    mods = [line.rsplit("|", 1)[-1].strip() for line in child.err.splitlines() if line.startswith("import time:")]
    return any(m == "textual" or m.startswith("textual.") for m in mods)


def node_tools(cache: Path) -> tuple[dict[str, Path], str]:
    """markdown-toc and doctoc installed in a throwaway prefix (never in the repo), or why not."""
    bins = {name: cache / "node_modules" / ".bin" / name for name in NODE_TOOLS}
    if all(p.exists() for p in bins.values()):
        return bins, ""
    if not shutil.which("npm") or not shutil.which("node"):
        return {}, "node/npm not found: markdown-toc and doctoc not compared"
    cache.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["npm", "install", "--prefix", str(cache), "--no-audit", "--no-fund", "--silent", *NODE_TOOLS],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode or not all(p.exists() for p in bins.values()):
        return {}, f"npm install {' '.join(NODE_TOOLS)} failed: {proc.stderr.strip()[-300:]}"
    return bins, ""


def bench_headless(n: int, paths: dict[str, Path], runs: int, env: dict[str, str], node: dict[str, Path]) -> dict:
    cli = cli_command()
    row: dict = {"size_mb": paths["current"].stat().st_size / 1e6}
    # check reads only: the same current file every time
    row["check_s"], row["check_mb"], row["check_rc"] = time_on_copies(
        lambda _: [*cli, "check", str(paths["current"])], None, runs, env)
    row["fix_s"], row["fix_mb"], row["fix_rc"] = time_on_copies(lambda p: [*cli, "fix", str(p)], paths["stale"], runs, env)
    # The marker file is the one all three tools can work on, so the comparison is like for like.
    row["fix_marked_s"], _, _ = time_on_copies(lambda p: [*cli, "fix", str(p)], paths["marked"], runs, env)
    if "markdown-toc" in node:
        row["markdown-toc_s"], _, _ = time_on_copies(lambda p: [str(node["markdown-toc"]), "-i", str(p)],
                                                     paths["marked"], runs, env)
    if "doctoc" in node:
        row["doctoc_s"], _, _ = time_on_copies(lambda p: [str(node["doctoc"]), "--github", str(p)],
                                               paths["marked"], runs, env)
    return row


def bench_editor(n: int, paths: dict[str, Path], runs: int, env: dict[str, str], presses: int) -> dict:
    """Start-up (empty app vs editor on this post) and Pilot latencies, each in its own child."""
    from tests.bench import empty_app

    if not empty_app.editor_available():
        return {"editor": "missing"}
    row: dict = {}
    starts = {"empty": [], "editor": []}
    own_cpus = {"empty": [], "editor": []}  # CPU seconds to the same mark: steadier on a shared machine
    rss = 0.0
    for _ in range(runs):  # interleaved, so a noisy neighbour slows both sides alike
        for kind in starts:
            cmd = [sys.executable, "-m", "tests.bench.empty_app", "start"] + ([str(paths["current"])] if kind == "editor" else [])
            child = run_child(cmd, dict(env, BENCH_T0=repr(time.time())), timeout=120)
            if child.rc:
                return {"editor": "start failed: " + (child.err.strip().splitlines() or ["no output"])[-1][:300]}
            seen = json.loads(child.out.strip().splitlines()[-1])
            starts[kind].append(seen["ready_s"])
            own_cpus[kind].append(seen.get("own_cpu_s", float("nan")))
            if kind == "editor":
                rss = max(rss, child.maxrss_mb)
    row["empty_ready_s"], row["editor_ready_s"] = median(starts["empty"]), median(starts["editor"])
    row["start_ratio"] = row["editor_ready_s"] / row["empty_ready_s"]
    row["start_cpu_ratio"] = median(own_cpus["editor"]) / median(own_cpus["empty"])
    # This shared machine's CPU time per run swings by up to 60 %: each side's best run is
    # the figure least touched by other load.
    row["start_best_ratio"] = min(starts["editor"]) / min(starts["empty"])
    row["editor_start_mb"] = rss
    if presses:
        work = paths["current"].with_name("pilot.md")
        shutil.copyfile(paths["current"], work)  # ctrl+s writes: keep the check input pristine
        child = run_child([sys.executable, "-m", "tests.bench.empty_app", "keys", str(work), str(presses)], env, timeout=600)
        if child.rc:
            row["keys_error"] = (child.err.strip().splitlines() or ["no output"])[-1][:300]
        else:
            row.update(json.loads(child.out.strip().splitlines()[-1]))
            row["editor_keys_mb"] = child.maxrss_mb
    return row


def select_debounce() -> float:
    try:
        from tui.widgets.item_preview import SELECT_DEBOUNCE_SECONDS
    except ImportError:  # the editor is not installed: no preview row either
        return float("nan")
    return SELECT_DEBOUNCE_SECONDS


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        from importlib.metadata import version
        textual = version("textual")
    except Exception:  # noqa: BLE001 - the table still prints without it
        textual = "?"
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()}, Python {platform.python_version()}, Textual {textual}"


def _ms(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x == x else "–"


def _lat(row: dict, key: str) -> str:
    if f"{key}_med" not in row:
        return "–"
    return f"{row[f'{key}_med']:.1f} / {row[f'{key}_p95']:.1f}"


# (label, how to render a cell from one size's row); rows are metrics so the table stays narrow
# however many sizes are asked for.
ROWS = [
    ("post size", lambda r: f"{r['size_mb']:.2f} MB"),
    ("`check` wall (median)", lambda r: _ms(r["check_s"]) + ("" if r.get("check_rc", 0) == 0 else f" (rc {r['check_rc']})")),
    ("`check` peak RSS", lambda r: f"{r['check_mb']:.0f} MB"),
    ("`fix` wall, stale copy (median)", lambda r: _ms(r["fix_s"])),
    ("`fix` peak RSS", lambda r: f"{r['fix_mb']:.0f} MB"),
    ("`fix`, TOC in `<!-- toc -->` markers", lambda r: _ms(r["fix_marked_s"])),
    ("`markdown-toc -i`, same file", lambda r: _ms(r.get("markdown-toc_s", float("nan")))),
    ("`doctoc`, same file", lambda r: _ms(r.get("doctoc_s", float("nan")))),
    ("empty Textual app ready (on_ready)", lambda r: _ms(r.get("empty_ready_s", float("nan")))),
    ("editor ready with the post (on_ready)", lambda r: _ms(r.get("editor_ready_s", float("nan")))),
    ("**start-up ratio** editor / empty", lambda r: f"{r['start_ratio']:.2f}x" if "start_ratio" in r else "–"),
    ("start-up ratio by CPU time of the editor's process (other load on the machine left out)",
     lambda r: f"{r['start_cpu_ratio']:.2f}x" if "start_cpu_ratio" in r else "–"),
    ("start-up ratio, best run of each", lambda r: f"{r['start_best_ratio']:.2f}x" if "start_best_ratio" in r else "–"),
    ("harness floor (unbound key), ms median / p95", lambda r: _lat(r, "floor")),
    ("alt+down move, ms median / p95", lambda r: _lat(r, "move")),
    ("down select (list + editor), ms", lambda r: _lat(r, "select")),
    ("down select until preview settled, ms", lambda r: _lat(r, "preview")),
    ("type one character, ms", lambda r: _lat(r, "type")),
    ("ctrl+s save, ms", lambda r: _lat(r, "save")),
    ("ctrl+s until the bytes are on disk and recorded, ms", lambda r: _lat(r, "saved")),
    ("editor peak RSS at first paint", lambda r: f"{r['editor_start_mb']:.0f} MB" if "editor_start_mb" in r else "–"),
    ("editor peak RSS after the key runs", lambda r: f"{r['editor_keys_mb']:.0f} MB" if "editor_keys_mb" in r else "–"),
]


def table(sizes: list[int], rows: dict[int, dict]) -> str:
    head = "| items | " + " | ".join(f"{n:,}" for n in sizes) + " |"
    lines = [head, "|---|" + "---:|" * len(sizes)]
    for label, cell in ROWS:
        cells = []
        for n in sizes:
            try:
                cells.append(cell(rows[n]))
            except (KeyError, TypeError, ValueError):
                cells.append("–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description="newsdigest-tui benchmark (issue 6)")
    parser.add_argument("--sizes", default="10,200,2000,10000", help="comma-separated item counts")
    parser.add_argument("--quick", action="store_true", help="1 run and 5 presses each: proves the script works")
    parser.add_argument("--runs", type=int, help="process runs per figure (default 5, --quick 1)")
    parser.add_argument("--presses", type=int, help="key presses per latency figure (default 50, --quick 5)")
    parser.add_argument("--editor-max", type=int, default=2000, help="largest size the Pilot key runs go to")
    parser.add_argument("--no-node", action="store_true", help="skip markdown-toc/doctoc")
    parser.add_argument("--node-cache", type=Path, default=Path(tempfile.gettempdir()) / "newsdigest-bench-node",
                        help="where npm installs markdown-toc and doctoc (reused between runs; outside the repo)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    runs = args.runs or (1 if args.quick else 5)
    start_runs = runs if args.quick or args.runs else max(runs, 9)
    presses = args.presses if args.presses is not None else (5 if args.quick else 50)
    notes = []
    node, why = ({}, "node comparison skipped (--no-node)") if args.no_node else node_tools(args.node_cache)
    if why:
        notes.append(why)
        print(f"note: {why}", file=sys.stderr)
    started = time.perf_counter()
    rows: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="newsdigest-bench-") as tmpdir:
        tmp = Path(tmpdir)
        env = bench_env(tmp)
        probe = write_posts(tmp, sizes[0])
        warm_up(probe, env)
        leaks = [cmd for cmd in ("check", "fix") if textual_imported([cmd, str(probe["current"])], env)]
        notes.append("`check` and `fix` import Textual: " + ", ".join(leaks) if leaks else
                     "`check` and `fix` never import Textual (verified with `python -X importtime`)")
        for n in sizes:
            paths = write_posts(tmp, n)
            print(f"… {n:,} items: headless", file=sys.stderr, flush=True)
            rows[n] = bench_headless(n, paths, runs, env, node)
            print(f"… {n:,} items: editor", file=sys.stderr, flush=True)
            # Start-up pairs are short and the machine noisy: at least 9 of them.
            rows[n].update(bench_editor(n, paths, start_runs, env,
                                        presses if n <= args.editor_max else 0))
            if isinstance(rows[n].get("editor"), str):
                notes.append(f"{n:,} items: editor {rows[n]['editor']}")
            if "keys_error" in rows[n]:
                notes.append(f"{n:,} items: key runs failed: {rows[n]['keys_error']}")
    out = [table(sizes, rows), ""]
    out.append(f"Machine: {machine()}. {runs} process run(s) per figure (median; {start_runs} start-up pairs), "
               f"{presses} presses per latency "
               f"(median / p95; key runs up to {args.editor_max:,} items). Total {time.perf_counter() - started:.0f} s.")
    out += [f"- {note}" for note in notes]
    out.append("- Latency = key event posted until no task is runnable, no widget has a message queued or is "
               "inside a handler, and the screen has been laid out and rendered (Pilot's idle sleeps and its "
               "per-widget callbacks excluded: they cost 10-20 ms a key); the preview row waits for the debounced "
               f"preview worker too, debounce delay ({select_debounce():.2f} s after a selection) included.")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
