# The two commands: `make run` (set up and serve the demo site) and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute links (sitemap, share links, QR codes) name the address the site is served at.
SITE_URL ?= http://$(HOST):$(PORT)
export SITE_URL

.PHONY: run install install-test setup chromium fonts nginx deploy-check test pytest lint check bench clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

install: $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt

install-test: $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements-test.txt

## Migrate, create roles, load the demo content and a local admin account.
setup: install fonts
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) setup_roles
	$(MANAGE) create_local_admin

## Build the static site, then serve it at / (admin at /admin/, API at /api/ stay live),
## with the background worker that publishes changes beside it; both stop together.
run: setup
	$(MANAGE) build_site
	$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	SERVE_STATIC_SITE=1 $(MANAGE) runserver --nostatic $(HOST):$(PORT)

## Full-build throughput (demo and 10,000+ pages), publish latency, one-request baseline;
## search latency p50/p95 on the demo (SEARCH_BENCH_DOCUMENTS=100000: also on that many pages).
bench: install
	$(MANAGE) bench_site
	DATABASE_URL=sqlite:///build/bench/demo.sqlite3 MEDIA_ROOT=build/bench/media-demo \
		$(MANAGE) search_benchmark --embedded
	@if [ -n "$(SEARCH_BENCH_DOCUMENTS)" ]; then \
		test -f build/bench/search.sqlite3 || cp build/bench/demo.sqlite3 build/bench/search.sqlite3; \
		DATABASE_URL=sqlite:///build/bench/search.sqlite3 MEDIA_ROOT=build/bench/media-demo \
			$(MANAGE) search_benchmark --embedded --documents $(SEARCH_BENCH_DOCUMENTS); \
	fi

## Debian's Chromium and its driver for the browser tests (never a downloaded browser).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk; \
	fi

## Debian's Noto CJK fonts: the donation certificate (捐赠证书) is set in them.
fonts:
	@if [ ! -e /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk; \
	fi

## Debian's nginx and its brotli_static module: the production smoke test (tests/deploy/) runs them.
nginx:
	@if [ ! -x /usr/sbin/nginx ] || [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-brotli-static; \
	fi

## Render deploy/ into build/deploy-check and validate it: `nginx -t`, `systemd-analyze verify`.
DEPLOY_CHECK := $(CURDIR)/build/deploy-check
deploy-check: install nginx
	rm -rf $(DEPLOY_CHECK) && mkdir -p $(DEPLOY_CHECK)/site
	printf 'map $$uri $$wzm_redirect {\n    default "";\n}\n' > $(DEPLOY_CHECK)/redirects.nginx.conf
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) render_deploy_config --output $(DEPLOY_CHECK)/out \
		--site-dir $(DEPLOY_CHECK)/site --listen 127.0.0.1:8080 --nginx-user "$$(id -un)" >/dev/null
	/usr/sbin/nginx -t -q -p $(DEPLOY_CHECK)/out -c $(DEPLOY_CHECK)/out/nginx.conf
	@if command -v systemd-analyze >/dev/null; then \
		systemd-analyze verify $(DEPLOY_CHECK)/out/systemd/*.service $(DEPLOY_CHECK)/out/systemd/*.timer && echo "systemd units: ok"; \
	else echo "systemd-analyze not found: units not verified"; fi
	@echo "deploy-check: ok"

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install-test
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run

test: install-test chromium fonts nginx lint check pytest

## The tests alone: CI runs lint and check once, then its passes of pytest side by side.
pytest: install-test chromium fonts nginx
	$(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf build site site.* .site.lock db.sqlite3
