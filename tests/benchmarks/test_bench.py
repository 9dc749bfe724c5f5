"""The bench's generated corpus (the bench itself is ``make bench``, never a test)."""

from benchmarks.bench import make_corpus, vary


def test_bench_generated_corpus_has_distinct_bodies(tmp_path):
    paths = make_corpus(tmp_path, 30)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(paths) == 30 and len(set(texts)) == 30
    assert {p.suffix for p in paths} == {".txt", ".html"}


def test_bench_vary_changes_numbers_and_places_only():
    import re

    text = "In 2024 hackers hit Texas, officials said."
    assert vary(text, 0) == text
    copies = {vary(text, k) for k in range(1, 5)}
    assert len(copies) == 4 and text not in copies  # every copy differs from the others and from the original
    for copy in copies:
        words, original = copy.split(), text.split()
        changed = {i for i, (a, b) in enumerate(zip(words, original, strict=True)) if a != b}
        assert changed <= {1, 4}  # only the number and the place
        assert re.fullmatch(r"\d{4}", words[1])


def test_bench_throughput_runs_both_sides_and_every_stage(tmp_path):
    """``make bench`` is never run in CI, so its own code is: on four generated documents it must run bare spaCy,
    threatnews end to end and each stage (its imports went stale once, unnoticed, when the layout changed)."""
    from benchmarks.bench import gazetteer_startup, throughput

    make_corpus(tmp_path, 4)
    result = throughput(tmp_path, 4)
    assert result["docs"] == 4 and result["tokens"] > 0
    assert result["bare_s"] > 0 and result["e2e_s"] > 0
    assert {"clean", "tokenizer", "parser", "tn_actors", "tn_quotes", "tn_claims", "records+writing"} <= set(
        result["shares"]
    )
    cold, cached = gazetteer_startup()
    assert cold > 0 and cached >= 0


def test_bench_clean_share_on_real_pages():
    """The bench's clean-in-a-run line, on three of the benchmark's real pages (skipped without ../shared)."""
    import pytest

    from benchmarks.clean_benchmark import BENCHMARK_DIR, clean_share

    if not BENCHMARK_DIR.is_dir():
        pytest.skip("article-extraction benchmark pages absent")
    share = clean_share(limit=3)
    assert share is not None and share.pages == 3
    assert share.clean_s > 0 and share.nlp_s > 0 and 0 < share.share < 1
