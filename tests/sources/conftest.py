"""Markers of the sources tests."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "bombs: decompression bombs and giant inputs read in a child process (a few seconds each)"
    )
