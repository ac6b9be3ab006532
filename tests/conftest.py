"""Settings for the whole suite."""

import pytest
from hypothesis import settings

# No per-example deadline: it measures the machine, not the code. CI runs the suite on a loaded
# box with `-n auto`, where one 30-character front matter round trip took 643 ms once and failed
# a property that holds. Slow code is the benchmark's business (tests/bench).
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


@pytest.fixture(autouse=True)
def user_dirs_of_its_own(tmp_path_factory, monkeypatch):
    """No test reads the user's config or leaves a journal, lock or page note in their dirs
    (a CLI test once left ``post-….pages.json`` in ~/.local/share). tests/ui also moves HOME."""
    root = tmp_path_factory.mktemp("xdg")
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(root / name.lower()))
