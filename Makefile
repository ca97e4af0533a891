# Two commands on a fresh machine: `make site` and `make test`. Both create .venv themselves.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: site test bench schemas validate system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[import,test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

# Debian packages for browser tests and CJK screenshots; installed only when missing and root.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "需要 chromium 与 fonts-noto-cjk（apt-get install chromium fonts-noto-cjk）"; exit 1; fi; \
	fi

validate: $(STAMP)
	$(BIN)/nianbao validate

schemas: $(STAMP)
	$(BIN)/nianbao schemas

site: $(STAMP)
	$(BIN)/nianbao build

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

bench: $(STAMP) system-deps
	$(BIN)/python -m bench

clean:
	rm -rf build site
