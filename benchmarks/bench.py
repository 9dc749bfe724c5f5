"""``make bench``: threatnews against bare spaCy on the same texts, stage shares, memory and workers.

Prints a table (this is a measurement, not a test). The headline (``benchmarks/whole_process.py``) is a whole
``threatnews run`` process against a bare spaCy process on real article texts, start-up included, in CPU time.
The other timings are wall time on this machine; run it on an otherwise idle machine. What they measure, on a
corpus generated from ``corpus/articles`` (each copy with its numbers and place names changed, so every body
differs and no duplicate is skipped):

1. bare ``nlp.pipe`` with the same model (all its default components) on the cleaned texts, against
   threatnews end to end (read, clean, spaCy + our components, records, writing) on the files, in one
   process; docs/s, tokens/s and the ratio (end-to-end throughput over bare throughput, ≥ 1.0 is the
   issue's target);
2. the share of each stage: clean, the tokenizer and spaCy's own components, each of ours (run one by one
   over the docs, ``for name, proc in nlp.pipeline``), and records + writing;
3. the actor stage's start-up: the gazetteer merged from the MISP galaxies (cold) or read from its disk cache;
4. cleaning throughput against plain trafilatura (``benchmarks/clean_benchmark.py``, when ../shared has the pages);
5. peak RSS of ``threatnews run`` at N and 10×N documents, each size in a fresh process;
6. 1 against 2 worker processes on the N documents, each in a fresh process;
7. peak RSS of the attribution ledger over 100,000 generated records (``benchmarks/ledger_bench.py``).

Usage: ``python -m benchmarks.bench [--docs 200] [--long 2000] [--skip-rss] [--ledger-records 100000]``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "corpus" / "articles"
PLACES = ("Texas", "Ohio", "Utah", "Maine", "Idaho", "Nevada", "Oregon", "Vermont", "Kansas", "Alaska")
_PLACE = re.compile("|".join(PLACES))
_DIGIT = re.compile(r"\d")


def vary(text: str, k: int) -> str:
    """Copy ``k`` of an article: digits shifted by ``k`` and place names rotated, so bodies differ."""
    if k == 0:
        return text
    shifted = _DIGIT.sub(lambda m: str((int(m.group()) + k) % 10), text)
    rotated = _PLACE.sub(lambda m: PLACES[(PLACES.index(m.group()) + k) % len(PLACES)], shifted)
    return rotated


def make_corpus(dest: Path, count: int) -> list[Path]:
    """``count`` article files in ``dest`` made by varying the corpus articles in turn."""
    sources = sorted(p for p in ARTICLES.iterdir() if p.is_file())
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        src = sources[i % len(sources)]
        k = i // len(sources)
        text = vary(src.read_text(encoding="utf-8"), k)
        if k and text == src.read_text(encoding="utf-8"):
            text += f"\n\nCopy {k}.\n"
        path = dest / f"{i:05d}-{src.name}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def throughput(folder: Path, count: int) -> dict[str, float]:
    """Bare nlp.pipe against threatnews end to end, and the stage shares, on the same texts."""
    import spacy

    from pipeline.batch.runner import run
    from pipeline.clean.core import clean
    from pipeline.nlp.records import build_record
    from pipeline.process import warm_up
    from pipeline.settings import Settings
    from pipeline.sources import iter_documents

    settings = Settings(quiet=True)
    raws = [r for r in iter_documents([folder]) if hasattr(r, "content")]
    articles = [clean(r) for r in raws]
    texts = [a.text for a in articles]
    bare = spacy.load(settings.model)
    list(bare.pipe(texts[:5]))
    warm_up(settings)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "records.jsonl"
        # alternate the two so background load affects both alike; keep each one's best
        bare_s, e2e_s = [], []
        for _ in range(2):
            bare_s.append(_timed(lambda: list(bare.pipe(texts))))
            e2e_s.append(_timed(lambda: run([folder], out, settings)))
    tokens = sum(len(d) for d in bare.pipe(texts))
    result = {
        "docs": len(texts),
        "tokens": tokens,
        "bare_s": min(bare_s),
        "e2e_s": min(e2e_s),
    }
    from pipeline.nlp.build import build_nlp

    nlp = build_nlp(settings.model)
    shares: dict[str, float] = {}
    shares["clean"] = _timed(lambda: [clean(r) for r in raws])
    docs = []
    shares["tokenizer"] = _timed(lambda: docs.extend(nlp.make_doc(t) for t in texts))
    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        docs = [proc(doc) for doc in docs]
        shares[name] = time.perf_counter() - started

    def write() -> None:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            for article, doc in zip(articles, docs, strict=True):
                sink.write(build_record(article, doc, settings.model).model_dump_json() + "\n")

    shares["records+writing"] = _timed(write)
    result["shares"] = shares  # type: ignore[assignment]
    return result


def gazetteer_startup() -> tuple[float, float]:
    """Seconds to get the gazetteer merged from the galaxies (cold) and from the disk cache."""
    from pipeline.nlp.gazetteer import store as gazetteer

    with tempfile.TemporaryDirectory() as tmp:
        cold = _timed(lambda: gazetteer.load_gazetteer(Path(tmp)))  # merges and writes the cache
        cached = _timed(lambda: gazetteer._load_cached.__wrapped__(tmp))
    return cold, cached


#: The child reports its own peak RSS (VmHWM, per address space, so not inflated by the parent it was
#: forked from, as ``ru_maxrss`` is) to the file named by ``THREATNEWS_BENCH_RSS`` when it exits.
_CHILD = (
    "import atexit, os, re\n"
    "def _report():\n"
    "    status = open('/proc/self/status').read()\n"
    "    kib = re.search(r'VmHWM:\\s+(\\d+)', status).group(1)\n"
    "    open(os.environ['THREATNEWS_BENCH_RSS'], 'w').write(kib)\n"
    "atexit.register(_report)\n"
    "from pipeline.cli import main\n"
    "main()\n"
)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", _CHILD, *args]


def child_run(folder: Path, out: Path, workers: int) -> tuple[float, int]:
    """Run ``threatnews run`` in a fresh process: (wall seconds, its peak RSS in KiB)."""
    rss = out.with_name(out.name + ".rss")
    started = time.perf_counter()
    subprocess.run(
        _cli("run", str(folder), "-o", str(out), "--quiet", "--workers", str(workers)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "THREATNEWS_BENCH_RSS": str(rss)},
        check=False,
    )
    elapsed = time.perf_counter() - started
    return elapsed, int(rss.read_text()) if rss.exists() else 0


def _print_input_memory() -> None:
    """Peak RSS reading decompression bombs and giant lines (max_input_bytes = 1 MB)."""
    from benchmarks.input_memory import input_memory

    for case, peak in input_memory().items():
        print(f"reading a bomb, {case}: peak RSS {peak:.0f} MB (bound: max_input_bytes, not the file)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=200, help="documents for throughput, stages and workers")
    parser.add_argument("--long", type=int, default=2000, help="documents of the long run (peak RSS)")
    parser.add_argument("--skip-rss", action="store_true", help="skip the long run")
    parser.add_argument("--rss-only", action="store_true", help="only the peak RSS runs")
    parser.add_argument("--real", type=int, default=150, help="real articles for the whole-process headline")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs of each side (median)")
    parser.add_argument("--ledger-records", type=int, default=100_000, help="generated records for the ledger")
    args = parser.parse_args()
    if args.rss_only:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            rss = {}
            for size in (args.docs, args.long):
                make_corpus(root / str(size), size)
                seconds, rss[size] = child_run(root / str(size), root / f"{size}.jsonl", 1)
            print(
                f"peak RSS (1 worker, fresh process): {args.docs} docs {rss[args.docs] / 1024:.0f} MiB, "
                f"{args.long} docs {rss[args.long] / 1024:.0f} MiB, ratio {rss[args.long] / rss[args.docs]:.2f}"
            )
        from benchmarks.ledger_bench import ledger_memory

        print(ledger_memory(args.ledger_records))
        _print_input_memory()
        return
    print(f"threatnews bench: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        from benchmarks.whole_process import help_seconds, real_texts, whole_process_ratio

        count, origin = real_texts(root / "real", args.real)
        whole = whole_process_ratio(root / "real", root, runs=args.runs)
        print(
            f"\nHEADLINE whole process, start-up included, one worker, {count} texts ({origin}): CPU s bare spaCy "
            f"{whole['bare']:.1f}, threatnews run {whole['threatnews']:.1f}, ratio bare/threatnews "
            f"{whole['ratio']:.2f} (median of {whole['runs']} alternating runs; target >= 1.05)"
        )
        print(f"threatnews --help: {help_seconds():.2f} s (median of 5; target < 0.5)")
        small = root / "small"
        make_corpus(small, args.docs)

        result = throughput(small, args.docs)
        docs, tokens, bare_s, e2e_s = result["docs"], result["tokens"], result["bare_s"], result["e2e_s"]
        print(f"\n{'':34}{'docs/s':>10}{'tokens/s':>12}  ({docs} docs, {tokens} tokens, best of 2)")
        print(f"{'bare nlp.pipe (same model)':34}{docs / bare_s:>10.2f}{tokens / bare_s:>12.0f}")
        print(f"{'threatnews end to end':34}{docs / e2e_s:>10.2f}{tokens / e2e_s:>12.0f}")
        print(f"{'ratio (target >= 1.0)':34}{bare_s / e2e_s:>10.2f}")

        shares = result["shares"]
        total = sum(shares.values())
        spacy_names = {"tokenizer", "tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"}
        spacy_total = sum(v for k, v in shares.items() if k in spacy_names)
        print(f"\nstage shares (one stage at a time over the {docs} docs, {total:.1f}s in all)")
        for name, seconds in shares.items():
            print(f"  {name:30}{seconds:>8.2f}s{100 * seconds / total:>7.1f}%")
        print(f"  {'= spaCy own (tokenizer..ner)':30}{spacy_total:>8.2f}s{100 * spacy_total / total:>7.1f}%")

        cold, cached = gazetteer_startup()
        print(f"\nactor stage start-up: gazetteer merged (cold) {cold:.2f}s, from the disk cache {cached:.2f}s")

        try:
            from benchmarks.clean_benchmark import clean_throughput

            clean_result = clean_throughput()
        except Exception as exc:  # the benchmark pages are optional
            clean_result = None
            print(f"clean throughput: skipped ({exc})")
        if clean_result is None:
            print("clean throughput: benchmark pages absent; skipped")
        else:
            print(
                f"clean throughput ({clean_result.pages} pages): trafilatura.extract "
                f"{clean_result.trafilatura_pages_per_s:.1f} pages/s, threatnews clean "
                f"{clean_result.clean_pages_per_s:.1f} pages/s ({clean_result.ratio:.2f}x the time)"
            )
            from benchmarks.clean_benchmark import clean_share

            share = clean_share()
            if share is not None:
                print(
                    f"clean in a run on the same real pages: clean {share.clean_s:.1f}s, spaCy pipeline "
                    f"{share.nlp_s:.1f}s on their texts, clean {100 * share.share:.1f}% (target < 10%)"
                )

        one_s, one_rss = child_run(small, root / "w1.jsonl", 1)
        two_s, _ = child_run(small, root / "w2.jsonl", 2)
        print(
            f"\nworkers (fresh process, start-up included): 1 worker {args.docs / one_s:.2f} docs/s, "
            f"2 workers {args.docs / two_s:.2f} docs/s, speed-up {one_s / two_s:.2f}x (target >= 1.8)"
        )
        # Start-up (model loads, fork server) is paid once per run, not per document: time it on one
        # document and take it off, to see how the two configurations compare once running.
        tiny = root / "tiny"
        make_corpus(tiny, 1)
        one_up, _ = child_run(tiny, root / "t1.jsonl", 1)
        two_up, _ = child_run(tiny, root / "t2.jsonl", 2)
        steady_one, steady_two = max(one_s - one_up, 1e-9), max(two_s - two_up, 1e-9)
        print(
            f"workers once started (start-up {one_up:.1f}s / {two_up:.1f}s taken off): 1 worker "
            f"{(args.docs - 1) / steady_one:.2f} docs/s, 2 workers {(args.docs - 1) / steady_two:.2f} docs/s, "
            f"speed-up {steady_one / steady_two:.2f}x"
        )
        if not args.skip_rss:
            long = root / "long"
            make_corpus(long, args.long)
            long_s, long_rss = child_run(long, root / "long.jsonl", 1)
            print(
                f"peak RSS (1 worker, fresh process): {args.docs} docs {one_rss / 1024:.0f} MiB, "
                f"{args.long} docs {long_rss / 1024:.0f} MiB, ratio {long_rss / one_rss:.2f} (target <= 1.1); "
                f"long run {args.long / long_s:.2f} docs/s"
            )
        else:
            print(f"peak RSS (1 worker, fresh process): {args.docs} docs {one_rss / 1024:.0f} MiB")

        from benchmarks.ledger_bench import ledger_memory

        print(ledger_memory(args.ledger_records))
        _print_input_memory()


if __name__ == "__main__":
    main()
