"""Produce records for gold articles (by running the pipeline or reading a JSONL) and score them."""

from __future__ import annotations

from pathlib import Path

import jsonlines

from models import ArticleRecord
from models.gold import GoldArticle
from pipeline.api import extract
from pipeline.errors import InputError
from pipeline.evaluate import Report, evaluate, load_gold
from pipeline.settings import Settings
from pipeline.sources.files import read_file

#: Where the project's seed article and its gold live, beside the checkout (absent for users).
DEFAULT_SEEDS = Path("../shared/seeds")


def records_from_files(articles: Path, settings: Settings):  # noqa: ANN201
    """A function giving each gold article's record by running the pipeline on its file."""

    def produce(gold: GoldArticle) -> ArticleRecord | None:
        path = articles / gold.doc
        try:
            raw = read_file(path)
            return extract(raw.content, format=raw.format, path=str(path), settings=settings)
        except (InputError, OSError):
            return None

    return produce


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
    gold_dir: Path, articles: Path, *, seeds: Path | None, pred: Path | None, settings: Settings
) -> dict[str, Report]:
    """Scores on the corpus (and on the seeds, when that folder exists), keyed "corpus" and "seed"."""
    produce = records_from_jsonl(pred) if pred else records_from_files(articles, settings)
    reports = {"corpus": evaluate(load_gold(gold_dir), produce)}
    if seeds is not None and seeds.is_dir() and list(seeds.glob("*.gold.json")):
        seed_produce = records_from_jsonl(pred) if pred else records_from_files(seeds, settings)
        reports["seed"] = evaluate(load_gold(seeds), seed_produce)
    return reports
