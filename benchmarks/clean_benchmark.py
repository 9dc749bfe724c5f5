"""Cleaning throughput: threatnews' ``clean`` against plain ``trafilatura.extract`` on the same pages.

Both run over the article-extraction benchmark pages (``../shared/datasets/article-extraction-benchmark``),
already read into memory, one after the other in this process; the figure is pages per second of wall time.
:func:`clean_share` puts cleaning beside the rest of a run on the same real pages: the time ``clean`` takes
against the time threatnews' spaCy pipeline (the model and our components) then takes on the cleaned texts.
``make bench`` calls both.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from benchmarks.clean_eval import BENCHMARK_DIR, BenchmarkPage, clean_page, load_pages


@dataclass(frozen=True)
class CleanThroughput:
    """Pages per second of plain trafilatura and of threatnews' clean, on ``pages`` pages.

    ``trafilatura_metadata_pages_per_s`` is ``bare_extraction`` with metadata, the part of clean's work
    that plain ``extract`` skips.
    """

    pages: int
    trafilatura_pages_per_s: float
    clean_pages_per_s: float
    trafilatura_metadata_pages_per_s: float = 0.0

    @property
    def ratio(self) -> float:
        """How many times slower (>1) or faster (<1) clean is than plain trafilatura."""
        return self.trafilatura_pages_per_s / self.clean_pages_per_s if self.clean_pages_per_s else float("inf")


def _plain(page: BenchmarkPage) -> str:
    return trafilatura.extract(page.html, url=page.url or None, include_comments=False) or ""


def _plain_with_metadata(page: BenchmarkPage) -> str:
    doc = trafilatura.bare_extraction(page.html, url=page.url or None, include_comments=False, with_metadata=True)
    return (doc.text or "") if doc is not None else ""


def _pages_per_second(extract: Callable[[BenchmarkPage], str], pages: list[BenchmarkPage]) -> float:
    started = time.perf_counter()
    for page in pages:
        extract(page)
    elapsed = time.perf_counter() - started
    return len(pages) / elapsed if elapsed else 0.0


def clean_throughput(folder: Path = BENCHMARK_DIR, *, limit: int | None = None) -> CleanThroughput | None:
    """Measure both extractors on the benchmark pages (None when the benchmark is absent).

    A warm-up page goes through both first, so one-off loading (py3langid's model, trafilatura's
    caches) is not counted.
    """
    if not folder.is_dir():
        return None
    pages = list(load_pages(folder))[:limit]
    if not pages:
        return None
    _plain(pages[0])
    clean_page(pages[0])
    return CleanThroughput(
        len(pages),
        _pages_per_second(_plain, pages),
        _pages_per_second(clean_page, pages),
        _pages_per_second(_plain_with_metadata, pages),
    )


@dataclass(frozen=True)
class CleanShare:
    """Seconds of ``clean`` and of the spaCy pipeline on the same ``pages``, and clean's share of the two."""

    pages: int
    clean_s: float
    nlp_s: float

    @property
    def share(self) -> float:
        total = self.clean_s + self.nlp_s
        return self.clean_s / total if total else 0.0


def clean_share(
    folder: Path = BENCHMARK_DIR, *, limit: int | None = None, model: str | None = None
) -> CleanShare | None:
    """Clean the benchmark pages, then run threatnews' spaCy pipeline on their texts (None without the pages).

    Both are warmed up on one page first (model loading is start-up, not a run's per-page cost).
    """
    from pipeline.nlp.build import build_nlp
    from pipeline.settings import Settings

    if not folder.is_dir():
        return None
    pages = list(load_pages(folder))[:limit]
    if not pages:
        return None
    nlp = build_nlp(model or Settings().model)
    list(nlp.pipe([clean_page(pages[0])]))
    started = time.perf_counter()
    texts = [text for page in pages if (text := clean_page(page))]
    clean_s = time.perf_counter() - started
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return CleanShare(len(pages), clean_s, time.perf_counter() - started)


if __name__ == "__main__":
    result = clean_throughput()
    if result is None:
        print("benchmark pages not found; skipped")
    else:
        print(
            f"{result.pages} pages: trafilatura.extract {result.trafilatura_pages_per_s:.1f} pages/s, "
            f"with metadata {result.trafilatura_metadata_pages_per_s:.1f} pages/s, "
            f"threatnews clean {result.clean_pages_per_s:.1f} pages/s ({result.ratio:.2f}x the time)"
        )
