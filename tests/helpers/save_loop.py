"""Child process for tests/test_kill.py: save two known versions of a post in an
endless loop with write_atomic, until the parent SIGKILLs us mid-save."""

import sys
from pathlib import Path

# Run as a plain script by the test, so make the repo importable without install.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.digest.store import write_atomic  # noqa: E402


def main() -> None:
    post, a, b = (Path(p) for p in sys.argv[1:4])
    versions = (a.read_bytes(), b.read_bytes())
    # The parent times its kill from this line, so startup never eats the window.
    print("ready", flush=True)
    i = 0
    while True:
        write_atomic(post, versions[i % 2])
        i += 1


if __name__ == "__main__":
    main()
