# Campus Careers — the two commands: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
LOCAL_ENV := DEBUG=0 LOCAL_HTTP=1 ALLOW_INSECURE_SECRET=1 SECRET_KEY="$$(cat var/secret_key)"

.PHONY: run test bench install assets browser db clean

$(STAMP): requirements.txt requirements-test.txt requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements-test.txt -c requirements.lock
	touch $(STAMP)

install: $(STAMP)

assets: $(STAMP)
	$(PY) scripts/fetch_assets.py --quiet

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key

db: install assets var/secret_key
	$(LOCAL_ENV) $(PY) manage.py migrate --noinput -v0
	$(LOCAL_ENV) $(PY) manage.py load_codes
	$(LOCAL_ENV) $(PY) manage.py seed_demo
	$(LOCAL_ENV) $(PY) manage.py collectstatic --noinput -v0

## make run: install, create the SQLite database with code tables and demo data, serve on :8000 — with the fake
## WeChat on :8765 (careers/wechat/fake) so binding, scan login, template messages and payments work without a
## WeChat account; the site reaches it through the one setting WECHAT_FAKE_URL. `make run WECHAT=off`: no fake.
WECHAT ?= fake
run: db
	@echo "高校就业服务平台: http://127.0.0.1:8000"
ifeq ($(WECHAT),fake)
	@echo "模拟微信: http://127.0.0.1:8765/_sim/"
	$(LOCAL_ENV) $(PY) manage.py wechat_fake --port 8765 --callback http://127.0.0.1:8000/wechat/callback/ & \
	  FAKE=$$!; trap "kill $$FAKE 2>/dev/null" EXIT INT TERM; \
	  $(LOCAL_ENV) WECHAT_FAKE_URL=http://127.0.0.1:8765 $(PY) manage.py runserver 127.0.0.1:8000
else
	$(LOCAL_ENV) $(PY) manage.py runserver 127.0.0.1:8000
endif

# Debian's chromium and a CJK font for the browser tests (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi wqy || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei)

## make test: install test dependencies and run the whole suite, spread over the machine's cores; the demo walk
## stays in one process and the browser tests in two runs of consecutive tests (conftest.py: SHARED_STATE_GROUPS)
PYTEST_WORKERS ?= auto
test: install assets browser
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

## make bench: measured figures, one `bench:` line each
bench: install assets
	$(PIP) install -q -r requirements-bench.txt -c requirements.lock
	$(PY) bench/run.py

clean:
	rm -rf var .cache careers/static/vendor careers/codes/data/vendor

## make run-wechat: the same as `make run` (kept for the docs that name it)
.PHONY: run-wechat
run-wechat: run
