"""Benchmarks of the platform; run them with `make bench`. Not part of the installed package."""
