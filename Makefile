# stratlink: two commands on a fresh machine
#   make demo   create .venv, install, run the main job on the bundled sample
#   make test   install the test dependencies, start what the tests need, run every test

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STRATLINK := $(VENV)/bin/stratlink
SAMPLE ?= examples/roiet-2561
# a complete village (community-plan) project of the sample, for the workshop path view
FOCUS  ?= PRJ-068
OUT    ?= out

.PHONY: system-deps browser-deps demo test lint venv install install-test neo4j neo4j-stop sample-xlsx bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# viz: pyvis, for the map and the report that make demo writes
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[shacl,viz]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[shacl,neo4j,test]"
	touch $@ $(VENV)/.installed

venv install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: $(VENV)/.installed
	@mkdir -p $(OUT)
	$(STRATLINK) info $(SAMPLE)
	$(STRATLINK) export $(SAMPLE) --to $(OUT)/roiet-2561.ttl
	$(STRATLINK) check $(SAMPLE) --format json --output $(OUT)/report.json --fail-on never
	$(STRATLINK) map $(SAMPLE) -o $(OUT)/map.html
	$(STRATLINK) map $(SAMPLE) -o $(OUT)/focus.html --focus $(FOCUS)
	$(STRATLINK) report $(SAMPLE) -o $(OUT)/report.html
	@echo "demo outputs are in $(OUT)/; open in a browser (they work offline):"
	@echo "  $(abspath $(OUT))/map.html     the whole linkage map"
	@echo "  $(abspath $(OUT))/focus.html   how village project $(FOCUS) reaches the National Strategy"
	@echo "  $(abspath $(OUT))/report.html  the report: summary, findings, coverage, matrix, value chains, map"

# the Neo4j test server needs a JDK (javac) and Maven; install them from Debian if absent
system-deps:
	@if [ -z "$$NEO4J_URI" ] && ! { command -v javac >/dev/null && command -v mvn >/dev/null; }; then \
	  echo "installing a JDK and Maven for the Neo4j test server" >&2; \
	  apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null; fi

# the browser tests of the map and report need Chromium, its driver and a Thai font
browser-deps:
	@if ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null && \
	        fc-list 2>/dev/null | grep -qiE 'loma|noto sans thai|garuda'; }; then \
	  echo "installing Chromium, chromedriver and Thai fonts for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium chromium-driver fonts-thai-tlwg >/dev/null; fi

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .

test: $(VENV)/.installed-test system-deps browser-deps lint
	STRATLINK_REQUIRE_BROWSER=1 $(PY) -m pytest -q

# prints `export NEO4J_...` lines: eval "$$(make -s neo4j)" sets them in your shell
neo4j: $(VENV)/.installed-test system-deps
	@$(PY) tools/neo4j/server.py start

neo4j-stop:
	@$(PY) tools/neo4j/server.py stop

sample-xlsx: $(VENV)/.installed
	$(PY) tools/sample_xlsx.py $(SAMPLE) $(SAMPLE).xlsx

# the national-scale benchmark (benchmarks/RESULTS.md); SIZES=10k,100k for a quick one
# (with the Neo4j columns: bulk import, Cypher load, LOAD CSV floor, neo4j check; and a
# py-spy profile of check at PROFILE)
SIZES ?= 10k,100k,300k,1M
PROFILE ?= 1M
bench: $(VENV)/.installed system-deps
	$(PY) -m pip install --quiet -e ".[bench,neo4j]"
	$(PY) benchmarks/run.py --sizes $(SIZES) --neo4j --profile $(PROFILE)

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis *.egg-info
