"""Send donor emails that could not be sent at the time; run it from cron every few minutes."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand

from museum.donations import conf
from museum.donations.emails import send_pending
from museum.donations.models import DonationNotification
from museum.donations.storage import private_root

STALE_UPLOAD_SECONDS = 24 * 3600


class Command(BaseCommand):
    help = "Retry unsent donation emails and remove photo uploads abandoned by a crashed request."

    def handle(self, *args, **options):
        pending = DonationNotification.objects.filter(
            sent_at__isnull=True, attempts__lt=conf.get("DONATIONS_NOTIFY_MAX_ATTEMPTS")
        )
        sent, failed = send_pending(pending)
        given_up = DonationNotification.objects.filter(
            sent_at__isnull=True, attempts__gte=conf.get("DONATIONS_NOTIFY_MAX_ATTEMPTS")
        ).count()
        removed = self.remove_stale_uploads()
        self.stdout.write(
            f"sent {sent}, failed {failed}, given up {given_up}, stale uploads removed {removed}"
        )

    def remove_stale_uploads(self):
        incoming = Path(private_root()) / ".incoming"
        if not incoming.is_dir():
            return 0
        cutoff = time.time() - STALE_UPLOAD_SECONDS
        removed = 0
        for path in incoming.iterdir():
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
