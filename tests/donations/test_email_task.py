"""Donor emails wait for the background worker: the donor's request only queues them."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from museum.donations.models import DonationNotification
from tests.frontend.publishing.test_publish_queue import DATABASE_TASKS, run_worker

# The worker closes its database connection after each task, as in production: the test
# commits its data (a transaction test) so that nothing is lost when it does.
pytestmark = pytest.mark.django_db(transaction=True)


def test_receipt_is_sent_by_the_worker(settings, post_donation, django_capture_on_commit_callbacks):
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        response = post_donation()
    assert response.status_code == 201
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="museum.donations.tasks.notify_donor").exists()
    assert DonationNotification.objects.get().sent_at is None

    run_worker()

    assert len(mail.outbox) == 1
    assert response.json()["reference"] in mail.outbox[0].body
    assert DonationNotification.objects.get().sent_at is not None
