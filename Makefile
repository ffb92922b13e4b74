# Twee opdrachten voor een nieuwe machine met alleen python3 en make:
#   make bouw   zet alles klaar en maakt de documenten uit invoer/voorbeeld.xlsx in uitvoer/
#   make test   zet alles klaar en draait alle tests
# Met welke Python .venv/ wordt gemaakt: de eigen /usr/bin/python3 van het systeem als die 3.11
# of nieuwer is en een venv kan maken, anders python3 uit PATH. Een andere: `make schoon` en dan
# bijvoorbeeld `make test PY=python3.12` (een bestaande .venv houdt zijn Python). De Python van
# Debian en Ubuntu is gecompileerd met profielgestuurde optimalisatie en libpython statisch
# ingebouwd; de standaardbouw van pyenv (python3 op de CI-machine) niet (README, Voor ontwikkelaars).
SYSTEEMPYTHON := $(shell /usr/bin/python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' \
                   >/dev/null 2>&1 && echo /usr/bin/python3)
PY ?= $(or $(SYSTEEMPYTHON),python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: bouw test test-snel lint voorbeeld schoon schermafbeeldingen

$(BIN)/hitteplan: pyproject.toml
	$(PY) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $@

bouw: $(BIN)/hitteplan
	$(BIN)/hitteplan bouw invoer/voorbeeld.xlsx

test: $(BIN)/hitteplan
	$(BIN)/python -m pytest -n auto

# The inner loop: everything but the tests that need LibreOffice, a browser or the validator
# (marker extern) and the slow ones (marker traag: load, wheel, benchmark, hypothesis)
test-snel: $(BIN)/hitteplan
	$(BIN)/python -m pytest -n auto -q -m "not extern and not traag" --werkboeken 2

# Stijl en types: ruff (regels en opmaak) en mypy, zoals pyproject.toml ze instelt
lint: $(BIN)/hitteplan
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Schrijf invoer/voorbeeld.xlsx opnieuw uit generator/voorbeeld.py
voorbeeld: $(BIN)/hitteplan
	$(BIN)/hitteplan nieuw invoer/voorbeeld.xlsx --voorbeeld --overschrijven

schoon:
	rm -rf $(VENV) build dist .pytest_cache

# De schermafbeeldingen van `hitteplan web` in de README opnieuw maken (in een echte browser)
schermafbeeldingen: $(BIN)/hitteplan
	HITTEPLAN_SCHERMAFBEELDINGEN=1 $(BIN)/python -m pytest tests/test_web_browser.py -q
