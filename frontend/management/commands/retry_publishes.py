"""Maintenance: requeue static-site publishes left by a dead worker or due for a retry.

Run it every few minutes (a timer or cron) beside the worker; the worker does the same at
start. Failed publishes past their last automatic attempt wait for the admin's retry.
"""

from django.core.management.base import BaseCommand

from frontend.models import StaticPublish
from frontend.publishing.queue import recover


class Command(BaseCommand):
    help = "Requeue static-site publishes left by a dead worker or due for a retry."

    def handle(self, *args, **options):
        batches = recover()
        failed = StaticPublish.objects.filter(
            status=StaticPublish.Status.FAILED, next_attempt_at__isnull=True
        ).count()
        self.stdout.write(
            f"Requeued {len(batches)} batch(es); {failed} change(s) wait for a manual retry."
        )
