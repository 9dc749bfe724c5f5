"""PolNeAR: quotes and speakers scored against real political news (brat attributions, train and dev splits).

PolNeAR (networkdynamics/PolNeAR) annotates every attribution of 1,008 articles of 2016 as Source / Cue /
Content spans; an utterance interrupted by its attribution has a discontinuous Content. Each text has one
``.ann`` file per annotator: the first in file-name order is used. The ``test`` split is reserved for
held-out scoring and is refused.

Scoring: a predicted quote's characters are the union of its ``parts`` (or its span); it matches a gold
attribution when their common characters are at least the threshold share of both (lenient 0.3, strict 0.8),
one to one. Subsets: all attributions; speech cues (a reporting verb or "according to": see
``data/eval_speech_cues.txt``); content with quotation marks. In a subset, a prediction matched to a gold
attribution outside it is left out. A direct quote inside a mixed quote is the mixed quote's verbatim fragment,
not an attribution of its own. Speaker accuracy: on lenient matches, the predicted speaker mention
overlaps the gold Source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models import ArticleRecord
from pipeline.data import read_lines
from pipeline.eval.align import Alignment
from pipeline.eval.matching import characters, match_spans, overlaps
from pipeline.eval.metrics import Accuracy, Score
from pipeline.eval.repo import RepoFiles

SPLITS = ("train", "dev")
RESERVED_SPLIT = "test"
THRESHOLDS = {"lenient": 0.3, "strict": 0.8}
SUBSETS = ("all", "speech", "quotation_marks")
QUOTE_MARKS = frozenset('"“”„«»')

Parts = tuple[tuple[int, int], ...]


class ReservedSplitError(ValueError):
    """The PolNeAR test split is held out for scoring and is never read."""


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: its Content, Cue and Source spans (offsets into the dataset's text)."""

    content: Parts
    cue: Parts = ()
    source: Parts = ()
    cue_text: str = ""
    content_text: str = ""


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    annotation: str  # the .ann file used (the first annotator's)
    attributions: tuple[Attribution, ...]


def parse_brat(ann: str) -> list[Attribution]:
    """Attributions of a brat ``.ann`` file (text-bound spans, possibly discontinuous, tied by events)."""
    spans: dict[str, tuple[str, Parts, str]] = {}
    events = []
    for line in ann.splitlines():
        if line.startswith("T") and "\t" in line:  # a line without a tab continues a span text with a line break
            ident, middle, *text = line.split("\t")
            label, _, offsets = middle.partition(" ")
            parts = tuple(tuple(int(x) for x in piece.split()) for piece in offsets.split(";"))
            spans[ident] = (label, parts, text[0] if text else "")  # type: ignore[assignment]
        elif line.startswith("E"):
            roles = dict(arg.split(":", 1) for arg in line.split("\t")[1].split())
            events.append(roles)
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        cue = spans.get(roles.get("Cue", ""), ("", (), ""))
        source = spans.get(roles.get("Source", ""), ("", (), ""))
        out.append(Attribution(content[1], cue[1], source[1], cue[2], content[2]))
    return out


def read_split(repo: RepoFiles, split: str, limit: int | None = None) -> list[Article]:
    """The split's articles with their first annotator's attributions.

    Raises:
        ReservedSplitError: ``split`` is the reserved test split.
        ValueError: an unknown split.
    """
    if split == RESERVED_SPLIT:
        raise ReservedSplitError("the PolNeAR test split is reserved for held-out scoring; use train or dev")
    if split not in SPLITS:
        raise ValueError(f"unknown PolNeAR split {split!r}; use one of {', '.join(SPLITS)}")
    annotations: dict[str, str] = {}
    for path in repo.list(f"data/{split}/attributions"):
        stem = path.rsplit("/", 1)[1].removesuffix(".ann")
        name = re.sub(r"_[0-9a-f]{4}$", "", stem)
        annotations.setdefault(name, path)  # file-name order: the first annotator's file
    articles = []
    for path in repo.list(f"data/{split}/text"):
        name = path.rsplit("/", 1)[1].removesuffix(".txt")
        if name not in annotations:
            continue
        ann = annotations[name]
        articles.append(Article(name, repo.read_text(path), ann, tuple(parse_brat(repo.read_text(ann)))))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def is_speech(attribution: Attribution, speech_cues: frozenset[str]) -> bool:
    """A reporting verb or "according to" cue (any of the cue's words in the speech-cue table)."""
    return _speech_words(attribution.cue_text, speech_cues)


def _speech_words(cue: str, speech_cues: frozenset[str]) -> bool:
    return any(w in speech_cues for w in re.findall(r"[a-z]+", cue.lower()))


def has_quotation_marks(attribution: Attribution) -> bool:
    return any(ch in QUOTE_MARKS for ch in attribution.content_text)


@dataclass
class PolnearReport:
    """Quote P/R/F1 per subset and threshold, speaker accuracy per subset, and the listing of errors."""

    documents: int = 0
    scores: dict[str, Score] = field(default_factory=dict)
    speakers: dict[str, Accuracy] = field(default_factory=dict)
    errors: list[dict[str, object]] = field(default_factory=list)

    def score(self, subset: str, threshold: str) -> Score:
        return self.scores.setdefault(f"{subset}@{threshold}", Score())

    def speaker(self, subset: str) -> Accuracy:
        return self.speakers.setdefault(subset, Accuracy())

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "quotes": {key: s.as_dict() for key, s in sorted(self.scores.items())},
            "speakers": {key: a.as_dict() for key, a in sorted(self.speakers.items())},
        }


def score_article(article: Article, record: ArticleRecord | None, report: PolnearReport) -> None:
    """Add one article's counts (a missing record scores as no predictions)."""
    speech_cues = frozenset(read_lines("eval_speech_cues.txt"))
    report.documents += 1
    text = record.text if record is not None else ""
    align = Alignment(article.text, text)
    gold = [characters(align.spans(list(a.content))) for a in article.attributions]
    quotes = _attributions(record.quotes) if record is not None else []
    predicted = [characters([(p.start, p.end) for p in q.parts] or [(q.start, q.end)]) for q in quotes]
    members = {
        "all": [True] * len(gold),
        "speech": [is_speech(a, speech_cues) for a in article.attributions],
        "quotation_marks": [has_quotation_marks(a) for a in article.attributions],
    }
    predicted_members = {
        "all": [True] * len(quotes),
        "speech": [q.cue is None or _speech_words(q.cue.text, speech_cues) for q in quotes],
        "quotation_marks": [any(ch in QUOTE_MARKS for ch in text[max(q.start - 1, 0) : q.end + 1]) for q in quotes],
    }
    for threshold, value in THRESHOLDS.items():
        pairs = match_spans(gold, predicted, value)
        matched_p = {p for _, p in pairs}
        for subset, inside in members.items():
            tp = sum(1 for g, _ in pairs if inside[g])
            score = report.score(subset, threshold)
            score.tp += tp
            score.fn += sum(inside) - tp
            score.fp += sum(1 for p, own in enumerate(predicted_members[subset]) if own and p not in matched_p)
            if threshold == "lenient":
                for g, p in pairs:
                    if not inside[g]:
                        continue
                    source = align.span(*_cover(article.attributions[g].source))
                    mention = quotes[p].speaker_mention
                    right = mention is not None and overlaps(source, (mention.start, mention.end))
                    report.speaker(subset).total += 1
                    report.speaker(subset).correct += right
                    if subset == "all" and not right:
                        report.errors.append(_error("speaker", article, g, text, quotes[p]))
        if threshold == "lenient":
            matched_g = {g for g, _ in pairs}
            matched_p = {p for _, p in pairs}
            report.errors += [_error("missed", article, g, text) for g in range(len(gold)) if g not in matched_g]
            report.errors += [
                _error("false_positive", article, None, text, quotes[p])
                for p in range(len(quotes))
                if p not in matched_p
            ]
            strict = {g for g, _ in match_spans(gold, predicted, THRESHOLDS["strict"])}
            report.errors += [_error("boundary", article, g, text, quotes[p]) for g, p in pairs if g not in strict]


def _attributions(quotes: list) -> list:  # noqa: ANN001 -- a record's quotes
    """A record's quotes as PolNeAR attributions: a direct quote inside a mixed or summary quote is that quote's
    verbatim fragment (the record keeps it as a quote of its own, as the project's gold does), not a second
    attribution. Summary quotes ("denied the report", "vowed to retaliate") are attributions in PolNeAR."""
    mixed = [(q.start, q.end) for q in quotes if q.kind in ("mixed", "summary")]
    return [q for q in quotes if q.kind != "direct" or not any(s <= q.start and q.end <= e + 1 for s, e in mixed)]


def _cover(parts: Parts) -> tuple[int, int]:
    return (parts[0][0], parts[-1][1]) if parts else (0, 0)


def _error(kind: str, article: Article, g: int | None, text: str, quote=None) -> dict[str, object]:  # noqa: ANN001
    gold = article.attributions[g] if g is not None else None
    return {
        "kind": kind,
        "document": article.name,
        "gold_content": gold.content_text if gold else None,
        "gold_cue": gold.cue_text if gold else None,
        "gold_source": article.text[slice(*_cover(gold.source))] if gold and gold.source else None,
        "predicted": quote.text if quote is not None else None,
        "predicted_cue": quote.cue.text if quote is not None and quote.cue else None,
        "predicted_speaker": quote.speaker_mention.text if quote is not None and quote.speaker_mention else None,
    }
