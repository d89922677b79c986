"""Benchmarks against named peers (ratios, not assertions); run as scripts or as `python -m benchmarks.<name>`."""
