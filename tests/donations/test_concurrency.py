"""Simultaneous donations against a real running backend: every one stored, none lost.

The backend runs as its own gunicorn server (threaded workers, as deployed) on its own database;
the donations arrive as real HTTP requests from threads released together by a barrier.
"""

import http.client
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from PIL import Image

SUBMISSIONS = 60
WORKERS = 2
THREADS = 8
ORIGIN = "https://www.wzmuseum.example"
ROOT = Path(settings.BASE_DIR)


def _photo(seed, fmt="JPEG"):
    image = Image.new("RGB", (320, 240), ((seed * 37) % 256, (seed * 91) % 256, 90))
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def _multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, filename, content_type, data in files:
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _fields(n):
    return {
        "donor_name": f"并发测试捐赠人{n}",
        "email": f"donor{n}@example.com",
        "phone": "",
        "wechat": "",
        "country": "西班牙",
        "city": "马德里",
        "title": f"温州商会旧徽章 {n}",
        "category": "medal",
        "era": "1990年代",
        "description": "商会成立时定制的铜质徽章。",
        "story": "",
        "intent": "donate",
        "consent_display": "on",
        "consent_privacy": "on",
        "lang": "zh-hans",
        "website": "",
    }


# gunicorn's arbiter: "Listening at: http://127.0.0.1:41234 (12345)".
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+) ")


class Backend:
    def __init__(self, tmp_path):
        self.tmp = tmp_path
        self.port = None  # the port gunicorn reports once it listens (see start)
        self.media = tmp_path / "media"
        self.private = tmp_path / "private" / "donations"
        self.database_url, self.pg_name = self._database()
        self.process = None

    def _database(self):
        configured = os.environ.get("DATABASE_URL", "")
        if configured.startswith("postgres"):
            name = "test_wzm_donations_live" + os.environ.get("TEST_DB_SUFFIX", "")
            self._pg("DROP DATABASE IF EXISTS {name}", name, configured)
            self._pg("CREATE DATABASE {name}", name, configured)
            parts = urlsplit(configured)
            return parts._replace(path=f"/{name}").geturl(), name
        return f"sqlite:///{self.tmp / 'live.sqlite3'}", None

    @staticmethod
    def _pg(statement, name, url):
        import psycopg

        parts = urlsplit(url)
        with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
            conn.execute(statement.format(name=name))

    def env(self, email_backend=None, **extra):
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="tests.donations.live_settings",
            DATABASE_URL=self.database_url,
            DONATIONS_LIVE_MEDIA_ROOT=str(self.media),
            DONATIONS_LIVE_PRIVATE_ROOT=str(self.private),
            DONATIONS_LIVE_ORIGIN=ORIGIN,
            PYTHONUNBUFFERED="1",
        )
        if email_backend:
            env["DONATIONS_LIVE_EMAIL_BACKEND"] = email_backend
        env.update(extra)
        return env

    def manage(self, *args, email_backend=None):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(email_backend),
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )

    def start(self, email_backend=None, **extra_env):
        self.log = open(self.tmp / f"server-{time.time_ns()}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi:application",
                # Port 0: the kernel gives gunicorn a free port as it binds. A port chosen
                # beforehand could be taken by another test run on this machine in between, and
                # then this test's requests reached that run's server.
                "--bind",
                "127.0.0.1:0",
                "--workers",
                str(WORKERS),
                "--threads",
                str(THREADS),
                "--worker-class",
                "gthread",
                "--backlog",
                "2048",
                "--timeout",
                "120",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=self.env(email_backend, **extra_env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        self.port = None
        while time.monotonic() < deadline:
            if self.port is None:
                listening = LISTENING.search(Path(self.log.name).read_text())
                if not listening:
                    time.sleep(0.1)
                    continue
                self.port = int(listening.group(1))
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/donations/status/")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.log.flush()
        raise RuntimeError("backend did not start: " + Path(self.log.name).read_text())

    def stop(self):
        if self.process:
            self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
            self.process.wait(timeout=30)
            self.process = None
            self.log.close()

    def drop(self):
        if self.pg_name:
            self._pg(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)",
                self.pg_name,
                os.environ["DATABASE_URL"],
            )

    def stored(self):
        """What the backend's database holds, read through the project's own models."""
        code = (
            "import json\n"
            "from museum.donations.models import Donation\n"
            "print(json.dumps([{'reference': d.reference, 'email': d.email, 'photos': [p.file.name for p in d.photos.all()],"
            " 'sent': [n.sent_at is not None for n in d.notifications.all()],"
            " 'attempts': [n.attempts for n in d.notifications.all()]} for d in Donation.objects.all()]))\n"
        )
        out = self.manage("shell", "-c", code).stdout
        return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    server = Backend(tmp_path_factory.mktemp("donations-live"))
    server.manage("migrate", "--no-input", "-v", "0")
    yield server
    server.stop()
    server.drop()


def _submit_all(backend, count, offset):
    barrier = threading.Barrier(count)
    results = [None] * count
    bodies = []
    for i in range(count):
        n = offset + i
        files = [
            ("photos", f"front-{n}.jpg", "image/jpeg", _photo(n)),
            ("photos", f"back-{n}.png", "image/png", _photo(n + 1000, "PNG")),
        ]
        bodies.append(_multipart(_fields(n), files))

    def worker(i):
        body, content_type = bodies[i]
        conn = http.client.HTTPConnection("127.0.0.1", backend.port, timeout=120)
        barrier.wait()
        started = time.perf_counter()
        try:
            conn.request(
                "POST",
                "/api/donations/",
                body=body,
                headers={
                    "Content-Type": content_type,
                    "Accept": "application/json",
                    "Origin": ORIGIN,
                },
            )
            response = conn.getresponse()
            results[i] = (
                response.status,
                json.loads(response.read() or b"{}"),
                time.perf_counter() - started,
            )
        except Exception as exc:  # recorded, then asserted on below
            results[i] = (None, {"error": repr(exc)}, time.perf_counter() - started)
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies = sorted(r[2] for r in results)
    print(
        f"\n{count} simultaneous donations: wall {wall:.2f}s, "
        f"{count / wall:.1f} donations/s, median {latencies[len(latencies) // 2]:.2f}s, "
        f"max {latencies[-1]:.2f}s"
    )
    return results


def _check(backend, results, count):
    failures = [r for r in results if r[0] != 201]
    assert not failures, failures[:3]
    references = [r[1]["reference"] for r in results]
    assert len(set(references)) == count
    stored = {row["reference"]: row for row in backend.stored()}
    for reference in references:
        photos = stored[reference]["photos"]
        assert len(photos) == 2
        for name in photos:
            assert (backend.private / name).is_file(), name
    assert not any((backend.private / ".incoming").iterdir())
    return stored, references


def test_simultaneous_donations_all_stored(backend):
    backend.start()
    try:
        results = _submit_all(backend, SUBMISSIONS, 0)
        stored, references = _check(backend, results, SUBMISSIONS)
        assert all(all(stored[r]["sent"]) and stored[r]["sent"] for r in references)
    finally:
        backend.stop()


def test_simultaneous_donations_with_failing_email(backend):
    backend.start(email_backend="tests.donations.failing_email.FailingEmailBackend")
    try:
        results = _submit_all(backend, SUBMISSIONS, 10_000)
        stored, references = _check(backend, results, SUBMISSIONS)
        for reference in references:
            assert stored[reference]["sent"] == [False]
            assert stored[reference]["attempts"] == [1]
    finally:
        backend.stop()
    # Once mail works again, the retry command delivers every one of them.
    out = backend.manage("retry_donation_emails").stdout
    assert f"sent {SUBMISSIONS}, failed 0" in out


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no shared cache to test"
)
def test_rate_limit_holds_across_workers_with_a_shared_cache(backend):
    """Two worker processes, one address: the limit counts once in Redis, not once per worker."""
    limit, attempts = 5, 16
    before = len(backend.stored())
    backend.start(
        DONATIONS_LIVE_RATE_LIMIT=f"{limit}/h",
        DONATIONS_LIVE_REDIS_URL=os.environ["REDIS_URL"],
        DONATIONS_LIVE_CACHE_PREFIX=f"ratelimit-test-{uuid.uuid4().hex}",
    )
    try:
        results = _submit_all(backend, attempts, 20_000)
    finally:
        backend.stop()
    statuses = sorted(r[0] for r in results)
    assert statuses == [201] * limit + [429] * (attempts - limit), statuses
    refused = next(r[1] for r in results if r[0] == 429)
    assert refused["errors"]["__all__"][0].startswith("提交过于频繁，请在 ")
    # Refused submissions leave nothing behind.
    assert len(backend.stored()) == before + limit


def _private_files(root):
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] != ".incoming"
    )


def test_worker_killed_mid_donation_leaves_no_orphan_and_no_missing_photo(backend, tmp_path):
    """A worker is `kill -9`ed while it stores a donation, in the middle of a burst of 50.

    Whatever was committed keeps its photos; whatever was not leaves no photo outside the staging
    area, and the scheduled sweep clears the staging area: afterwards every file in private
    storage belongs to a row and every row's files exist.
    """
    markers = tmp_path / "markers"
    markers.mkdir()
    backend.start(
        DONATIONS_LIVE_FAULT_MARKERS=str(markers),
        GUNICORN_CMD_ARGS="--config python:tests.donations.gunicorn_fault",
    )
    killed = []

    def kill_first_holder():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            for marker in markers.iterdir():
                pid = int(marker.name)
                os.kill(pid, signal.SIGKILL)
                killed.append((pid, marker.read_text()))
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_first_holder)
    killer.start()
    try:
        results = _submit_all(backend, 50, 30_000)
    finally:
        killer.join()
        backend.stop()
    assert killed, "no worker was caught storing a donation"
    accepted = [r[1]["reference"] for r in results if r[0] == 201]
    lost = [r for r in results if r[0] != 201]
    assert lost, "the kill should have cost the requests the worker was serving"
    assert all(r[0] is None for r in lost), lost[:3]  # cut connections, no error answers
    assert accepted  # the other worker, and the killed one's replacement, kept serving

    def check():
        rows = backend.stored()
        # The held donation was rolled back, not half-stored.
        assert killed[0][1] not in {row["email"] for row in rows}
        stored = {row["reference"]: row["photos"] for row in rows}
        for reference in accepted:
            assert len(stored[reference]) == 2, reference
        named = sorted(name for photos in stored.values() for name in photos)
        return named

    # Even before the sweep, no photo sits in its final place without a row, and every row's photo
    # is somewhere: in its place, or still staged when the kill came between another thread's
    # commit and its move (threaded workers: the killed process may have been serving several).
    named = check()
    in_place = _private_files(backend.private)
    assert set(in_place) <= set(named)
    staged = {p.name for p in (backend.private / ".incoming").iterdir()}
    assert all(Path(name).name.split("-", 1)[1] in staged for name in set(named) - set(in_place))
    assert staged  # at least the killed request's staged photos

    out = backend.manage("retry_donation_emails", "--min-age", "0").stdout
    assert "missing 0" in out, out
    assert check() == named
    assert _private_files(backend.private) == named
    assert not any((backend.private / ".incoming").iterdir())
