"""One writer per site at a time, agreed through the database, so it holds across hosts.

PostgreSQL: a session advisory lock taken on a connection of its own (a full build closes
the shared connections before forking its render processes); the server releases it when
the holder's connection ends, so a killed process never leaves it behind.
Other databases (SQLite, one host by nature): a `SiteLock` row naming the holder's host
and process; a row whose process is gone is taken over.

Locks are reentrant within a thread: a publish inside the task that already holds the
site's lock does not wait for itself.
"""

import hashlib
import logging
import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.1
_DEFAULT = object()
_held = threading.local()


class SiteLocked(Exception):
    """Another process held the lock for longer than the caller would wait."""


def lock_name(site_path, purpose="publish"):
    # abspath, not resolve: the site path is a symlink that moves with every build.
    path = os.path.abspath(site_path)
    from . import upload

    if upload.enabled() and path == os.path.abspath(settings.STATIC_SITE_DIR):
        # Each host has its own working copy; the bucket is the site they share.
        return f"{purpose}:{upload.target_name()}"
    return f"{purpose}:{path}"


@contextmanager
def site_lock(site_path, purpose="publish", timeout=_DEFAULT):
    """Hold the `purpose` lock of the site at `site_path`.

    `timeout` in seconds (default: the STATIC_SITE_LOCK_TIMEOUT setting; None waits for as
    long as it takes; 0 tries once) before `SiteLocked` is raised.
    """
    if timeout is _DEFAULT:
        timeout = getattr(settings, "STATIC_SITE_LOCK_TIMEOUT", 600)
    name = lock_name(site_path, purpose)
    counts = _held.__dict__.setdefault("counts", {})
    if counts.get(name):
        counts[name] += 1
        try:
            yield
        finally:
            counts[name] -= 1
        return
    lock = _PostgresLock(name) if _is_postgres() else _RowLock(name)
    lock.acquire(timeout)
    counts[name] = 1
    try:
        yield
    finally:
        counts.pop(name, None)
        lock.release()


def is_held_elsewhere(site_path, purpose="publish"):
    """True while a live process other than this thread holds the lock."""
    try:
        with site_lock(site_path, purpose, timeout=0):
            return False
    except SiteLocked:
        return True


def _is_postgres():
    return connections[DEFAULT_DB_ALIAS].vendor == "postgresql"


def _deadline(timeout):
    return None if timeout is None else time.monotonic() + timeout


def _expired(deadline):
    return deadline is not None and time.monotonic() >= deadline


class _PostgresLock:
    def __init__(self, name):
        self.name = name
        digest = hashlib.sha256(name.encode("utf-8")).digest()
        self.key = int.from_bytes(digest[:8], "big", signed=True)
        self.connection = None

    def acquire(self, timeout):
        deadline = _deadline(timeout)
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            waited = False
            while True:
                with self.connection.cursor() as cursor:
                    cursor.execute("SELECT pg_try_advisory_lock(%s)", [self.key])
                    if cursor.fetchone()[0]:
                        return
                if _expired(deadline):
                    raise SiteLocked(self.name)
                if not waited:
                    logger.info("Waiting for the lock %s", self.name)
                    waited = True
                time.sleep(POLL_SECONDS)
        except BaseException:
            self.connection.close()
            raise

    def release(self):
        try:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [self.key])
        finally:
            self.connection.close()


class _RowLock:
    def __init__(self, name):
        self.name = name[-255:]
        self.token = uuid.uuid4().hex

    def acquire(self, timeout):
        from frontend.models import SiteLock

        deadline = _deadline(timeout)
        host, pid = socket.gethostname(), os.getpid()
        waited = False
        while True:
            try:
                with transaction.atomic():
                    SiteLock.objects.create(name=self.name, host=host, pid=pid, token=self.token)
                return
            except IntegrityError:
                pass
            holder = SiteLock.objects.filter(name=self.name).first()
            if holder is not None and not _alive(holder.host, holder.pid):
                logger.warning(
                    "Taking over %s from dead process %s:%s", self.name, holder.host, holder.pid
                )
                SiteLock.objects.filter(pk=holder.pk, token=holder.token).delete()
                continue
            if _expired(deadline):
                raise SiteLocked(self.name)
            if not waited:
                logger.info("Waiting for the lock %s", self.name)
                waited = True
            time.sleep(POLL_SECONDS)

    def release(self):
        from frontend.models import SiteLock

        SiteLock.objects.filter(name=self.name, token=self.token).delete()


def _alive(host, pid):
    if host != socket.gethostname():
        return True  # another host's process cannot be checked from here
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
