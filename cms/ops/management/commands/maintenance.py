"""Daily upkeep: expired sessions, audit entries past their retention, finished task results."""

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import task_backends
from wagtail.models import ModelLogEntry, PageLogEntry

TASK_RESULT_DAYS = 14


class Command(BaseCommand):
    help = "Clear expired sessions, audit log entries older than AUDIT_LOG_RETENTION_DAYS and old task results."

    def handle(self, *args, **options):
        call_command("clearsessions")
        days = settings.AUDIT_LOG_RETENTION_DAYS
        if days > 0:
            cutoff = timezone.now() - timedelta(days=days)
            pages, _ = PageLogEntry.objects.filter(timestamp__lt=cutoff).delete()
            models, _ = ModelLogEntry.objects.filter(timestamp__lt=cutoff).delete()
            self.stdout.write(
                f"audit log: removed {pages} page and {models} other entries older than {days} days"
            )
        else:
            self.stdout.write("audit log: kept (AUDIT_LOG_RETENTION_DAYS=0)")
        if isinstance(task_backends["default"], DatabaseBackend):
            call_command("prune_db_task_results", min_age_days=TASK_RESULT_DAYS, verbosity=0)
