"""The real-news yardstick: run the pipeline over a local copy of PolNeAR, CASIE or the WCXB pages and score it.

Each ``evaluate_*`` function reads its dataset, makes records with exactly the chain and engine ``threatnews
run`` uses, and returns a report; :func:`write_errors` lists what went wrong, by category, for the next fix.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.documents import Provenance, RawDocument
from pipeline.eval import casie, polnear
from pipeline.eval.repo import RepoFiles
from pipeline.eval.runs import records_for_documents
from pipeline.settings import Settings

#: How many examples of each error category the listing shows.
ERRORS_PER_CATEGORY = 60


def evaluate_polnear(path: Path, split: str, settings: Settings, *, limit: int | None = None) -> polnear.PolnearReport:
    """Quotes and speakers on PolNeAR ``split`` (train or dev) from the copy at ``path``."""
    articles = polnear.read_split(RepoFiles(path), split, limit)
    items = [RawDocument(Provenance(path=f"polnear:{split}/{a.name}"), "text", a.text) for a in articles]
    records = records_for_documents(items, settings)
    report = polnear.PolnearReport()
    for article, item in zip(articles, items, strict=True):
        polnear.score_article(article, records.get(item.provenance.label), report)
    return report


#: Where the project's CASIE dev gold lives in a checkout.
CASIE_GOLD = Path("corpus/casie-dev")


def evaluate_casie(path: Path, settings: Settings, *, gold_dir: Path = CASIE_GOLD) -> casie.CasieReport:
    """Actors, agencies and claims on the project's CASIE dev gold, with texts from the copy at ``path``."""
    repo = RepoFiles(path)
    report = casie.CasieReport()
    golds, items = [], []
    for gold in casie.load_gold(gold_dir):
        text = casie.read_text(repo, gold["casie_id"])
        if not casie.body_matches(gold, text):
            report.unmeasured.append(f"CASIE {gold['casie_id']}: the local copy's text differs from the annotated one")
            continue
        gold["_body"] = text.body
        golds.append(gold)
        provenance = Provenance(path=f"casie:{gold['casie_id']}")
        items.append(RawDocument(provenance, "text", text.body, hints={"title": text.title} if text.title else {}))
    records = records_for_documents(items, settings)
    for gold, item in zip(golds, items, strict=True):
        casie.score_article(gold, records.get(item.provenance.label), report)
    return report


def format_casie(report: casie.CasieReport) -> str:
    """The CASIE table: P/R/F1 per category, accuracies, and what is not measured yet."""
    lines = [f"CASIE dev (project gold): {report.documents} articles", f"{'category':<28}{'P':>8}{'R':>8}{'F1':>8}"]
    for key, s in sorted(report.scores.items()):
        lines.append(f"{key:<28}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    for key, a in sorted(report.accuracies.items()):
        lines.append(f"{key:<28}{'':>8}{f'{a.correct}/{a.total}':>8}{a.value:>8.3f}")
    lines += [f"unmeasured: {u}" for u in sorted(set(report.unmeasured))]
    return "\n".join(lines)


def format_polnear(report: polnear.PolnearReport, split: str) -> str:
    """The PolNeAR table: P/R/F1 per subset at both thresholds, and speaker accuracy."""
    lines = [
        f"PolNeAR {split}: {report.documents} articles (first annotator per text)",
        f"{'subset':<17}{'lenient P':>10}{'R':>7}{'F1':>7}{'strict P':>10}{'R':>7}{'F1':>7}{'speakers':>10}",
    ]
    for subset in polnear.SUBSETS:
        lenient, strict = report.score(subset, "lenient"), report.score(subset, "strict")
        speakers = report.speaker(subset)
        lines.append(
            f"{subset:<17}{lenient.precision:>10.3f}{lenient.recall:>7.3f}{lenient.f1:>7.3f}"
            f"{strict.precision:>10.3f}{strict.recall:>7.3f}{strict.f1:>7.3f}{speakers.value:>10.3f}"
        )
    return "\n".join(lines)


def write_errors(path: Path, sections: dict[str, list[dict[str, object]]]) -> None:
    """A Markdown listing of errors by dataset and category (first examples of each), for people to read."""
    lines = ["# threatnews eval: errors on real news", ""]
    for dataset, errors in sections.items():
        lines += [f"## {dataset}", ""]
        kinds: dict[str, list[dict[str, object]]] = {}
        for error in errors:
            kinds.setdefault(str(error["kind"]), []).append(error)
        for kind, items in sorted(kinds.items()):
            lines += [f"### {kind} ({len(items)})", ""]
            for item in items[:ERRORS_PER_CATEGORY]:
                fields = {k: v for k, v in item.items() if k != "kind" and v not in (None, "")}
                lines.append(
                    "- " + "; ".join(f"**{k}**: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items())
                )
            lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
