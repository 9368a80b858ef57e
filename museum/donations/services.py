"""Storing donations and moving them through review; the only code that writes donations."""

import logging
import os
import uuid
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .models import (
    TRANSITIONS,
    Donation,
    DonationEvent,
    DonationNotification,
    DonationPhoto,
    DonationStatus,
)
from .storage import private_storage

logger = logging.getLogger(__name__)

DONOR_FIELDS = (
    "donor_name",
    "email",
    "phone",
    "wechat",
    "country",
    "city",
    "chamber",
    "title",
    "category",
    "era",
    "description",
    "story",
    "intent",
    "consent_display",
    "consent_privacy",
)


class TransitionError(Exception):
    pass


def make_reference(donation):
    """Derived from the primary key, so unique however many donations arrive at once."""
    year = timezone.localtime(donation.created_at).year
    return f"WZM-{year}-{donation.pk:06d}"


def _remove(paths):
    for path in paths:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        except OSError:
            logger.exception("Could not remove %s", path)


def create_donation(cleaned_data, language="zh-hans"):
    """Store a donation and its photos together: both are there, or neither is.

    Photos are written to a temporary directory beside their final place first (same
    filesystem, so the final move is a rename), the rows are saved in one transaction,
    the files are moved into place inside it, and every file written is removed if
    anything fails, including the commit itself.
    """
    root = Path(private_storage.location)
    incoming = root / ".incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    photos = cleaned_data["photos"]
    temp_paths, final_paths = [], []
    try:
        for photo in photos:
            temp = incoming / f"{uuid.uuid4().hex}.{photo.extension}"
            with open(temp, "xb") as fh:
                fh.write(photo.data)
                fh.flush()
                os.fsync(fh.fileno())
            temp_paths.append(temp)

        with transaction.atomic():
            donation = Donation.objects.create(
                **{name: cleaned_data[name] for name in DONOR_FIELDS if name in cleaned_data},
                language=language,
            )
            donation.reference = make_reference(donation)
            donation.save(update_fields=["reference"])
            folder = f"{timezone.localtime(donation.created_at).year}/{donation.reference}"
            (root / folder).mkdir(parents=True, exist_ok=True)
            rows = []
            for index, (photo, temp) in enumerate(zip(photos, temp_paths, strict=True), start=1):
                name = f"{folder}/{index:02d}-{uuid.uuid4().hex[:8]}.{photo.extension}"
                final = root / name
                os.replace(temp, final)
                final_paths.append(final)
                rows.append(
                    DonationPhoto(
                        donation=donation,
                        file=name,
                        original_name=photo.original_name,
                        format=photo.format,
                        width=photo.width,
                        height=photo.height,
                        size=len(photo.data),
                        sort_order=index,
                    )
                )
            DonationPhoto.objects.bulk_create(rows)
            DonationEvent.objects.create(
                donation=donation, from_status="", to_status=DonationStatus.RECEIVED, note=""
            )
            if donation.email:
                DonationNotification.objects.create(
                    donation=donation, status=DonationStatus.RECEIVED
                )
    except BaseException:
        _remove(temp_paths + final_paths)
        raise
    transaction.on_commit(lambda: notify_pending(donation))
    return donation


def change_status(donation_id, to_status, note, user):
    """Move a donation one step; locked so that two curators cannot move it at once."""
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation_id)
        from_status = DonationStatus(donation.status)
        to_status = DonationStatus(to_status)
        if to_status not in TRANSITIONS[from_status]:
            raise TransitionError(f"{from_status} -> {to_status}")
        donation.status = to_status
        donation.save(update_fields=["status", "updated_at"])
        record_event(donation, from_status, to_status, note, user)
    transaction.on_commit(lambda: notify_pending(donation))
    return donation


def record_event(donation, from_status, to_status, note, user):
    DonationEvent.objects.create(
        donation=donation,
        actor=user,
        actor_name=(user.get_full_name() or user.get_username()) if user else "",
        from_status=from_status,
        to_status=to_status,
        note=note,
    )
    if donation.email:
        DonationNotification.objects.create(donation=donation, status=to_status)


def notify_pending(donation):
    """Queue what is owed to this donor for the worker; a failure is recorded and retried later."""
    from .tasks import notify_donor

    try:
        notify_donor.enqueue(donation.pk)
    except Exception:
        # Never let notification problems reach the donor's request or the curator's action.
        logger.exception("Notifying the donor of %s failed", donation.reference)
