"""gunicorn configuration for the worker-kill test: a fault injected into the backend under test.

Each worker process holds its first donation open inside the transaction (after its photo rows are
written, before the commit) for a moment and announces its pid in a marker file, so the test can
``kill -9`` exactly a worker that is in the middle of storing a donation.
"""

import os
import time
from pathlib import Path

MARKERS = Path(os.environ["DONATIONS_LIVE_FAULT_MARKERS"])
HOLD_SECONDS = float(os.environ.get("DONATIONS_LIVE_FAULT_HOLD", "0.5"))


def post_worker_init(worker):
    from django.db.models.signals import post_save

    from museum.donations.models import DonationEvent

    state = {"held": False}

    def hold_first_donation(sender, instance, created, **kwargs):
        if created and not instance.from_status and not state["held"]:
            state["held"] = True
            (MARKERS / str(os.getpid())).write_text(instance.donation.email)
            time.sleep(HOLD_SECONDS)

    post_save.connect(hold_first_donation, sender=DonationEvent, weak=False)
