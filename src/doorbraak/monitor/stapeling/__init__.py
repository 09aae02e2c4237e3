"""Stapeling van problemen: CBS groups, a DuckDB engine, a synthetic population (issue 7)."""
