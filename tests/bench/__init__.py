"""Benchmarks for issue 6: a post generator and the benchmark script (not timed tests)."""
