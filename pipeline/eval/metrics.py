"""The arithmetic of scoring: precision/recall/F1 counts, accuracies, a report per document set, and its table."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Score:
    """Counts behind precision/recall/F1 (or an accuracy, when only ``correct``/``total`` are used)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": round(self.value, 4), "correct": self.correct, "total": self.total}


F1_CATEGORIES = ("quotes", "quotes@0.8", "actors", "actor_mentions", "agencies", "claims", "targeting")
#: ``linked_speakers`` and ``linked_claimants`` judge the speaker a quote or claim is linked to by the name a reader
#: sees (they replaced ``quote_speakers``/``claimants``, which took any nearby mention as right).
ACCURACY_CATEGORIES = (
    "linked_speakers",
    "speaker_kinds",
    "speaker_titles",
    "speaker_affiliations",
    "quote_cues",
    "linked_claimants",
    "stances",
    "claim_kinds",
    "claim_targets",
    "negatives",
    "furniture",
    "metadata",
    "site",
)


@dataclass
class Report:
    """Scores for a set of documents, plus what could not be scored (unlocated gold snippets)."""

    documents: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in F1_CATEGORIES})
    accuracies: dict[str, Accuracy] = field(default_factory=lambda: {c: Accuracy() for c in ACCURACY_CATEGORIES})
    problems: list[str] = field(default_factory=list)

    def add(self, other: Report) -> None:
        self.documents += other.documents
        for key, score in other.scores.items():
            self.scores[key].add(score)
        for key, acc in other.accuracies.items():
            self.accuracies[key].add(acc)
        self.problems.extend(other.problems)

    def flat(self) -> dict[str, float]:
        """``{"quotes.f1": 0.9, "quote_speakers.accuracy": 0.8, ...}``: what floors are kept on."""
        out = {}
        for key, score in self.scores.items():
            out[f"{key}.precision"] = round(score.precision, 4)
            out[f"{key}.recall"] = round(score.recall, 4)
            out[f"{key}.f1"] = round(score.f1, 4)
        for key, acc in self.accuracies.items():
            if acc.total:  # nothing annotated to judge: no figure, and so no floor
                out[f"{key}.accuracy"] = round(acc.value, 4)
        return out

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            **{k: v.as_dict() for k, v in self.scores.items()},
            **{k: v.as_dict() for k, v in self.accuracies.items()},
            "problems": self.problems,
        }


# -- text helpers ----------------------------------------------------------------------------------


def format_table(reports: dict[str, Report]) -> str:
    """A plain-text table, one column block per report (e.g. corpus and seed)."""
    names = list(reports)
    header = f"{'category':<16}" + "".join(f"{n + ' P':>10}{n + ' R':>10}{n + ' F1':>10}" for n in names)
    lines = [header, "-" * len(header)]
    for key in F1_CATEGORIES:
        row = f"{key:<16}"
        for n in names:
            s = reports[n].scores[key]
            row += f"{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}"
        lines.append(row)
    for key in ACCURACY_CATEGORIES:
        row = f"{key:<16}"
        for n in names:
            a = reports[n].accuracies[key]
            value = f"{a.value:>10.3f}" if a.total else f"{'n/a':>10}"
            row += f"{'':>10}{f'{a.correct}/{a.total}':>10}{value}"
        lines.append(row)
    lines.append(f"{'documents':<16}" + "".join(f"{'':>20}{reports[n].documents:>10}" for n in names))
    return "\n".join(lines)
