"""Shared fixtures: the built pipeline (loaded once per test session) and paths to the corpus and seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.process import load_nlp
from pipeline.settings import Settings

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def nlp():
    return load_nlp(Settings())


@pytest.fixture(scope="session")
def seed_text() -> str:
    path = SEEDS / "blaze-volt-typhoon.txt"
    if not path.exists():
        pytest.skip("../shared/seeds is absent")
    return path.read_text(encoding="utf-8")
