"""Donation maintenance, run from cron every few minutes: send donor emails that could not be sent
at the time, and reconcile private photo storage with the records after a crashed request."""

from django.core.management.base import BaseCommand

from museum.donations import conf
from museum.donations.emails import send_pending
from museum.donations.models import DonationNotification
from museum.donations.services import STALE_SECONDS, sweep_private_files


class Command(BaseCommand):
    help = (
        "Retry unsent donation emails; move photos of committed donations into place and remove "
        "photo files that no donation record names."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age",
            type=int,
            default=STALE_SECONDS,
            help="only remove unreferenced files older than this many seconds "
            f"(default {STALE_SECONDS}; younger ones may belong to a request in flight)",
        )

    def handle(self, *args, **options):
        pending = DonationNotification.objects.filter(
            sent_at__isnull=True, attempts__lt=conf.get("DONATIONS_NOTIFY_MAX_ATTEMPTS")
        )
        sent, failed = send_pending(pending)
        given_up = DonationNotification.objects.filter(
            sent_at__isnull=True, attempts__gte=conf.get("DONATIONS_NOTIFY_MAX_ATTEMPTS")
        ).count()
        sweep = sweep_private_files(min_age_seconds=options["min_age"])
        self.stdout.write(
            f"sent {sent}, failed {failed}, given up {given_up}, "
            f"photos moved into place {sweep.moved}, unreferenced files removed {sweep.removed}, "
            f"missing {len(sweep.missing)}"
        )
        for name in sweep.missing:
            self.stderr.write(f"missing photo file: {name}")
