"""The headline of ``make bench``: a whole ``threatnews run`` process against a bare spaCy process, on real text.

Timed as a user runs it: each side is a fresh process, start-up included (imports, model load, gazetteer), over
the same real articles written as text files; CPU time (user + system) of the child is compared, median of
alternating runs so a busy moment hurts both sides alike. The bare side loads the same model and pipes the same
texts with all its default components. Texts come from the WCXB dev pages' bodies in ``../shared`` (real news and
company posts from many sites); generated documents only when those are absent.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WCXB = REPO.parent / "shared" / "datasets" / "wcxb-dev-articles"

BARE = """
import sys, pathlib, spacy
from pipeline.settings import Settings
nlp = spacy.load(Settings().model)
nlp.max_length = 2_000_000
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
for _ in nlp.pipe(texts, batch_size=8):
    pass
"""


def real_texts(dest: Path, count: int) -> tuple[int, str]:
    """Write ``count`` real article bodies as text files; (how many, where they came from)."""
    dest.mkdir(parents=True, exist_ok=True)
    truth_file = WCXB / "ground-truth.json"
    if truth_file.is_file():
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        written = 0
        for page_id in sorted(truth):
            body = truth[page_id].get("main_content") or ""
            if len(body.split()) < 150:
                continue
            (dest / f"{page_id[:16]}.txt").write_text(body, encoding="utf-8")
            written += 1
            if written >= count:
                break
        return written, "WCXB dev article bodies"
    from benchmarks.bench import make_corpus

    make_corpus(dest, count)
    return count, "generated from corpus/articles (../shared absent)"


def _child_cpu(command: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=REPO)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole_process_ratio(folder: Path, out: Path, runs: int = 3) -> dict[str, float]:
    """Median CPU seconds of a bare spaCy process and of ``threatnews run`` (one worker) on ``folder``."""
    bare, ours = [], []
    tn = [sys.executable, "-c", "from pipeline.cli import main; main()"]
    for k in range(runs):
        bare.append(_child_cpu([sys.executable, "-c", BARE, str(folder)]))
        ours.append(_child_cpu([*tn, "run", str(folder), "-o", str(out / f"r{k}.jsonl"), "--quiet", "--force"]))
    return {
        "bare": statistics.median(bare),
        "threatnews": statistics.median(ours),
        "ratio": statistics.median(bare) / statistics.median(ours),
        "runs": runs,
    }


def help_seconds(runs: int = 5) -> float:
    """Median wall time of ``threatnews --help`` in a fresh process."""
    import time

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "from pipeline.cli import main; main()", "--help"],
            stdout=subprocess.DEVNULL,
            check=True,
            cwd=REPO,
            env={**os.environ},
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)
