"""``threatnews eval``: precision, recall and F1 against gold annotations, on the corpus or on real news."""

import json
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._app import EXIT_USAGE, app
from pipeline.cli._settings import settings_from

#: Where the project's seed article and its gold live, beside the checkout (absent for users).
DEFAULT_SEEDS = Path("../shared/seeds")


@app.command("eval")
def eval_cli(
    gold: Annotated[Path, typer.Option(help="Folder of *.gold.json files.")] = Path("corpus/gold"),
    articles: Annotated[Path, typer.Option(help="Folder of the articles the gold files name.")] = Path(
        "corpus/articles"
    ),
    pred: Annotated[Path | None, typer.Option(help="Score these records instead of running the pipeline.")] = None,
    seeds: Annotated[Path, typer.Option(help="Seed articles with gold, scored too when present.")] = DEFAULT_SEEDS,
    sealed: Annotated[
        Path, typer.Option(help="The sealed corpus (gold/ and articles/), scored apart when present.")
    ] = Path("corpus/sealed"),
    model: Annotated[str | None, typer.Option(help="Installed spaCy pipeline to use.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    polnear: Annotated[
        Path | None, typer.Option(help="Score quotes and speakers on a local PolNeAR copy (checkout or bare git).")
    ] = None,
    split: Annotated[str, typer.Option(help="PolNeAR split: train or dev (test is reserved).")] = "dev",
    casie: Annotated[
        Path | None, typer.Option(help="Score actors, agencies and claims on a local CASIE copy (project gold).")
    ] = None,
    casie_gold: Annotated[Path, typer.Option(help="The CASIE dev gold folder.")] = Path("corpus/casie-dev"),
    wcxb: Annotated[
        Path | None, typer.Option(help="Score title, author, date and body on a folder of WCXB pages.")
    ] = None,
    real: Annotated[
        bool, typer.Option("--real", help="Every real-news set whose copy is configured (polnear/casie/wcxb_path).")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many articles per real-news set.")] = None,
    errors: Annotated[Path | None, typer.Option(help="Write the real-news errors by category to this Markdown.")] = (
        None
    ),
) -> None:
    """Score the pipeline on the gold corpus and the seed, or on real news (--polnear, --casie, --wcxb, --real).

    Real-news sets are read from local copies given by path; a set whose copy is absent is skipped and said so.
    """
    settings = settings_from(model=model, polnear_path=polnear, casie_path=casie, wcxb_path=wcxb)
    from pipeline.eval.metrics import format_table  # the scorer and the pipeline load only when evaluating
    from pipeline.eval.runs import evaluate_corpus

    if real or polnear or casie or wcxb:
        _eval_real(settings, split=split, casie_gold=casie_gold, limit=limit, errors=errors, as_json=as_json)
        return
    if not gold.is_dir():
        typer.echo(
            f"no gold folder: {gold}. Run from a threatnews checkout (corpus/gold), or point at gold annotations with "
            "--gold DIR --articles DIR",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)
    reports = evaluate_corpus(gold, articles, seeds=seeds, pred=pred, settings=settings, sealed=sealed)
    if as_json:
        typer.echo(json.dumps({name: r.as_dict() for name, r in reports.items()}, indent=2))
        return
    typer.echo(format_table(reports))
    for name, report in reports.items():
        for problem in report.problems:
            typer.echo(f"[{name}] {problem}", err=True)


def _eval_real(
    settings, *, split: str, casie_gold: Path, limit: int | None, errors: Path | None, as_json: bool
) -> None:  # noqa: ANN001
    from pipeline.eval import real, wcxb
    from pipeline.eval.polnear import ReservedSplitError

    results: dict[str, object] = {}
    listing: dict[str, list[dict[str, object]]] = {}
    if settings.polnear_path is None or not settings.polnear_path.exists():
        typer.echo(
            "skipped PolNeAR: no local copy (--polnear PATH, or polnear_path / THREATNEWS_POLNEAR_PATH)", err=True
        )
    else:
        try:
            report = real.evaluate_polnear(settings.polnear_path, split, settings, limit=limit)
        except ReservedSplitError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        results[f"polnear_{split}"] = report.as_dict() if as_json else real.format_polnear(report, split)
        listing[f"PolNeAR {split}"] = report.errors
    if settings.casie_path is None or not settings.casie_path.exists():
        typer.echo("skipped CASIE: no local copy (--casie PATH, or casie_path / THREATNEWS_CASIE_PATH)", err=True)
    elif not casie_gold.is_dir():
        typer.echo(f"skipped CASIE: no gold folder {casie_gold} (run from a threatnews checkout)", err=True)
    else:
        report = real.evaluate_casie(settings.casie_path, settings, gold_dir=casie_gold)
        results["casie_dev"] = report.as_dict() if as_json else real.format_casie(report)
        listing["CASIE dev"] = report.errors
    if settings.wcxb_path is None or not (settings.wcxb_path / "ground-truth.json").is_file():
        typer.echo("skipped WCXB: no pages (--wcxb PATH, or wcxb_path / THREATNEWS_WCXB_PATH)", err=True)
    else:
        report = wcxb.evaluate(settings.wcxb_path, limit=limit)
        results["wcxb_dev"] = report.as_dict() if as_json else wcxb.format_report(report)
        listing["WCXB dev"] = report.errors
    if as_json:
        typer.echo(json.dumps(results, indent=2))
    else:
        typer.echo("\n\n".join(str(r) for r in results.values()))
    if errors is not None and listing:
        real.write_errors(errors, listing)
        typer.echo(f"errors by category -> {errors}", err=True)
