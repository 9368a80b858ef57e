"""The production stack from the kit's own files: nginx in front, gunicorn, the worker.

Everything runs as real processes on 127.0.0.1 free ports with the production settings (the
secrets from the environment, as deployed): the nginx and systemd files are rendered by
`render_deploy_config` into a temporary directory and nginx is started from them. Requests go
through nginx only. `make test` installs Debian's nginx; this module installs nothing.
"""

import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import brotli
import pytest
from django.conf import settings

from tests.donations.test_concurrency import _fields, _multipart, _photo

from .seed import PASSWORD, USERNAME

pytestmark = pytest.mark.deploy

ROOT = Path(settings.BASE_DIR)
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
STALLED_UPLOADS = 16
HEALTH_STALE_SECONDS = 4


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg(statement, url):
    import psycopg

    with psycopg.connect(
        urlsplit(url)._replace(path="/postgres").geturl(), autocommit=True
    ) as conn:
        conn.execute(statement)


class Stack:
    def __init__(self, tmp):
        self.tmp = tmp
        self.port = free_port()
        self.app_port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.access_log = tmp / "gunicorn-access.log"
        self.processes = {}
        self.pg_url = None
        configured = os.environ.get("DATABASE_URL", "")
        if configured.startswith("postgres"):
            name = "test_wzm_deploy" + os.environ.get("TEST_DB_SUFFIX", "")
            pg(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", configured)
            pg(f"CREATE DATABASE {name}", configured)
            self.pg_url = configured
            self.pg_name = name
            database_url = urlsplit(configured)._replace(path=f"/{name}").geturl()
        else:
            database_url = f"sqlite:///{tmp / 'db.sqlite3'}"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PYTEST", "DONATIONS_", "SENTRY"))
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="false",
            SITE_URL=self.origin,
            DATABASE_URL=database_url,
            MEDIA_ROOT=str(tmp / "media"),
            DONATIONS_PRIVATE_ROOT=str(tmp / "private" / "donations"),
            STATIC_ROOT=str(tmp / "static_collected"),
            STATIC_SITE_DIR=str(tmp / "public" / "site"),
            DONATIONS_ALLOWED_ORIGINS=self.origin,
            DONATIONS_RATE_LIMIT="100/h",
            RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP",
            HEALTH_WORKER_STALE_SECONDS=str(HEALTH_STALE_SECONDS),
            GUNICORN_BIND=f"127.0.0.1:{self.app_port}",
            GUNICORN_WORKERS="2",
            GUNICORN_THREADS="2",
            GUNICORN_ACCESS_LOG=str(self.access_log),
            STATIC_SITE_WORKERS="1",
            PYTHONUNBUFFERED="1",
        )

    def manage(self, *args, **kwargs):
        return self.run([sys.executable, "manage.py", *args], **kwargs)

    def run(self, command, env=None, timeout=300):
        result = subprocess.run(
            command, cwd=ROOT, env=env or self.env, capture_output=True, text=True, timeout=timeout
        )
        assert result.returncode == 0, f"{command}: {result.stdout}\n{result.stderr}"
        return result

    def start(self, name, command, env=None):
        log = open(self.tmp / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self.processes[name] = (
            subprocess.Popen(
                command, cwd=ROOT, env=env or self.env, stdout=log, stderr=subprocess.STDOUT
            ),
            log,
        )

    def stop(self, name, sig=signal.SIGTERM):
        process, log = self.processes.pop(name)
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()

    def log(self, name):
        return (self.tmp / f"{name}.log").read_text(errors="replace")

    def wait_for(self, port, name, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = self.processes[name][0]
            assert process.poll() is None, f"{name} exited:\n{self.log(name)}"
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.2)
        raise AssertionError(f"{name} did not listen on {port}:\n{self.log(name)}")

    def app_requests(self):
        return self.access_log.read_text().splitlines() if self.access_log.exists() else []

    def app_requests_during(self, client, action):
        """gunicorn's access-log lines for the requests `action` made, waiting for a marker
        request after it (gunicorn logs a request after answering it)."""
        before = len(self.app_requests())
        action()
        marker = f"/health/?marker={secrets.token_hex(8)}"
        client.get(marker)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            lines = self.app_requests()[before:]
            if any(marker in line for line in lines):
                return [line for line in lines if marker not in line]
            time.sleep(0.1)
        raise AssertionError(f"{marker} never reached gunicorn's access log")


class Client:
    """HTTP through nginx, keeping cookies (the production cookies are Secure-flagged, so an
    ordinary cookie jar would not send them back over the test's plain HTTP)."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, timeout=60):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.data = response.read()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, path, fields, referer):
        return self.request(
            "POST",
            path,
            body=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": referer},
        )


def csrf_token(html):
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()


@pytest.fixture(scope="module")
def stack():
    if not os.path.exists(NGINX):
        pytest.fail(f"nginx not found at {NGINX}; `make test` installs Debian's nginx.")
    # Not pytest's tmp_path: parallel pytest runs of the same user prune each other's.
    tmp = Path(tempfile.mkdtemp(prefix="wzm-deploy-"))
    stack = Stack(tmp)
    started = time.perf_counter()
    stack.manage("migrate", "--no-input", "-v", "0")
    stack.manage("collectstatic", "--no-input", "-v", "0")
    stack.content = json.loads(
        stack.run([sys.executable, "-m", "tests.deploy.seed"]).stdout.splitlines()[-1]
    )
    stack.manage("search_index", "rebuild")
    stack.manage("build_site", "--workers", "1")
    print(
        f"\nproduction stack: database, static files, content and site in {time.perf_counter() - started:.0f}s"
    )
    out = tmp / "deploy"
    stack.manage(
        "render_deploy_config",
        "--output",
        str(out),
        "--listen",
        f"127.0.0.1:{stack.port}",
        "--nginx-user",
        subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip(),
    )
    stack.run([NGINX, "-t", "-q", "-p", str(out), "-c", str(out / "nginx.conf")])
    # gunicorn from the kit's config, without DJANGO_SETTINGS_MODULE: cms.wsgi picks production.
    gunicorn_env = {k: v for k, v in stack.env.items() if k != "DJANGO_SETTINGS_MODULE"}
    stack.start(
        "gunicorn",
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "deploy/gunicorn.conf.py",
            "cms.wsgi:application",
        ],
        env=gunicorn_env,
    )
    stack.start("worker", [sys.executable, "manage.py", "db_worker", "--interval", "0.5"])
    stack.start(
        "nginx", [NGINX, "-p", str(out), "-c", str(out / "nginx.conf"), "-g", "daemon off;"]
    )
    stack.wait_for(stack.app_port, "gunicorn")
    stack.wait_for(stack.port, "nginx")
    stack.nginx_dir = out
    yield stack
    for name in list(stack.processes):
        stack.stop(name, signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
    if stack.pg_url:
        pg(f"DROP DATABASE IF EXISTS {stack.pg_name} WITH (FORCE)", stack.pg_url)
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def client(stack):
    return Client(stack.port)


def test_pages_are_served_as_files_without_the_app(stack, client):
    responses = {}

    def visit():
        for path in ("/", stack.content["exhibit_url"], "/en/", "/sitemap.xml", "/no-such-page/"):
            responses[path] = client.get(path)

    assert stack.app_requests_during(client, visit) == [], "a static page reached gunicorn"
    assert "世界温商博物馆与信息平台" in responses["/"].data.decode()
    exhibit = responses[stack.content["exhibit_url"]]
    assert exhibit.status == 200 and stack.content["exhibit_title"] in exhibit.data.decode()
    assert responses["/en/"].status == 200
    assert responses["/no-such-page/"].status == 404


def test_cache_headers_and_precompressed_files(stack, client):
    html = client.get(stack.content["exhibit_url"], headers={"Accept-Encoding": "br, gzip"})
    assert html.getheader("Cache-Control") == "public, max-age=0, must-revalidate"
    assert html.getheader("Content-Encoding") == "br"
    assert stack.content["exhibit_title"] in brotli.decompress(html.data).decode()
    gz = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert gz.getheader("Content-Encoding") == "gzip"
    assert "世界温商博物馆与信息平台" in gzip.decompress(gz.data).decode()
    assert html.getheader("X-Content-Type-Options") == "nosniff"

    page = client.get(stack.content["exhibit_url"]).data.decode()
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page).group(1)
    image = re.search(r'src="(/media/images/[^"]+)"', page).group(1)
    for path in (css, image):
        response = client.get(path)
        assert response.status == 200, path
        assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable", path
    sitemap = client.get("/sitemap.xml")
    assert (
        sitemap.status == 200
        and sitemap.getheader("Cache-Control") == "public, max-age=0, must-revalidate"
    )


def test_not_found_pages_per_locale(client):
    zh = client.get("/no-such-page/")
    en = client.get("/en/no-such-page/")
    assert zh.status == 404 and en.status == 404
    assert 'lang="zh-Hans"' in zh.data.decode() or 'lang="zh-hans"' in zh.data.decode()
    assert 'lang="en"' in en.data.decode()


def test_redirects_from_the_map(stack, client):
    response = client.get("/old-buttons")
    assert response.status == 301
    assert response.getheader("Location").endswith(stack.content["exhibit_url"])


def test_internals_and_private_files_are_refused(stack, client):
    original = stack.content["original_image"]
    assert (Path(stack.env["MEDIA_ROOT"]) / original).is_file()
    site = Path(stack.env["STATIC_SITE_DIR"])
    # Dot-files in the served tree (temporary files of a publish, say) are refused too.
    (site / ".manifest.json").write_text("{}")
    for path in (
        f"/media/{original}",
        "/media/original_images/",
        "/.manifest.json",
        "/redirects.nginx.conf",
        "/_headers",
        "/static/staticfiles.json",
        "/private/donations/",
        "/media/../private/donations/",
    ):
        response = client.get(path)
        assert response.status in (400, 403, 404), (path, response.status)


def test_search_and_donation_through_the_proxy(stack, client):
    searched = {}

    def search():
        searched["response"] = client.get("/search/?" + urlencode({"q": "纽扣"}))

    [logged] = stack.app_requests_during(client, search)
    search = searched["response"]
    assert search.status == 200
    assert f'href="{stack.content["exhibit_url"]}"' in search.data.decode()
    # nginx's request id reaches the app and comes back.
    assert f"request_id={search.getheader('X-Request-ID')}" in logged

    body, content_type = _multipart(_fields(1), [("photos", "front.jpg", "image/jpeg", _photo(1))])
    response = client.request(
        "POST",
        "/api/donations/",
        body=body,
        headers={
            "Content-Type": content_type,
            "Accept": "application/json",
            "Origin": stack.origin,
        },
    )
    assert response.status == 201, response.data[:500]
    reference = json.loads(response.data)["reference"]
    assert reference.startswith("WZM-")
    private = Path(stack.env["DONATIONS_PRIVATE_ROOT"])
    stored = [p for p in private.rglob("*") if p.is_file() and ".incoming" not in p.parts]
    assert stored
    # Donors' photos have no public path.
    for path in stored:
        relative = path.relative_to(private).as_posix()
        for url in (f"/media/{relative}", f"/{relative}", f"/private/donations/{relative}"):
            assert client.get(url).status == 404, url


def test_publishing_in_the_admin_reaches_the_static_site(stack, client):
    assert client.get(stack.content["draft_url"]).status == 404
    login = client.get("/admin/login/")
    assert login.status == 200
    response = client.post_form(
        "/admin/login/",
        {
            "username": USERNAME,
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf_token(login.data),
            "next": "/admin/",
        },
        referer=f"{stack.origin}/admin/login/",
    )
    assert response.status == 302, response.data[:300]
    action = f"/admin/bulk/wagtailcore/page/publish/?id={stack.content['draft_id']}&next=/admin/"
    confirm = client.get(action)
    assert confirm.status == 200
    published = client.post_form(
        action, {"csrfmiddlewaretoken": csrf_token(confirm.data)}, referer=f"{stack.origin}{action}"
    )
    assert published.status == 302, published.data[:300]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page = client.get(stack.content["draft_url"])
        if page.status == 200:
            break
        time.sleep(0.5)
    assert page.status == 200
    assert stack.content["draft_title"] in page.data.decode()


def test_stalled_uploads_do_not_block_other_requests(stack, client):
    """Clients that send headers and part of a large body, then stall: nginx holds them,
    gunicorn never sees them, and a page of the app is still answered at once."""
    before = stack.app_requests()
    stalled = []
    head = (
        "POST /api/donations/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{stack.port}\r\n"
        "Content-Type: multipart/form-data; boundary=stall\r\n"
        f"Content-Length: {60 * 1024 * 1024}\r\n"
        f"Origin: {stack.origin}\r\n\r\n"
    ).encode()
    try:
        for _ in range(STALLED_UPLOADS):
            sock = socket.create_connection(("127.0.0.1", stack.port), timeout=10)
            sock.sendall(head + b"--stall\r\n" + b"x" * 200_000)
            stalled.append(sock)
        time.sleep(1)
        started = time.perf_counter()
        search = client.get("/search/?" + urlencode({"q": "市场"}), timeout=15)
        elapsed = time.perf_counter() - started
        assert search.status == 200
        assert elapsed < 5, (
            f"answered after {elapsed:.1f}s behind {STALLED_UPLOADS} stalled uploads"
        )
        assert not [
            line for line in stack.app_requests()[len(before) :] if "/api/donations/" in line
        ]
    finally:
        for sock in stalled:
            sock.close()


def test_health_checks_the_worker(stack, client):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        health = client.get("/health/")
        if health.status == 200:
            break
        time.sleep(0.5)
    body = json.loads(health.data)
    assert health.status == 200, body
    assert body["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "private_storage": "ok",
        "static_site": "ok",
        "worker": "ok",
    }
    stack.stop("worker")
    time.sleep(HEALTH_STALE_SECONDS / 4 + 0.5)
    client.get("/health/")  # queues a heartbeat no worker takes
    time.sleep(HEALTH_STALE_SECONDS + 1)
    health = client.get("/health/")
    body = json.loads(health.data)
    assert health.status == 503, body
    assert body["checks"]["worker"].startswith("the background worker has not run a task")
    assert body["checks"]["database"] == "ok"


def test_production_settings_pass_check_deploy(stack):
    env = dict(stack.env, SECURE_SSL_REDIRECT="true")
    result = stack.manage("check", "--deploy", env=env)
    assert "ERROR" not in result.stderr
