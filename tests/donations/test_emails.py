"""A failing email never loses or rolls back a donation; it is recorded and retried."""

import pytest
from django.core import mail
from django.core.management import call_command

from museum.donations.models import Donation, DonationNotification

pytestmark = pytest.mark.django_db

FAILING = "tests.donations.failing_email.FailingEmailBackend"


def test_failing_email_keeps_the_donation(
    post_donation, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        response = post_donation()
    assert response.status_code == 201
    donation = Donation.objects.get(reference=response.json()["reference"])
    assert donation.photos.count() == 1
    notification = donation.notifications.get()
    assert notification.sent_at is None
    assert notification.attempts == 1
    assert "SMTP server unreachable" in notification.last_error
    assert donation.has_pending_email


def test_retry_command_sends_what_failed(
    post_donation, settings, django_capture_on_commit_callbacks, capsys
):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        post_donation()
    call_command("retry_donation_emails")
    assert DonationNotification.objects.get().attempts == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    call_command("retry_donation_emails")
    notification = DonationNotification.objects.get()
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1
    assert "sent 1, failed 0" in capsys.readouterr().out
    call_command("retry_donation_emails")
    assert len(mail.outbox) == 1  # never sent twice


def test_retry_gives_up_after_max_attempts(
    post_donation, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    settings.DONATIONS_NOTIFY_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        post_donation()
    call_command("retry_donation_emails")
    call_command("retry_donation_emails")
    assert DonationNotification.objects.get().attempts == 2


def test_email_in_donor_language(post_donation, django_capture_on_commit_callbacks):
    from .helpers import valid_fields

    with django_capture_on_commit_callbacks(execute=True):
        post_donation(fields=valid_fields(lang="en"))
        post_donation()
    en, zh = mail.outbox
    assert "/en/donations/status/" in en.body
    assert "/donations/status/" in zh.body and "/en/" not in zh.body
    assert "捐赠编号" in zh.body


def test_no_email_means_no_notification(post_donation, django_capture_on_commit_callbacks):
    from .helpers import valid_fields

    with django_capture_on_commit_callbacks(execute=True):
        post_donation(fields=valid_fields(email="", wechat="chen_guohua85"))
    assert DonationNotification.objects.count() == 0
    assert mail.outbox == []
