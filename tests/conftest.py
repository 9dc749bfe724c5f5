"""Shared fixtures: the built pipeline (loaded once per test session) and paths to the corpus and seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.nlp.build import build_nlp
from pipeline.settings import DEFAULT_MODEL

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def nlp():
    return build_nlp(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def seed_text() -> str:
    path = SEEDS / "blaze-volt-typhoon.txt"
    if not path.exists():
        pytest.skip("../shared/seeds is absent")
    return path.read_text(encoding="utf-8")
