"""Publishing in the background: each change is a row, each committed batch of them a task.

An editor's publish records what changed (`StaticPublish`, one row per change) and enqueues
`publish_batch`; the request returns and a worker (`manage.py db_worker`) re-renders the
files. The rows are the durable state the admin shows (已同步 / 更新中 / 失败，将重试):

- a batch is applied under the site lock, and marked running only while that lock is held;
  so a running row whose site lock is free belongs to a worker that died, and `recover`
  (on every worker start, and in `manage.py retry_publishes`) puts it back in the queue;
- a failed batch is retried with growing delays, STATIC_PUBLISH_MAX_ATTEMPTS times in all,
  then waits for a site administrator's retry;
- applying a batch again changes nothing: files are rewritten only when their bytes differ,
  and a batch already done is skipped.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from frontend.models import StaticPublish

from . import writer
from .builder import current_build
from .dependencies import Change
from .locks import SiteLocked, site_lock

logger = logging.getLogger(__name__)

Status = StaticPublish.Status
IN_FLIGHT = (Status.PENDING, Status.RUNNING)


def retry_delay(attempts):
    """30 s, 2 min, 8 min, ... capped at an hour."""
    return timedelta(seconds=min(3600, 30 * 4 ** max(0, attempts - 1)))


def enqueue_changes(changes, redirects=False):
    """Record the changes as one batch and queue it; returns the batch id (None if empty)."""
    changes = list(changes)
    if not changes and not redirects:
        return None
    batch = uuid.uuid4()
    titles = dict(
        Page.objects.filter(pk__in={c.page_id for c in changes}).values_list("pk", "title")
    )
    rows = [
        StaticPublish(
            batch=batch,
            action=change.kind,
            page_id=change.page_id,
            page_title=titles.get(change.page_id, "")[:255],
            old_parent_id=change.old_parent_id,
        )
        for change in changes
    ]
    if redirects:
        rows.append(StaticPublish(batch=batch, action=StaticPublish.Action.REDIRECTS))
    with transaction.atomic():
        StaticPublish.objects.bulk_create(rows)
        transaction.on_commit(lambda: _enqueue(batch))
    return batch


def _enqueue(batch, run_after=None):
    if run_after is not None and publish_batch.get_backend().supports_defer:
        return publish_batch.using(run_after=run_after).enqueue(str(batch))
    if run_after is not None:
        return None  # `retry_publishes` picks it up when it is due
    return publish_batch.enqueue(str(batch))


@task()
def publish_batch(batch):
    """Apply one batch of changes to the static site (a task: the worker runs it)."""
    return apply_batch(batch)


def apply_batch(batch, site_path=None):
    """Apply the batch's outstanding changes; returns the number of files written."""
    from .publisher import publish_changes, publish_redirects

    site_path = site_path or settings.STATIC_SITE_DIR
    if not StaticPublish.objects.filter(batch=batch).exclude(status=Status.DONE).exists():
        return 0
    with site_lock(site_path):
        rows = StaticPublish.objects.filter(batch=batch).exclude(status=Status.DONE)
        outstanding = list(rows.order_by("pk"))
        if not outstanding:
            return 0
        rows.update(status=Status.RUNNING, attempts=F("attempts") + 1, next_attempt_at=None)
        try:
            changes = [
                Change(row.action, row.page_id, old_parent_id=row.old_parent_id)
                for row in outstanding
                if row.action != StaticPublish.Action.REDIRECTS
            ]
            report = publish_changes(changes, site_path) if changes else None
            if any(row.action == StaticPublish.Action.REDIRECTS for row in outstanding):
                publish_redirects(site_path)
        except Exception as error:
            logger.exception("Static publishing failed for batch %s", batch)
            _fail(batch, outstanding, error)
            return 0
        StaticPublish.objects.filter(pk__in=[row.pk for row in outstanding]).update(
            status=Status.DONE, error=""
        )
    return len(report.written) if report else 0


def _fail(batch, rows, error):
    pks = [row.pk for row in rows]
    attempts = StaticPublish.objects.filter(pk__in=pks).aggregate(n=Max("attempts"))["n"] or 1
    retry_at = None
    if attempts < settings.STATIC_PUBLISH_MAX_ATTEMPTS:
        retry_at = timezone.now() + retry_delay(attempts)
    StaticPublish.objects.filter(pk__in=pks).update(
        status=Status.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=retry_at,
    )
    if retry_at is not None:
        _enqueue(batch, run_after=retry_at)


def retry(batches):
    """Queue the batches again now, whatever their attempts (the admin's retry button)."""
    batches = set(batches)
    StaticPublish.objects.filter(batch__in=batches, status=Status.FAILED).update(
        status=Status.PENDING, next_attempt_at=None
    )
    for batch in batches:
        _enqueue(batch)
    return len(batches)


def recover(site_path=None):
    """Queue again what a dead worker left running, and failed batches whose retry is due.

    Returns the batches queued. Running rows are only touched when the site lock is free:
    a live worker holds it for as long as its rows are running.
    """
    site_path = site_path or settings.STATIC_SITE_DIR
    batches = set()
    try:
        with site_lock(site_path, timeout=0):
            stale = StaticPublish.objects.filter(status=Status.RUNNING)
            batches |= set(stale.values_list("batch", flat=True))
            if batches:
                logger.warning(
                    "Requeueing %d publish batch(es) left by a dead worker", len(batches)
                )
            stale.update(status=Status.PENDING)
            _fail_lost_tasks(batches)
            root = current_build(site_path)
            if batches and root is not None:
                writer.remove_temporary_files(root)
    except SiteLocked:
        pass
    due = StaticPublish.objects.filter(status=Status.FAILED, next_attempt_at__lte=timezone.now())
    batches |= set(due.values_list("batch", flat=True))
    due.update(status=Status.PENDING, next_attempt_at=None)
    # Pending rows whose task is gone (lost with its worker, or never enqueued).
    pending = set(
        StaticPublish.objects.filter(status=Status.PENDING).values_list("batch", flat=True)
    )
    batches |= pending - _queued_batches()
    for batch in batches:
        _enqueue(batch)
    return batches


def _task_rows():
    if not _uses_database_backend():
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=publish_batch.module_path)


def _queued_batches():
    rows = _task_rows()
    if rows is None:
        return set()
    ready = rows.filter(status="READY").values_list("args_kwargs", flat=True)
    return {uuid.UUID(args["args"][0]) for args in ready}


def _fail_lost_tasks(batches):
    """The task rows of a worker that died stay RUNNING in django-tasks-db: close them."""
    rows = _task_rows()
    if rows is None or not batches:
        return
    names = {str(batch) for batch in batches}
    lost = [
        row.pk
        for row in rows.filter(status="RUNNING").only("pk", "args_kwargs")
        if row.args_kwargs["args"][0] in names
    ]
    rows.filter(pk__in=lost).update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="frontend.publishing.queue.WorkerLost",
        traceback="The worker running this task stopped; the batch was queued again.",
    )


def _uses_database_backend():
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(publish_batch.get_backend(), DatabaseBackend)


def site_state(page_id):
    """The page's change on its way to the static site, if any, else its latest one.

    None when the page never had one. A failed change that a later one superseded does not
    count: that later change re-rendered the page from the database.
    """
    rows = StaticPublish.objects.filter(page_id=page_id).order_by("-created_at", "-pk")
    return rows.filter(status__in=IN_FLIGHT).first() or rows.first()
