"""The attribution ledger over a generated run: peak RSS and time of ``read_ledger`` at 10,000, 50,000 and
100,000 records, each in a fresh process (its own VmHWM from ``/proc/self/status``: ``ru_maxrss`` would report the
forking parent's peak). Memory should grow with the ledger's entries, not with the records.

The records are small and valid (every span matches the text): one of :data:`ACTORS` tied to one of
:data:`STATES` by one of many claimants, on dates over two years, with a denial in every fifth article and a
targeting claim carrying the gazetteer's view (which the ledger must not count).

Usage: ``python -m benchmarks.ledger_bench [--records 100000]``; ``make bench`` runs it from ``bench.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ACTORS = [(f"actor-{i}", f"Storm-{i:04d}") for i in range(60)]
STATES = [("China", "CN"), ("Russia", "RU"), ("Iran", "IR"), ("North Korea", "KP")]
SITES = [f"site{i}.example" for i in range(40)]
START = date(2024, 1, 1)

#: The child: build the ledger of argv[1], then print records, entries and its own peak RSS (KiB) as JSON.
_CHILD = (
    "import json, re, sys, time\n"
    "from pathlib import Path\n"
    "from pipeline.export.ledger import read_ledger\n"
    "started = time.perf_counter()\n"
    "result = read_ledger(Path(sys.argv[1]))\n"
    "seconds = time.perf_counter() - started\n"
    "status = open('/proc/self/status').read()\n"
    "kib = int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n"
    "print(json.dumps({'records': result.records, 'entries': len(result.entries), 'seconds': seconds, 'kib': kib}))\n"
)


def _span(text: str, part: str, after: int = 0) -> dict:
    start = text.index(part, after)
    return {"start": start, "end": start + len(part), "text": part}


def synthetic_record(n: int) -> dict:
    """The ``n``-th generated record (a dict in the shape of ``ArticleRecord``)."""
    actor_id, actor = ACTORS[n % len(ACTORS)]
    state, code = STATES[(n // len(ACTORS)) % len(STATES)]
    claimant = f"Analyst {n % 997}"
    sentence = f"{actor} is backed by {state}, {claimant} said."
    denial = f"{state} denied any role." if n % 5 == 0 else ""
    text = " ".join(filter(None, [sentence, f"{actor} hit a water utility.", denial, f"Story {n}."]))
    claims = [
        {
            "id": "c1",
            "kind": "sponsorship",
            "actor_id": actor_id,
            "actor_text": actor,
            "actor_mention": _span(text, actor),
            "attributed_to": {"name": state, "country": code, "mention": _span(text, state)},
            "claimant_id": "s1",
            "claimant_name": claimant,
            "stance": ("asserted", "reported", "hedged")[n % 3],
            "evidence": _span(text, sentence),
            "confidence": 0.8,
        },
        {
            "id": "c2",
            "kind": "targeting",
            "actor_id": actor_id,
            "actor_text": actor,
            "target": {"name": "water utility"},
            "inferred_sponsor": {"country": code, "source": "curated"},
            "stance": "asserted",
            "evidence": _span(text, f"{actor} hit a water utility."),
            "confidence": 0.8,
        },
    ]
    if denial:
        claims.append(
            {
                "id": "c3",
                "kind": "denial",
                "attributed_to": {"name": state, "country": code},
                "claimant_name": state,
                "stance": "denied",
                "evidence": _span(text, denial),
                "confidence": 0.5,
            }
        )
    return {
        "doc_id": f"{n:016x}",
        "source": {"path": f"gen/{n}.txt"},
        "title": f"Story {n}",
        "published": (START + timedelta(days=n % 730)).isoformat(),
        "site": SITES[n % len(SITES)],
        "text": text,
        "actors": [{"id": actor_id, "name": actor, "country": code, "country_source": "curated"}],
        "speakers": [{"id": "s1", "name": claimant, "kind": "person"}],
        "claims": claims,
        "pipeline": {"version": "bench", "model": "none"},
    }


def write_records(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps(synthetic_record(n)) + "\n")
    return path


def child_ledger(path: Path) -> dict:
    """Build the ledger of ``path`` in a fresh process: records, entries, seconds and peak RSS (KiB)."""
    started = time.perf_counter()
    command = [sys.executable, "-c", _CHILD, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=Path(__file__).parents[1])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    return result


def ledger_memory(records: int = 100_000) -> str:
    """The bench's line: peak RSS of the ledger at ``records`` // 10, // 2 and ``records`` records.

    Memory grows until every entry holds its ``limit`` listed statements (here, 244 entries × 200 are full by
    about 50,000 records), then stays flat: the ratio of the last two sizes is the figure to watch (≈ 1).
    """
    sizes = (records // 10, records // 2, records)
    with tempfile.TemporaryDirectory() as tmp:
        runs = [child_ledger(write_records(Path(tmp) / f"{size}.jsonl", size)) for size in sizes]
    rss = ", ".join(f"{run['records']} records {run['kib'] / 1024:.0f} MiB" for run in runs)
    last = runs[-1]
    return (
        f"ledger peak RSS (fresh process, {last['entries']} entries): {rss}; ratio {records} / {records // 2} "
        f"{last['kib'] / runs[-2]['kib']:.2f} (target <= 1.1); {last['records']} records in {last['seconds']:.1f} s, "
        f"{last['records'] / last['seconds']:.0f} records/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=100_000)
    print(ledger_memory(parser.parse_args().records))


if __name__ == "__main__":
    main()
