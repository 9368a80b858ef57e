"""/health/: database, cache, storages, the static site and the worker's heartbeat."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.ops import health
from cms.ops.models import WorkerHeartbeat
from cms.ops.tasks import heartbeat

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.fixture
def built_site(settings, tmp_path):
    """A served build: the `site` symlink pointing at a build directory."""
    build = tmp_path / "public" / "site.1"
    build.mkdir(parents=True)
    (tmp_path / "public" / "site").symlink_to(build.name)
    settings.STATIC_SITE_DIR = tmp_path / "public" / "site"
    settings.DONATIONS_PRIVATE_ROOT = str(tmp_path / "private")


@pytest.mark.django_db
def test_healthy(client, built_site, settings, tmp_path):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "cache": "ok",
            "storage": "ok",
            "private_storage": "ok",
            "static_site": "ok",
            "worker": "ok",
        },
    }
    assert response["Cache-Control"].startswith("max-age=0")
    # The checks leave nothing behind in either storage.
    assert not list((settings.MEDIA_ROOT / "health").glob("*"))
    assert not list((tmp_path / "private" / "health").glob("*"))


@pytest.mark.django_db
def test_without_a_built_site_it_is_unhealthy(client, settings, tmp_path):
    settings.STATIC_SITE_DIR = tmp_path / "nothing" / "site"
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["static_site"] == "no static site has been built"
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_storages_in_buckets_are_checked_there(client, object_storage, settings):
    settings.STATIC_SITE_DIR = object_storage.work_dir
    body = client.get("/health/").json()
    assert body["checks"]["storage"] == "ok"
    assert body["checks"]["private_storage"] == "ok"
    assert body["checks"]["static_site"] == "no static site has been uploaded"
    # The checks' files went to the buckets and were removed again.
    assert object_storage.keys(object_storage.media) == []
    assert object_storage.keys(object_storage.private) == []

    object_storage.client.put_object(
        Bucket=object_storage.site, Key=".wzm-upload-manifest.json", Body=b"{}"
    )
    assert client.get("/health/").json()["checks"]["static_site"] == "ok"

    object_storage.client.delete_bucket(Bucket=object_storage.private)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["private_storage"] == "error"
    assert object_storage.url not in response.content.decode()


@pytest.mark.django_db
def test_an_unwritable_storage_is_reported_without_details(client, built_site, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "error"
    assert str(tmp_path) not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_worker_heartbeat_through_the_database_queue(settings, built_site):
    """With the database backend: a heartbeat is queued; while no worker takes it the check
    passes until it has waited HEALTH_WORKER_STALE_SECONDS, then fails; a worker run fixes it."""
    settings.TASKS = DATABASE_TASKS
    settings.HEALTH_WORKER_STALE_SECONDS = 60
    assert health.check_worker() is None
    queued = DBTaskResult.objects.get(task_path=heartbeat.module_path, status="READY")
    # Asking again does not queue a second one.
    assert health.check_worker() is None
    assert DBTaskResult.objects.filter(task_path=heartbeat.module_path).count() == 1

    later = queued.enqueued_at + timedelta(seconds=61)
    assert health.check_worker(now=later) == "the background worker has not run a task for 61 s"

    call_command("db_worker", batch=True, verbosity=0)
    beat = WorkerHeartbeat.objects.get(pk=1).beat_at
    assert timezone.now() - beat < timedelta(seconds=30)
    assert health.check_worker() is None
    # A fresh beat needs no new task.
    assert not DBTaskResult.objects.filter(task_path=heartbeat.module_path, status="READY").exists()
