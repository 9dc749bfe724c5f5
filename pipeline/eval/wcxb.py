"""WCXB article pages: title, author, date and body of the cleaning stage against bare trafilatura, same pages.

The pages (``html/<id>.html.gz``) and their truth (``ground-truth.json``) come from a local folder. Scoring follows
the benchmark's own rules so figures compare: title exact after NFKC, lower-casing and collapsing non-word
characters; author right when a normalised predicted author contains the true one or is contained in it (no
true author: right when none is predicted); date right when the first ten characters agree (none: right when
none is predicted); body by 4-word-shingle precision, recall and F1 (multisets), averaged over pages.

Only the cleaning stage runs (title, authors, date and body are all it decides): the NLP stage would change
none of them.
"""

from __future__ import annotations

import gzip
import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from pipeline.clean import clean
from pipeline.documents import Provenance, RawDocument
from pipeline.errors import InputError

FIELDS = ("title", "author", "date")


@dataclass(frozen=True)
class Page:
    id: str
    html: bytes
    truth: dict[str, str | None]


@dataclass(frozen=True)
class Extracted:
    """What an extractor said about a page."""

    title: str | None
    authors: tuple[str, ...]
    date: str | None
    body: str


@dataclass
class ExtractorScores:
    pages: int = 0
    right: Counter[str] = field(default_factory=Counter)
    body: list[tuple[float, float, float]] = field(default_factory=list)
    seconds: float = 0.0

    def value(self, name: str) -> float:
        return self.right[name] / self.pages if self.pages else 0.0

    def body_mean(self, k: int) -> float:
        return sum(b[k] for b in self.body) / len(self.body) if self.body else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "pages": self.pages,
            **{name: round(self.value(name), 4) for name in FIELDS},
            "body_precision": round(self.body_mean(0), 4),
            "body_recall": round(self.body_mean(1), 4),
            "body_f1": round(self.body_mean(2), 4),
            "seconds": round(self.seconds, 2),
        }


@dataclass
class WcxbReport:
    extractors: dict[str, ExtractorScores] = field(default_factory=dict)
    errors: list[dict[str, object]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {name: s.as_dict() for name, s in self.extractors.items()}


def load_pages(folder: Path, limit: int | None = None) -> Iterable[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for n, page_id in enumerate(sorted(truth)):
        if limit is not None and n >= limit:
            return
        path = folder / "html" / f"{page_id}.html.gz"
        if path.is_file():
            yield Page(page_id, gzip.decompress(path.read_bytes()), truth[page_id])


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", unicodedata.normalize("NFKC", text).lower()).strip()


def title_right(predicted: str | None, truth: str | None) -> bool:
    if not truth:
        return not predicted
    return predicted is not None and _fold(predicted) == _fold(truth)


def author_right(predicted: tuple[str, ...], truth: str | None) -> bool:
    if not truth:
        return not predicted
    gold = _fold(truth)
    names = [_fold(a) for a in predicted if a.strip()]
    joined = _fold(", ".join(predicted))
    return any(n and (gold in n or n in gold) for n in [*names, joined] if n)


def date_right(predicted: str | None, truth: str | None) -> bool:
    if not truth:
        return not predicted
    return predicted is not None and predicted[:10] == truth[:10]


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def body_scores(predicted: str, truth: str) -> tuple[float, float, float]:
    p, t = shingles(predicted), shingles(truth)
    common = sum((p & t).values())
    precision = common / sum(p.values()) if p else 0.0
    recall = common / sum(t.values()) if t else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def threatnews_clean(page: Page) -> Extracted:
    """The cleaning stage of ``threatnews run`` on a page (with its URL, as a fetched page has)."""
    url = page.truth.get("url")
    try:
        article = clean(RawDocument(Provenance(path=page.id, url=url), "html", page.html))
    except InputError:
        return Extracted(None, (), None, "")
    return Extracted(article.title, article.authors, article.published, article.text)


def bare_trafilatura(page: Page) -> Extracted:
    """trafilatura's own extraction with metadata, comments off: the baseline the benchmark reports."""
    doc = trafilatura.bare_extraction(
        page.html.decode("utf-8", "replace"), url=page.truth.get("url"), with_metadata=True, include_comments=False
    )
    if doc is None:
        return Extracted(None, (), None, "")
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return Extracted(doc.title, authors, doc.date, doc.text or "")


EXTRACTORS: dict[str, Callable[[Page], Extracted]] = {
    "threatnews clean": threatnews_clean,
    "bare trafilatura": bare_trafilatura,
}


def evaluate(folder: Path, *, limit: int | None = None, extractors: tuple[str, ...] = tuple(EXTRACTORS)) -> WcxbReport:
    """Every extractor (by default) on every page (the first ``limit`` in id order), in one run."""
    report = WcxbReport({name: ExtractorScores() for name in extractors})
    for page in load_pages(folder, limit):
        for name in extractors:
            extract = EXTRACTORS[name]
            started = time.perf_counter()
            got = extract(page)
            scores = report.extractors[name]
            scores.seconds += time.perf_counter() - started
            scores.pages += 1
            checks = {
                "title": title_right(got.title, page.truth.get("title")),
                "author": author_right(got.authors, page.truth.get("author")),
                "date": date_right(got.date, page.truth.get("publish_date")),
            }
            for field_name, right in checks.items():
                scores.right[field_name] += right
                if not right and name == "threatnews clean":
                    report.errors.append(_error(field_name, page, got))
            scores.body.append(body_scores(got.body, page.truth.get("main_content") or ""))
    return report


def _error(field_name: str, page: Page, got: Extracted) -> dict[str, object]:
    truth_key = {"title": "title", "author": "author", "date": "publish_date"}[field_name]
    predicted = {"title": got.title, "author": "; ".join(got.authors) or None, "date": got.date}[field_name]
    return {
        "kind": field_name,
        "page": page.id,
        "domain": page.truth.get("domain"),
        "truth": page.truth.get(truth_key),
        "predicted": predicted,
    }


def format_report(report: WcxbReport) -> str:
    lines = [
        f"{'WCXB dev':<20}{'pages':>7}{'title':>8}{'author':>8}{'date':>8}{'body P':>8}{'body R':>8}{'body F1':>8}"
        f"{'seconds':>9}"
    ]
    for name, s in report.extractors.items():
        lines.append(
            f"{name:<20}{s.pages:>7}{s.value('title'):>8.3f}{s.value('author'):>8.3f}{s.value('date'):>8.3f}"
            f"{s.body_mean(0):>8.3f}{s.body_mean(1):>8.3f}{s.body_mean(2):>8.3f}{s.seconds:>9.1f}"
        )
    return "\n".join(lines)
