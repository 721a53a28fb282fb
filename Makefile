# make demo: set up from nothing, ingest corpus/ into performance.db, serve it with Datasette.
# make test: set up with the dev extras and run the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= performance.db
PORT ?= 8001

.PHONY: demo test setup ingest serve bench clean corpus

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,ocr]'
	touch $@

setup: $(VENV)/.installed

ingest: setup
	$(BIN)/extractor ingest corpus --db $(DB) --exclude 'bad/*' --exclude 'scanned/*' --exclude 'pool/*' \
		--exclude 'heldout12/*' --exclude 'heldout14/*' --exclude 'heldout16/*'

demo: ingest
	$(BIN)/extractor render --db $(DB) --out rendered
	$(BIN)/extractor serve --db $(DB) --port $(PORT) --rendered rendered

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/ingest.py

corpus: setup
	$(BIN)/python scripts/make_corpus.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm $(DB).lock *.egg-info rendered
