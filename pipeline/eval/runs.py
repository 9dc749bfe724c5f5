"""Produce records for gold articles (by running the pipeline or reading a JSONL) and score them."""

from __future__ import annotations

from pathlib import Path

import jsonlines

from models import ArticleRecord
from models.gold import GoldArticle
from pipeline.batch.engines.local import LocalEngine
from pipeline.documents import RawDocument
from pipeline.eval.metrics import Report
from pipeline.eval.scoring import evaluate, load_gold
from pipeline.settings import Settings
from pipeline.sources import iter_documents


def records_from_files(articles: Path, settings: Settings):  # noqa: ANN201
    """A function giving each gold article's record, made by the engine ``threatnews run`` uses.

    The articles go through :class:`~pipeline.batch.engines.local.LocalEngine` in one process, batches
    included, so the scores are those of the records a run writes.
    """
    by_name: dict[str, ArticleRecord] | None = None

    def produce(gold: GoldArticle) -> ArticleRecord | None:
        nonlocal by_name
        if by_name is None:  # the whole folder at once, in batches as a run does
            by_name = records_for_paths([articles], settings)
        return by_name.get(gold.doc)

    return produce


def records_for_paths(paths: list[Path], settings: Settings) -> dict[str, ArticleRecord]:
    """The records of article files and folders, keyed by file name, read and processed exactly as
    ``threatnews run`` does (the same sources, chain and engine, in one process); inputs that fail are left out.
    """
    records: dict[str, ArticleRecord] = {}
    with LocalEngine(settings.model_copy(update={"workers": 1})) as engine:
        for outcome in engine.map(iter_documents(paths, settings)):
            if outcome.is_record and outcome.provenance.path:
                records[Path(outcome.provenance.path).name] = ArticleRecord.model_validate_json(outcome.line)
    return records


def records_for_documents(items: list[RawDocument], settings: Settings) -> dict[str, ArticleRecord]:
    """Records of in-memory documents (keyed by their provenance label), through the run's chain and engine."""
    records: dict[str, ArticleRecord] = {}
    with LocalEngine(settings.model_copy(update={"workers": 1})) as engine:
        for outcome in engine.map(items):
            if outcome.is_record:
                records[outcome.provenance.label] = ArticleRecord.model_validate_json(outcome.line)
    return records


def records_from_jsonl(pred: Path):  # noqa: ANN201
    """A function giving each gold article's record from a JSONL of records, matched by file name."""
    by_name: dict[str, ArticleRecord] = {}
    with jsonlines.open(pred) as reader:
        for obj in reader:
            record = ArticleRecord.model_validate(obj)
            if record.source.path:
                by_name[Path(record.source.path).name] = record
    return lambda gold: by_name.get(gold.doc)


def evaluate_corpus(
    gold_dir: Path,
    articles: Path,
    *,
    seeds: Path | None,
    pred: Path | None,
    settings: Settings,
    sealed: Path | None = None,
) -> dict[str, Report]:
    """Scores keyed "corpus" (the open articles rules are written from), "sealed" (``sealed/gold`` and
    ``sealed/articles``, which no rule is ever written from) and "seed", each when its folder exists."""
    produce = records_from_jsonl(pred) if pred else records_from_files(articles, settings)
    reports = {"corpus": evaluate(load_gold(gold_dir), produce)}
    if sealed is not None and (sealed / "gold").is_dir() and list((sealed / "gold").glob("*.gold.json")):
        sealed_produce = records_from_jsonl(pred) if pred else records_from_files(sealed / "articles", settings)
        reports["sealed"] = evaluate(load_gold(sealed / "gold"), sealed_produce)
    if seeds is not None and seeds.is_dir() and list(seeds.glob("*.gold.json")):
        seed_produce = records_from_jsonl(pred) if pred else records_from_files(seeds, settings)
        reports["seed"] = evaluate(load_gold(seeds), seed_produce)
    return reports
