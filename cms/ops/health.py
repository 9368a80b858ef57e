"""What /health/ checks: database, cache, media storage, private donation storage, the
published static site (its bucket, when it is in object storage) and the background worker. Each check returns None when healthy or a
short reason; the reasons are public (the endpoint is), so they name no paths or hosts."""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", 30)
    try:
        if cache.get(key) != "1":
            return "cache does not keep values"
    finally:
        cache.delete(key)


def check_storage():
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as handle:
            if handle.read() != b"ok":
                return "media storage returned other bytes"
    finally:
        default_storage.delete(name)


def check_private_storage():
    from museum.donations.storage import private_storage

    name = private_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    private_storage.delete(name)


def check_static_site():
    from frontend.publishing import upload
    from frontend.publishing.builder import current_build

    if upload.enabled():
        # Several hosts share the bucket; a host's own working copy may not exist yet.
        if not upload.site_storage().exists(upload.MANIFEST):
            return "no static site has been uploaded"
        return None
    if current_build(settings.STATIC_SITE_DIR) is None:
        return "no static site has been built"


def check_worker(now=None):
    """The worker is alive if it takes a heartbeat task within HEALTH_WORKER_STALE_SECONDS.

    A heartbeat is queued (at top priority, so a long publish does not delay it) whenever the
    last one is older than a quarter of that time and none is waiting; the check fails once a
    queued heartbeat has waited longer than the limit.
    """
    from .models import WorkerHeartbeat
    from .tasks import heartbeat

    now = now or timezone.now()
    stale = timedelta(seconds=settings.HEALTH_WORKER_STALE_SECONDS)
    waiting = _oldest_waiting_heartbeat(heartbeat)
    if waiting is not None and now - waiting >= stale:
        return (
            f"the background worker has not run a task for {(now - waiting).total_seconds():.0f} s"
        )
    beat = WorkerHeartbeat.objects.filter(pk=1).values_list("beat_at", flat=True).first()
    if waiting is None and (beat is None or now - beat >= stale / 4):
        heartbeat.enqueue()


def _oldest_waiting_heartbeat(heartbeat):
    """When the oldest queued heartbeat was enqueued; None if none waits or the backend
    keeps no queue (the immediate backend runs it at once)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(heartbeat.get_backend(), DatabaseBackend):
        return None
    return (
        DBTaskResult.objects.filter(task_path=heartbeat.module_path, status="READY")
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "private_storage": check_private_storage,
    "static_site": check_static_site,
    "worker": check_worker,
}


def run_checks():
    """{name: None or reason}; a check that raises is reported, and logged with its error."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:
            logger.exception("Health check %s failed", name)
            results[name] = "error"
    return results
