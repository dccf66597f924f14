# PMO: install / run / test / lint / bench / soak / demo. Every target sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DISTS := shared services/projects services/governance services/resources services/reporting

.PHONY: install run run-postgres test test-postgres lint lint-deploy bench soak demo clean

install: $(STAMP)

$(STAMP): constraints.txt requirements-dev.txt $(foreach d,$(DISTS),$(d)/pyproject.toml)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -r requirements-dev.txt $(foreach d,$(DISTS),-e $(d))
	touch $(STAMP)

run: install
	$(BIN)/pmo run

run-postgres: install
	$(BIN)/pmo run --postgres

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy shared/src

# Offline checks of deploy/: hadolint, compose schema, nats config, rendered Kustomize overlays.
lint-deploy: install
	BIN=$(BIN) bash deploy/validate.sh

bench: install
	$(BIN)/python -m bench

soak: install
	$(BIN)/pytest -q -s -m soak

# Starts `pmo run` on a fresh var/demo, writes the small seeded portfolio, prints report URLs.
demo: install
	$(BIN)/python -m bench.generator.demo

clean:
	rm -rf $(VENV) var
