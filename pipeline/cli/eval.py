"""``threatnews eval``: precision, recall and F1 against gold annotations."""

import json
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import EXIT_USAGE, app
from pipeline.cli._settings import settings_from
from pipeline.eval.metrics import format_table
from pipeline.eval.runs import DEFAULT_SEEDS, evaluate_corpus


@app.command("eval")
def eval_cli(
    gold: Annotated[Path, typer.Option(help="Folder of *.gold.json files.")] = Path("corpus/gold"),
    articles: Annotated[Path, typer.Option(help="Folder of the articles the gold files name.")] = Path(
        "corpus/articles"
    ),
    pred: Annotated[Path | None, typer.Option(help="Score these records instead of running the pipeline.")] = None,
    seeds: Annotated[Path, typer.Option(help="Seed articles with gold, scored too when present.")] = DEFAULT_SEEDS,
    model: Annotated[str | None, typer.Option(help="Installed spaCy pipeline to use.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the pipeline (or --pred records) on the gold corpus and, when present, the seed article."""
    if not gold.is_dir():
        typer.echo(
            f"no gold folder: {gold}. Run from a threatnews checkout (corpus/gold), or point at gold annotations with "
            "--gold DIR --articles DIR",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    settings = settings_from(model=model)
    reports = evaluate_corpus(gold, articles, seeds=seeds, pred=pred, settings=settings)
    if as_json:
        typer.echo(json.dumps({name: r.as_dict() for name, r in reports.items()}, indent=2))
        return
    typer.echo(format_table(reports))
    for name, report in reports.items():
        for problem in report.problems:
            typer.echo(f"[{name}] {problem}", err=True)
