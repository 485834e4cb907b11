"""Benchmarks (not tests): synthetic sites and timing of gongkai check. See README.md."""
