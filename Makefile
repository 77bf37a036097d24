# stratlink: two commands on a fresh machine
#   make demo   create .venv, install, run the main job on the bundled sample
#   make test   install the test dependencies, start what the tests need, run every test

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STRATLINK := $(VENV)/bin/stratlink
SAMPLE ?= examples/roiet-2561
OUT    ?= out

.PHONY: demo test venv install install-test neo4j neo4j-stop sample-xlsx bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[shacl]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[shacl,neo4j,test]"
	touch $@ $(VENV)/.installed

venv install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: $(VENV)/.installed
	@mkdir -p $(OUT)
	$(STRATLINK) info $(SAMPLE)
	$(STRATLINK) validate $(SAMPLE) --fail-on never
	$(STRATLINK) export $(SAMPLE) --to $(OUT)/roiet-2561.ttl
	@echo "demo outputs are in $(OUT)/"

test: $(VENV)/.installed-test
	$(PY) -m pytest -q

neo4j: $(VENV)/.installed-test
	@$(PY) tools/neo4j/server.py start

neo4j-stop:
	@$(PY) tools/neo4j/server.py stop

sample-xlsx: $(VENV)/.installed
	$(PY) tools/sample_xlsx.py $(SAMPLE) $(SAMPLE).xlsx

bench: $(VENV)/.installed
	$(PY) benchmarks/bench_check.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis *.egg-info
