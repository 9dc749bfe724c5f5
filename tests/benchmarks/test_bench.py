"""The bench's generated corpus (the bench itself is ``make bench``, never a test)."""

from benchmarks.bench import make_corpus, vary


def test_bench_generated_corpus_has_distinct_bodies(tmp_path):
    paths = make_corpus(tmp_path, 30)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(paths) == 30 and len(set(texts)) == 30
    assert {p.suffix for p in paths} == {".txt", ".html"}


def test_bench_vary_changes_numbers_and_places_only():
    assert vary("In 2024 hackers hit Texas.", 0) == "In 2024 hackers hit Texas."
    assert vary("In 2024 hackers hit Texas.", 1) == "In 3135 hackers hit Ohio."
