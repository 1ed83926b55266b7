# Områdekart — `make help` lists the targets. Everything runs from the project's own .venv.

SHELL := /bin/bash
.DEFAULT_GOAL := help
# a recipe that fails (e.g. a half-written GeoPackage) leaves no target behind that looks done
.DELETE_ON_ERROR:

PYTHON ?= python3
PORT ?= 8501
VENV := .venv
BIN := $(VENV)/bin
REQUIREMENTS := $(wildcard requirements*.txt)
REQ_STAMP := $(VENV)/.stamp-req
GPKG := data/omradekart.gpkg
DATA_SOURCES := $(shell find data/sources -type f 2>/dev/null)
GEO_BUILD := $(wildcard geo/build/*.py geo/schema.py)
CHROMIUM := /usr/bin/chromium

# In CI a missing browser fails the e2e tests instead of skipping them.
ifeq ($(CI),true)
export OMRADEKART_REQUIRE_BROWSER := 1
endif

.PHONY: help venv install vendor data national run kiosk chromium postgres nginx cluster cluster-stop lint \
	test bench clean

help: ## print the targets and what each does
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

venv: $(REQ_STAMP) vendor ## create .venv, install requirements-dev.txt and the omradekart command, vendor Leaflet

install: venv ## same as venv

$(BIN)/python: ## create the virtual environment if missing
	$(PYTHON) -m venv $(VENV)

$(REQ_STAMP): $(REQUIREMENTS) pyproject.toml | $(BIN)/python ## pip install, only when requirements or pyproject changed
	$(BIN)/python -m pip install -r requirements-dev.txt
	$(BIN)/python -m pip install --no-deps -e .
	touch $@

vendor: $(REQ_STAMP) ## copy Leaflet, its plugins and axe-core (a11y tests) into static/vendor/ (idempotent)
	$(BIN)/python -m components.maps.vendor

data: $(GPKG) ## build data/omradekart.gpkg from data/sources/ when a source or builder changed

$(GPKG): $(DATA_SOURCES) $(GEO_BUILD) | $(REQ_STAMP) ## the default store, rebuilt by `python -m geo.build`
	$(BIN)/python -m geo.build

NATIONAL := data/national.gpkg

national: $(NATIONAL) ## synthetic national-size dataset (14,000 zones, 10,000 points) + its vector tiles

$(NATIONAL): $(GPKG) bench/national.py $(GEO_BUILD) | $(REQ_STAMP) ## data/national.gpkg and static/tiles/national/
	$(BIN)/python bench/national.py $@

run: install data ## start the app (serve.py: warmed at start) on http://localhost:8501 (another port: make run PORT=8502)
	$(BIN)/python serve.py --server.port $(PORT)

kiosk: ## start the app locked in kiosk mode for a public display (README: Presentasjon og kiosk)
	OMRADEKART_MODE=kiosk $(MAKE) run

chromium: ## install Debian's Chromium for the browser tests (root), or say why they are skipped
	@if [ -x $(CHROMIUM) ]; then \
		echo "chromium: $(CHROMIUM) present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-dejavu-core; \
	else \
		echo "chromium: $(CHROMIUM) is missing and installing it needs root and apt-get; browser tests (tests/e2e) will be skipped"; \
	fi

postgres: ## install Debian's PostgreSQL + PostGIS for the store tests (root), or say why skipped
	@if ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then \
		echo "postgres: PostgreSQL and PostGIS present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		export DEBIAN_FRONTEND=noninteractive; \
		{ ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt-get update; } \
		&& apt-get install -y --no-install-recommends postgresql \
		&& v=$$(ls /usr/lib/postgresql | sort -n | tail -1) \
		&& { apt-get install -y --no-install-recommends postgresql-$$v-postgis-3 \
			|| { apt-get update && apt-get install -y --no-install-recommends postgresql-$$v-postgis-3; }; }; \
	else \
		echo "postgres: PostgreSQL/PostGIS missing and installing needs root and apt-get; PostGIS store tests will be skipped"; \
	fi

nginx: ## install Debian's nginx, the reverse proxy of `make cluster` (root), or say why skipped
	@if [ -x /usr/sbin/nginx ]; then \
		echo "nginx: /usr/sbin/nginx present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y --no-install-recommends nginx-light \
			|| { apt-get update && apt-get install -y --no-install-recommends nginx-light; }; \
	else \
		echo "nginx: missing and installing it needs root and apt-get; cluster tests will be skipped"; \
	fi

CLUSTER_DIR ?= .cluster

cluster: install data postgres nginx ## PostGIS + two app servers + nginx on PORT (README: Drift)
	$(BIN)/python deploy/cluster.py start --dir $(CLUSTER_DIR) --port $(PORT)

cluster-stop: ## stop exactly what `make cluster` started (its pid files in .cluster/)
	$(BIN)/python deploy/cluster.py stop --dir $(CLUSTER_DIR)

lint: install ## ruff over the repo, mypy over geo/, import contracts (settings in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/mypy geo
	$(BIN)/lint-imports

test: install data chromium postgres nginx lint ## lint, then the whole pytest suite (unit, app, e2e)
	$(BIN)/python -m pytest

bench: install data ## pages against Streamlit's floor, Kart against plain folium (bench/README.md)
	$(BIN)/python bench/run.py

clean: ## remove .venv, static/vendor/, the built GeoPackages and their tiles
	rm -rf $(VENV) static/vendor static/tiles $(GPKG) $(NATIONAL)
