# threatnews — `make run` and `make test` each install what is missing first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out

.PHONY: install run test lint eval eval-real eval-clean clean-venv report

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/threatnews run corpus/articles -o $(OUT)/records.jsonl

# The review report, exports and stats of the run in out/ (make run first).
report: $(STAMP)
	$(BIN)/threatnews report $(OUT)/records.jsonl -o $(OUT)/report.html
	$(BIN)/threatnews export $(OUT)/records.jsonl --to $(OUT)/bundle.json --format stix
	$(BIN)/threatnews stats $(OUT)/records.jsonl

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) lint
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/threatnews eval --gold corpus/gold --articles corpus/articles

# Real news, skipped (and said so) where a copy is absent: PolNeAR and CASIE from THREATNEWS_POLNEAR_PATH and
# THREATNEWS_CASIE_PATH (or polnear_path / casie_path in threatnews.toml); WCXB pages from THREATNEWS_WCXB_PATH,
# else ../shared when present. Errors by category go to out/errors.md.
eval-real: $(STAMP)
	THREATNEWS_WCXB_PATH=$${THREATNEWS_WCXB_PATH:-../shared/datasets/wcxb-dev-articles} \
		$(BIN)/threatnews eval --real --errors $(OUT)/errors.md

# Cleaning on the article-extraction benchmark in ../shared (skipped when absent): shingle P/R/F1.
eval-clean: $(STAMP)
	$(BIN)/python -m benchmarks.clean_eval

clean-venv:
	rm -rf $(VENV)

# Throughput against bare spaCy, stage shares, gazetteer start-up, clean vs trafilatura, peak RSS, 1 vs 2 workers.
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench
