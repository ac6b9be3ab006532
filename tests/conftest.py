"""Settings for the whole suite."""

from hypothesis import settings

# No per-example deadline: it measures the machine, not the code. CI runs the suite on a loaded
# box with `-n auto`, where one 30-character front matter round trip took 643 ms once and failed
# a property that holds. Slow code is the benchmark's business (tests/bench).
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")
