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
