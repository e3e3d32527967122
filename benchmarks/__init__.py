"""The textrepair benchmark: real clean text, generated damage, word-level metrics.

Run it from the repository root with ``python -m benchmarks`` (``--help`` for the options).
"""
