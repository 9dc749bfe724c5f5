"""CASIE dev gold: threat actors, agencies and claims scored on real cyber news (2017–2019).

The gold is the project's own (``corpus/casie-dev``, offsets into each article's body); the texts come from a
local copy of the public CASIE repository (Ebiquity/CASIE, ``data/source/<id>.txt``), never from this one.
Gold offsets are aligned to the record's text (:mod:`pipeline.eval.align`).

Scores:
- ``actor_mentions``: predicted actor mentions against gold mentions, one to one, overlapping by half;
- ``actors``: the article's actor list (a predicted actor is right when one of its mentions overlaps a gold
  actor's, or its name or an alias is the gold actor's name);
- ``agency_mentions``: the same for government agencies; ``agency_roles``: on each gold agency matched to a
  predicted one (a mention of each overlapping by half), the predicted main role is one of the gold roles;
  ``agency_roles_main``: the predicted main role is the gold main role (records without roles: unmeasured);
- ``claims_named``: sponsorship and responsibility claims about a named actor (records written before those
  kinds existed: ``attribution``): same sentence, same actor, same party (country, or none); ``..._strict``:
  also the same claimant (both none, or sharing a word of the name) and stance;
- ``claims_all``: every claim kind, matched on kind, sentence, actor (or none) and party.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models import ArticleRecord
from pipeline.eval.align import Alignment
from pipeline.eval.matching import characters, match_spans, overlaps
from pipeline.eval.metrics import Accuracy, Score
from pipeline.eval.repo import RepoFiles
from pipeline.names import name_key

#: Claim kinds that tie an actor or operation to a party; ``attribution`` is what records said before.
LINK_KINDS = frozenset({"sponsorship", "responsibility", "attribution"})
#: Share of a mention both sides must have in common to match.
MENTION_OVERLAP = 0.5


@dataclass(frozen=True)
class CasieText:
    title: str
    body: str


def read_text(repo: RepoFiles, casie_id: int) -> CasieText:
    """Title and body of one CASIE article, cut as ``corpus/casie-dev/README.md`` says."""
    raw = repo.read_text(f"data/source/{casie_id}.txt")
    title = raw.split("<title>", 1)[1].split("</title>", 1)[0].strip() if "<title>" in raw else ""
    body = raw.split("<text>", 1)[1].rsplit("</text>", 1)[0].strip()
    return CasieText(title, body)


def load_gold(folder: Path) -> list[dict[str, Any]]:
    """Every ``<id>.gold.json`` in ``folder``, in id order."""
    files = sorted(folder.glob("*.gold.json"), key=lambda p: int(p.name.split(".")[0]))
    return [json.loads(p.read_text(encoding="utf-8")) for p in files]


def body_matches(gold: dict[str, Any], text: CasieText) -> bool:
    return hashlib.sha1(text.body.encode("utf-8")).hexdigest() == gold["body_sha1"]


@dataclass
class CasieReport:
    documents: int = 0
    scores: dict[str, Score] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    unmeasured: list[str] = field(default_factory=list)
    errors: list[dict[str, object]] = field(default_factory=list)

    def score(self, key: str) -> Score:
        return self.scores.setdefault(key, Score())

    def accuracy(self, key: str) -> Accuracy:
        return self.accuracies.setdefault(key, Accuracy())

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            **{key: s.as_dict() for key, s in sorted(self.scores.items())},
            **{key: a.as_dict() for key, a in sorted(self.accuracies.items())},
            "unmeasured": sorted(set(self.unmeasured)),
        }


def _span(align: Alignment, obj: dict[str, Any] | None) -> tuple[int, int] | None:
    return align.span(obj["start"], obj["end"]) if obj else None


def _chars(span: tuple[int, int] | None) -> frozenset[int]:
    return characters([span]) if span else frozenset()


def score_article(gold: dict[str, Any], record: ArticleRecord | None, report: CasieReport) -> None:
    """Add one article's counts; a missing record scores as no predictions."""
    report.documents += 1
    text = record.text if record is not None else ""
    align = Alignment(gold["_body"], text)
    doc = gold["casie_id"]
    _score_mentions(doc, gold, record, align, report)
    _score_agencies(doc, gold, record, align, report)
    _score_claims(doc, gold, record, align, report)


def _score_mentions(
    doc: int, gold: dict[str, Any], record: ArticleRecord | None, align: Alignment, report: CasieReport
) -> None:
    actors = record.actors if record is not None else []
    gold_mentions = [(a, _span(align, m)) for a in gold["actors"] for m in a["mentions"]]
    predicted = [(a, (m.start, m.end)) for a in actors for m in a.mentions]
    pairs = match_spans([_chars(s) for _, s in gold_mentions], [_chars(s) for _, s in predicted], MENTION_OVERLAP)
    score = report.score("actor_mentions")
    score.tp += len(pairs)
    score.fn += len(gold_mentions) - len(pairs)
    score.fp += len(predicted) - len(pairs)
    hit_g, hit_p = {g for g, _ in pairs}, {p for _, p in pairs}
    for g, (actor, _) in enumerate(gold_mentions):
        if g not in hit_g:
            report.errors.append(
                {"kind": "actor_missed", "document": doc, "gold": actor["name"], "kind_gold": actor["kind"]}
            )
    for p, (_, span) in enumerate(predicted):
        if p not in hit_p:
            report.errors.append({"kind": "actor_false_positive", "document": doc, "predicted": text_of(record, span)})
    # The article's actor list.
    listed = report.score("actors")
    matched: set[int] = set()
    for g_actor in gold["actors"]:
        spans = [_span(align, m) for m in g_actor["mentions"]]
        keys = {name_key(g_actor["name"])}
        found = next(
            (
                i
                for i, a in enumerate(actors)
                if i not in matched
                and (
                    any(overlaps(s, (m.start, m.end)) for s in spans for m in a.mentions)
                    or keys & {name_key(n) for n in (a.name, *a.aliases)}
                )
            ),
            None,
        )
        if found is None:
            listed.fn += 1
        else:
            matched.add(found)
            listed.tp += 1
    listed.fp += len(actors) - len(matched)


def _score_agencies(
    doc: int, gold: dict[str, Any], record: ArticleRecord | None, align: Alignment, report: CasieReport
) -> None:
    agencies = [o for o in (record.organizations if record is not None else []) if o.kind == "agency"]
    gold_mentions = [_span(align, m) for a in gold["agencies"] for m in a["mentions"]]
    predicted = [(m.start, m.end) for a in agencies for m in a.mentions]
    pairs = match_spans([_chars(s) for s in gold_mentions], [_chars(s) for s in predicted], MENTION_OVERLAP)
    score = report.score("agency_mentions")
    score.tp += len(pairs)
    score.fn += len(gold_mentions) - len(pairs)
    score.fp += len(predicted) - len(pairs)
    if not any(a.roles for a in agencies):
        if agencies:
            report.unmeasured.append("agency_roles (records carry no agency roles)")
        return
    owners = [(g, a) for g, agency in enumerate(gold["agencies"]) for a in agency["mentions"]]
    owner_p = [i for i, a in enumerate(agencies) for _ in a.mentions]
    matched = {(owners[g][0], owner_p[p]) for g, p in pairs}
    for g, agency in enumerate(gold["agencies"]):
        found = next((agencies[p] for gg, p in sorted(matched) if gg == g), None)
        if found is None:
            continue
        main = found.roles[0] if found.roles else None
        report.accuracy("agency_roles").total += 1
        report.accuracy("agency_roles").correct += main in agency["roles"]
        report.accuracy("agency_roles_main").total += 1
        report.accuracy("agency_roles_main").correct += main == agency["roles"][0]
        if main not in agency["roles"]:
            report.errors.append(
                {
                    "kind": "agency_role",
                    "document": doc,
                    "agency": agency["name"],
                    "gold": agency["roles"],
                    "predicted": found.roles,
                }
            )


def _claim_family(kind: str) -> str:
    return "link" if kind in LINK_KINDS else kind


def _score_claims(
    doc: int, gold: dict[str, Any], record: ArticleRecord | None, align: Alignment, report: CasieReport
) -> None:
    claims = record.claims if record is not None else []
    actors = {a.id: a for a in (record.actors if record is not None else [])}

    def actor_right(g: dict[str, Any], c: Any) -> bool:  # noqa: ANN401
        span = _span(align, g["actor"]) if g["actor"] else None
        if span is None:
            return c.actor_id is None
        actor = actors.get(c.actor_id) if c.actor_id else None
        if actor is None:
            return False
        return any(overlaps(span, (m.start, m.end)) for m in actor.mentions) or name_key(g["actor"]["text"]) in {
            name_key(n) for n in (actor.name, *actor.aliases)
        }

    def party_right(g: dict[str, Any], c: Any) -> bool:  # noqa: ANN401
        party = g["attributed_to"]
        predicted = c.attributed_to.country if c.attributed_to else None
        if party is None:
            return c.attributed_to is None
        if party.get("country"):
            return predicted == party["country"]
        return c.attributed_to is not None and name_key(party["text"]) == name_key(c.attributed_to.name)

    def same(g: dict[str, Any], c: Any) -> bool:  # noqa: ANN401
        evidence = _span(align, g["evidence"])
        return (
            _claim_family(g["kind"]) == _claim_family(str(c.kind))
            and overlaps(evidence, (c.evidence.start, c.evidence.end))
            and actor_right(g, c)
            and (g["kind"] == "targeting" or party_right(g, c))
        )

    speakers = {s.id: s for s in (record.speakers if record is not None else [])}

    def claimant_right(g: dict[str, Any], c: Any) -> bool:  # noqa: ANN401
        """The same claimant by name, or (as for actors) the gold's mention is one of the predicted speaker's
        mentions: "The company says ..." resolved to F-Secure is F-Secure."""
        claimant = g["claimant"]["text"] if g["claimant"] else None
        if _claimant_match(claimant, c.claimant_name):
            return True
        span = _span(align, g["claimant"]) if g["claimant"] else None
        speaker = speakers.get(c.claimant_id) if c.claimant_id else None
        return (
            span is not None and speaker is not None and any(overlaps(span, (m.start, m.end)) for m in speaker.mentions)
        )

    def strict(g: dict[str, Any], c: Any) -> bool:  # noqa: ANN401
        return g["stance"] == str(c.stance) and claimant_right(g, c)

    for key, gold_claims, predicted in (
        (
            "claims_named",
            [g for g in gold["claims"] if g["kind"] in LINK_KINDS and g["actor"]],
            [c for c in claims if str(c.kind) in LINK_KINDS and c.actor_id],
        ),
        ("claims_all", list(gold["claims"]), list(claims)),
    ):
        pairs = _pair(gold_claims, predicted, same)
        score, strict_score = report.score(key), report.score(f"{key}_strict")
        score.tp += len(pairs)
        score.fn += len(gold_claims) - len(pairs)
        score.fp += len(predicted) - len(pairs)
        right = [(g, p) for g, p in pairs if strict(gold_claims[g], predicted[p])]
        strict_score.tp += len(right)
        strict_score.fn += len(gold_claims) - len(right)
        strict_score.fp += len(predicted) - len(right)
        if key == "claims_named":
            report.accuracy("claimant_and_stance_named").total += len(pairs)
            report.accuracy("claimant_and_stance_named").correct += len(right)
            hit_g, hit_p = {g for g, _ in pairs}, {p for _, p in pairs}
            for g, claim in enumerate(gold_claims):
                if g not in hit_g:
                    report.errors.append(_claim_error("claim_missed", doc, claim, record, align))
            for p, c in enumerate(predicted):
                if p not in hit_p:
                    report.errors.append(
                        {
                            "kind": "claim_false_positive",
                            "document": doc,
                            "actor": c.actor_text,
                            "party": c.attributed_to.name if c.attributed_to else None,
                            "evidence": c.evidence.text[:200],
                        }
                    )
            for g, p in pairs:
                if (g, p) not in right:
                    c = predicted[p]
                    report.errors.append(
                        {
                            "kind": "claim_claimant_or_stance",
                            "document": doc,
                            "gold": f"{(gold_claims[g]['claimant'] or {}).get('text')} / {gold_claims[g]['stance']}",
                            "predicted": f"{c.claimant_name} / {c.stance}",
                            "evidence": c.evidence.text[:200],
                        }
                    )


def _pair(gold: list[dict[str, Any]], predicted: list[Any], same) -> list[tuple[int, int]]:  # noqa: ANN001
    used: set[int] = set()
    pairs = []
    for g, claim in enumerate(gold):
        p = next((i for i, c in enumerate(predicted) if i not in used and same(claim, c)), None)
        if p is not None:
            used.add(p)
            pairs.append((g, p))
    return pairs


def _claimant_match(gold: str | None, predicted: str | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    words = lambda name: {w for w in re.findall(r"\w+", name_key(name)) if len(w) > 2}  # noqa: E731
    return bool(words(gold) & words(predicted)) or name_key(gold) == name_key(predicted)


def _claim_error(
    kind: str, doc: int, claim: dict[str, Any], record: ArticleRecord | None, align: Alignment
) -> dict[str, object]:
    evidence = _span(align, claim["evidence"])
    return {
        "kind": kind,
        "document": doc,
        "claim_kind": claim["kind"],
        "actor": (claim["actor"] or {}).get("text"),
        "party": (claim["attributed_to"] or {}).get("text"),
        "claimant": (claim["claimant"] or {}).get("text"),
        "stance": claim["stance"],
        "evidence": record.text[evidence[0] : evidence[1]][:200] if record is not None and evidence else None,
    }


def text_of(record: ArticleRecord | None, span: tuple[int, int] | None) -> str | None:
    return record.text[span[0] : span[1]] if record is not None and span else None
