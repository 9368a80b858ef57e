"""The deployment kit's rendered files are valid (nginx -t, systemd-analyze verify) and carry
the limits and paths of the settings; the WSGI entry defaults to production; Sentry is optional."""

import gzip
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.core.management import call_command

from museum.donations import conf

ROOT = Path(settings.BASE_DIR)
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def rendered(tmp_path, settings):
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "redirects.nginx.conf").write_text('map $uri $wzm_redirect {\n    default "";\n}\n')
    settings.STATIC_SITE_DIR = site
    out = tmp_path / "out"
    call_command(
        "render_deploy_config",
        output=str(out),
        listen="127.0.0.1:8080",
        app_address=["127.0.0.1:8001", "10.0.0.2:8001"],
        nginx_user=subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip(),
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    return out


def test_nginx_accepts_the_rendered_config(rendered):
    result = subprocess.run(
        [NGINX, "-t", "-p", str(rendered), "-c", str(rendered / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(rendered):
    units = sorted(str(p) for p in (rendered / "systemd").iterdir())
    names = {Path(u).name for u in units}
    assert {
        "wzm-web.service",
        "wzm-worker.service",
        "wzm-publish-scheduled.timer",
        "wzm-refresh-dated-pages.timer",
        "wzm-retry-donation-emails.timer",
        "wzm-maintenance.timer",
    } <= names
    result = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "manage.py db_worker" in (rendered / "systemd" / "wzm-worker.service").read_text()
    timer = (rendered / "systemd" / "wzm-refresh-dated-pages.timer").read_text()
    assert f"OnCalendar=*-*-* 00:05:00 {settings.TIME_ZONE}" in timer


def test_site_config_follows_the_settings(rendered, settings):
    site = (rendered / "wzm-site.conf").read_text()
    # The donation endpoint accepts exactly the donation limit (photos plus the form).
    block = re.search(r"location = /api/donations/ \{(.*?)\}", site, re.S).group(1)
    assert f"client_max_body_size {conf.max_request_bytes()};" in block
    assert "server 127.0.0.1:8001 fail_timeout=0;" in site
    assert "server 10.0.0.2:8001 fail_timeout=0;" in site
    assert f"root {settings.STATIC_SITE_DIR};" in site
    assert f"include {settings.STATIC_SITE_DIR.parent}/redirects.nginx.conf;" in site
    for prefix in ("/", "/en/"):
        assert f"location {prefix}search/ {{" in site
        assert f"location {prefix}donations/ {{" in site
    assert "error_page 404 /en/404.html;" in site
    proxy = (rendered / "wzm-proxy.conf").read_text()
    assert "proxy_request_buffering on;" in proxy


def test_redirects_map_is_a_parameter(tmp_path, settings):
    settings.STATIC_SITE_DIR = tmp_path / "site"
    call_command(
        "render_deploy_config",
        output=str(tmp_path / "out"),
        redirects_map="/etc/wzm/redirects.nginx.conf",
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    assert (
        "include /etc/wzm/redirects.nginx.conf;" in (tmp_path / "out" / "wzm-site.conf").read_text()
    )


def _python(code, **env):
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY", "SENTRY"))
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_wsgi_defaults_to_production_settings():
    """A forgotten DJANGO_SETTINGS_MODULE must not serve the development settings."""
    result = _python("import cms.wsgi")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr
    result = _python(
        "import cms.wsgi; from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="www.wzmuseum.example",
    )
    assert result.stdout.split() == ["cms.settings.production", "False"], result.stderr


class _Collector(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"] or 0))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            body = brotli.decompress(body)
        self.received.append((self.path, body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_sentry_reports_only_when_a_dsn_is_set():
    production = {
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "localhost",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    }
    unset = _python(
        "import sys, django; django.setup(); print('sentry_sdk' in sys.modules)", **production
    )
    assert unset.stdout.strip() == "False", unset.stderr

    server = http.server.HTTPServer(("127.0.0.1", 0), _Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dsn = f"http://publickey@127.0.0.1:{server.server_address[1]}/42"
        result = _python(
            "import django; django.setup(); import sentry_sdk;"
            "sentry_sdk.capture_message('wzm sentry smoke'); sentry_sdk.flush(10)",
            SENTRY_DSN=dsn,
            **production,
        )
        assert result.returncode == 0, result.stderr
    finally:
        server.shutdown()
    assert any(
        path == "/api/42/envelope/" and b"wzm sentry smoke" in body
        for path, body in _Collector.received
    )
