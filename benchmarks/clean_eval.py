"""Score the cleaning stage on the article-extraction benchmark (``make eval-clean``).

The benchmark (``shared/datasets/article-extraction-benchmark``) holds HTML pages and the hand-checked
article body of each. The score is the one its README describes: ``\\w+`` tokens, 4-token shingles
counted as a multiset, precision and recall per page, each averaged over the pages, and F1 of the two
averages. A page where an extractor finds nothing scores precision 0 and recall 0 (unless the truth is
empty too).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.clean.core import clean
from pipeline.documents import Provenance, RawDocument
from pipeline.errors import InputError

#: Where the benchmark lives, relative to the repository: ``../shared/datasets/...``.
BENCHMARK_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "article-extraction-benchmark"
#: Shingle length of the benchmark's score.
SHINGLE = 4
TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class BenchmarkPage:
    """One benchmark page: its id, URL, raw HTML bytes and the true article body."""

    page_id: str
    url: str
    html: bytes
    truth: str


@dataclass(frozen=True)
class Score:
    """Averaged shingle precision and recall over the pages, and F1 of the two averages."""

    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-token shingles of ``text`` (a shorter text is one shingle)."""
    tokens = TOKEN.findall(text)
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_score(predicted: str, truth: str) -> tuple[float, float]:
    """Shingle precision and recall of one page."""
    pred, true = shingles(predicted), shingles(truth)
    if not pred and not true:
        return 1.0, 1.0
    common = sum((pred & true).values())
    precision = common / sum(pred.values()) if pred else 0.0
    recall = common / sum(true.values()) if true else 0.0
    return precision, recall


def load_pages(folder: Path = BENCHMARK_DIR) -> Iterator[BenchmarkPage]:
    """Yield the benchmark pages in id order.

    Raises:
        FileNotFoundError: the benchmark folder is absent.
    """
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        yield BenchmarkPage(page_id, truth[page_id].get("url", ""), html, truth[page_id]["articleBody"])


def clean_page(page: BenchmarkPage) -> str:
    """Our extractor: the ``clean`` stage on the page, as threatnews runs it ('' when it finds no article)."""
    raw = RawDocument(Provenance(url=page.url or None), "html", page.html)
    try:
        return clean(raw).text
    except InputError:
        return ""


def score(extract: Callable[[BenchmarkPage], str], pages: list[BenchmarkPage]) -> Score:
    """Score ``extract`` over ``pages``."""
    results = [page_score(extract(page), page.truth) for page in pages]
    n = len(results) or 1
    return Score(sum(p for p, _ in results) / n, sum(r for _, r in results) / n, len(results))


def main() -> None:
    """Print the table of ``make eval-clean``: plain trafilatura against threatnews' clean."""
    import trafilatura

    if not BENCHMARK_DIR.is_dir():
        print(f"benchmark not found at {BENCHMARK_DIR}; skipped")
        return
    pages = list(load_pages())

    def plain(page: BenchmarkPage) -> str:
        return trafilatura.extract(page.html, url=page.url or None, include_comments=False) or ""

    print(f"| extractor ({len(pages)} pages) | precision | recall | F1 |")
    print("|---|---|---|---|")
    for name, fn in (("trafilatura.extract, comments off", plain), ("threatnews clean", clean_page)):
        s = score(fn, pages)
        print(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |")


if __name__ == "__main__":
    main()
