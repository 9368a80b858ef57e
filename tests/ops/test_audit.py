"""Admin sign-ins in the audit log, through the admin's real login and logout forms, and
their purge by `manage.py maintenance` after AUDIT_LOG_RETENTION_DAYS."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

PASSWORD = "a-long-admin-password-1"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)


def login(client, username, password):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_REAL_IP="203.0.113.7",
    )


def test_login_logout_and_failures_are_logged(client, editor):
    assert login(client, "editor", "wrong").status_code == 200
    assert login(client, "nobody", "wrong").status_code == 200
    assert login(client, "editor", PASSWORD).status_code == 302
    assert client.post("/admin/logout/").status_code == 302

    entries = list(ModelLogEntry.objects.order_by("timestamp", "id"))
    assert [e.action for e in entries] == [
        "ops.login_failed",
        "ops.login_failed",
        "ops.login",
        "ops.logout",
    ]
    failed_known, failed_unknown, logged_in, logged_out = entries
    assert failed_known.object_id == str(editor.pk) and failed_known.user is None
    assert failed_unknown.object_id == "0" and failed_unknown.label == "nobody"
    assert failed_unknown.data == {"ip": "203.0.113.7", "username": "nobody"}
    assert logged_in.user == editor and logged_in.data == {"ip": "203.0.113.7"}
    assert logged_out.user == editor


def test_sign_ins_show_in_the_site_history_report(client, editor):
    login(client, "editor", PASSWORD)
    response = client.get("/admin/reports/site-history/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "登录后台" in response.content.decode()


@pytest.mark.django_db
def test_maintenance_purges_entries_past_retention(settings, editor, home_page):
    settings.AUDIT_LOG_RETENTION_DAYS = 30
    now = timezone.now()
    old = ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(editor),
        object_id=str(editor.pk),
        label="editor",
        action="ops.login",
        timestamp=now - timedelta(days=31),
    )
    recent = ModelLogEntry.objects.create(
        content_type=old.content_type,
        object_id=str(editor.pk),
        label="editor",
        action="ops.login",
        timestamp=now - timedelta(days=29),
    )
    PageLogEntry.objects.filter(page=home_page).update(timestamp=now - timedelta(days=40))
    assert PageLogEntry.objects.filter(page=home_page).exists()

    call_command("maintenance", verbosity=0)

    assert not ModelLogEntry.objects.filter(pk=old.pk).exists()
    assert ModelLogEntry.objects.filter(pk=recent.pk).exists()
    assert not PageLogEntry.objects.filter(page=home_page).exists()


@pytest.mark.django_db
def test_zero_retention_keeps_everything(settings, editor):
    settings.AUDIT_LOG_RETENTION_DAYS = 0
    entry = ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(editor),
        object_id=str(editor.pk),
        label="editor",
        action="ops.login",
        timestamp=timezone.now() - timedelta(days=3650),
    )
    call_command("maintenance", verbosity=0)
    assert ModelLogEntry.objects.filter(pk=entry.pk).exists()
