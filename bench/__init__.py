"""Benchmarks: pages and jobs timed against a bare-Django ceiling in the same run."""
