"""Canonical threat actors and organisations from pymispgalaxies + curated data, compiled once and cached."""
