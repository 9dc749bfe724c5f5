"""The benchmark scorer: \\w+ tokens, 4-gram shingle multisets, averaged precision/recall, F1 of averages."""

import pytest

from benchmarks.clean_eval import BENCHMARK_DIR, BenchmarkPage, load_pages, page_score, score, shingles


def test_clean_eval_shingles_are_a_multiset_of_word_4grams():
    assert shingles("a b c d a b c d") == {
        ("a", "b", "c", "d"): 2,
        ("b", "c", "d", "a"): 1,
        ("c", "d", "a", "b"): 1,
        ("d", "a", "b", "c"): 1,
    }
    assert shingles("short text") == {("short", "text"): 1}


def test_clean_eval_page_score_counts_shared_shingles():
    truth = "one two three four five six"
    assert page_score(truth, truth) == (1.0, 1.0)
    precision, recall = page_score("one two three four five six seven eight", truth)
    assert precision == pytest.approx(3 / 5) and recall == 1.0
    assert page_score("", truth) == (0.0, 0.0)


def test_clean_eval_score_averages_then_takes_f1():
    pages = [BenchmarkPage("a", "", b"", "w x y z"), BenchmarkPage("b", "", b"", "p q r s t")]
    result = score(lambda page: page.truth if page.page_id == "a" else "", pages)
    assert (result.precision, result.recall) == (0.5, 0.5) and result.f1 == 0.5


def test_clean_eval_benchmark_loads_when_present():
    if not BENCHMARK_DIR.is_dir():
        pytest.skip("../shared/datasets/article-extraction-benchmark is absent")
    first = next(load_pages())
    assert first.html.lstrip().startswith(b"<") and first.truth
