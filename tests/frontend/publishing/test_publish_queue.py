"""Publishing through the queue: the editor's request only queues, a worker renders; failed
publishes are retried and shown in the admin; a dead worker's publish is queued again."""

import io
import os
import socket
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from cms.core import roles
from frontend.models import SiteLock, StaticPublish
from frontend.publishing import dependencies
from frontend.publishing.builder import build_site
from frontend.publishing.locks import SiteLocked, lock_name, site_lock
from frontend.publishing.manifest import manifest_path
from frontend.publishing.queue import apply_batch, recover
from tests.frontend.publishing.test_incremental import changed, snapshot

# The worker closes its database connection after each task, as in production: the tests
# commit their data (transaction tests) so that nothing is lost when it does.
pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
Status = StaticPublish.Status


@pytest.fixture
def published(settings, small_site, site_dir):
    build_site(workers=1)
    settings.PUBLISH_ON_SAVE = True
    return site_dir.resolve()


@pytest.fixture
def queued(settings, published):
    """Tasks go to the database queue, as in production, instead of running at once."""
    settings.TASKS = DATABASE_TASKS
    return published


def run_worker():
    """django-tasks-db's own worker, in this process, until the queue is empty."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def page_html(root, page):
    return (root / dependencies.page_file(page.url)).read_text("utf-8")


def retitle(page, title, capture):
    page.title = title
    with capture(execute=True):
        page.save_revision().publish()


@pytest.fixture
def site_admin(small_site):
    call_command("setup_roles", stdout=io.StringIO())
    user = get_user_model().objects.create_user("siteadmin", password="pw")
    user.groups.add(Group.objects.get(name=roles.SITE_ADMINISTRATOR.name))
    return user


@pytest.fixture
def editor(small_site):
    call_command("setup_roles", stdout=io.StringIO())
    user = get_user_model().objects.create_user("newsroom", password="pw")
    user.groups.add(Group.objects.get(name=roles.PUBLICITY_EDITOR.name))
    return user


def test_publishing_only_queues_and_the_worker_renders(
    queued, small_site, admin_client, django_capture_on_commit_callbacks
):
    news = small_site["news"][1]
    before = snapshot(queued)
    retitle(news, "签约仪式在温州举行", django_capture_on_commit_callbacks)

    # The editor's side: a queued change, a task row, and not one file touched yet.
    assert changed(before, snapshot(queued)) == set()
    row = StaticPublish.objects.get(page_id=news.pk)
    assert (row.status, row.action, row.page_title) == (Status.PENDING, "publish", news.title)
    assert DBTaskResult.objects.filter(status="READY").exists()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(news.pk,))).content
    assert 'data-static-site-state="running"' in html.decode()
    assert "更新中" in html.decode()

    run_worker()

    assert "签约仪式在温州举行" in page_html(queued, news)
    assert "签约仪式在温州举行" in page_html(queued, small_site["news_index"])
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.DONE, 1)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(news.pk,))).content
    assert 'data-static-site-state="done"' in html.decode()
    assert "已同步" in html.decode()


def test_applying_a_batch_again_changes_nothing(
    published, small_site, django_capture_on_commit_callbacks
):
    news = small_site["news"][0]
    retitle(news, "温商回归项目签约（再次）", django_capture_on_commit_callbacks)
    row = StaticPublish.objects.get(page_id=news.pk)
    assert row.status == Status.DONE
    after_first = snapshot(published)

    # A repeated task for a batch already done, then the same batch forced to run again.
    assert apply_batch(row.batch) == 0
    StaticPublish.objects.filter(batch=row.batch).update(status=Status.PENDING)
    apply_batch(row.batch)
    assert changed(after_first, snapshot(published)) == set()
    assert StaticPublish.objects.get(pk=row.pk).attempts == 2


def break_manifest(root):
    manifest = manifest_path(root.resolve())
    good = manifest.read_bytes()
    manifest.write_bytes(b"{not json")
    return lambda: manifest.write_bytes(good)


def test_failed_publish_is_retried_and_shown(
    queued, small_site, client, site_admin, editor, django_capture_on_commit_callbacks, settings
):
    news = small_site["news"][2]
    repair = break_manifest(queued)
    retitle(news, "项目签约延期", django_capture_on_commit_callbacks)
    run_worker()

    row = StaticPublish.objects.get(page_id=news.pk)
    assert (row.status, row.attempts) == (Status.FAILED, 1)
    assert "JSONDecodeError" in row.error and row.next_attempt_at is not None
    # The automatic retry is queued for later, not run now.
    assert DBTaskResult.objects.filter(status="READY", run_after__gt=row.created_at).exists()

    client.force_login(site_admin)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(news.pk,))).content.decode()
    assert 'data-static-site-state="failed"' in edit and "失败，将重试" in edit
    listing = client.get(reverse("static_publishes:index")).content.decode()
    assert (
        "项目签约延期" in listing and reverse("static_publishes:retry", args=(row.pk,)) in listing
    )

    # Editors neither see the list nor retry; a GET only asks.
    client.force_login(editor)
    assert client.get(reverse("static_publishes:index")).status_code in (302, 403)
    assert client.post(reverse("static_publishes:retry", args=(row.pk,))).status_code in (302, 403)
    client.force_login(site_admin)
    assert client.get(reverse("static_publishes:retry", args=(row.pk,))).status_code == 200
    row.refresh_from_db()
    assert row.status == Status.FAILED

    repair()
    response = client.post(reverse("static_publishes:retry", args=(row.pk,)), follow=True)
    assert "已重新排队" in response.content.decode()
    run_worker()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.error) == (Status.DONE, 2, "")
    assert "项目签约延期" in page_html(queued, news)
    assert "项目签约延期" not in client.get(reverse("static_publishes:index")).content.decode()


def test_after_the_last_attempt_a_failure_waits_for_an_administrator(
    published, small_site, admin_client, django_capture_on_commit_callbacks, settings
):
    settings.STATIC_PUBLISH_MAX_ATTEMPTS = 1
    news = small_site["news"][2]
    break_manifest(published)
    retitle(news, "项目签约延期", django_capture_on_commit_callbacks)
    row = StaticPublish.objects.get(page_id=news.pk)
    assert (row.status, row.next_attempt_at) == (Status.FAILED, None)
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(news.pk,))).content.decode()
    assert "失败，待管理员重试" in edit
    # Nothing automatic picks it up again.
    assert recover() == set()


def hold_lock_elsewhere(site_path):
    """A live holder of the site's lock that is not this thread: another connection
    (PostgreSQL) or another live process's row (SQLite). Returns a release function."""
    if connection.vendor == "postgresql":
        from frontend.publishing.locks import _PostgresLock

        other = _PostgresLock(lock_name(site_path))
        other.acquire(timeout=0)
        return other.release
    SiteLock.objects.create(
        name=lock_name(site_path)[-255:], host=socket.gethostname(), pid=os.getppid(), token="x"
    )
    return lambda: SiteLock.objects.filter(token="x").delete()


def test_recover_requeues_a_dead_workers_publish_but_not_a_live_ones(
    queued, small_site, site_dir, django_capture_on_commit_callbacks
):
    news = small_site["news"][0]
    retitle(news, "温商大会开幕", django_capture_on_commit_callbacks)
    # What a worker killed mid-publish leaves: its rows running, its task row running.
    StaticPublish.objects.update(status=Status.RUNNING)
    DBTaskResult.objects.update(status="RUNNING")

    release = hold_lock_elsewhere(site_dir)
    try:
        with pytest.raises(SiteLocked):
            with site_lock(site_dir, timeout=0):
                pass
        assert recover() == set()  # a live worker holds the lock: its rows are its own
        assert StaticPublish.objects.get(page_id=news.pk).status == Status.RUNNING
    finally:
        release()

    if connection.vendor != "postgresql":
        # A row left by a process that is gone is taken over.
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        SiteLock.objects.create(
            name=lock_name(site_dir)[-255:], host=socket.gethostname(), pid=dead.pid, token="y"
        )

    assert len(recover()) == 1
    assert StaticPublish.objects.get(page_id=news.pk).status == Status.PENDING
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    run_worker()
    assert StaticPublish.objects.get(page_id=news.pk).status == Status.DONE
    assert "温商大会开幕" in page_html(queued, news)
    assert not SiteLock.objects.exists()


def test_site_administrators_may_retry(site_admin, editor):
    assert site_admin.has_perm("frontend.retry_staticpublish")
    assert site_admin.has_perm("frontend.view_staticpublish")
    assert not editor.has_perm("frontend.view_staticpublish")
    assert Permission.objects.filter(codename="retry_staticpublish").exists()


def test_search_index_waits_for_the_worker(queued, small_site, django_capture_on_commit_callbacks):
    from search import interface

    news = small_site["news"][0]
    retitle(news, "瓯江口新区签约仪式", django_capture_on_commit_callbacks)
    assert DBTaskResult.objects.filter(task_path="search.tasks.reindex_pages").exists()
    assert interface.search("瓯江口新区").total == 0

    run_worker()

    assert interface.search("瓯江口新区").total == 1


def test_a_draft_never_published_shows_no_static_site_state(small_site, admin_client):
    draft = small_site["draft_news"]
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(draft.pk,)))
    assert response.status_code == 200
    assert "data-static-site-state" not in response.content.decode()
