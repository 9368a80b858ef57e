"""Storing donations and moving them through review; the only code that writes donations."""

import logging
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
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
from .storage import backend as private_backend
from .storage import is_local

logger = logging.getLogger(__name__)

# Where photos wait, under the private root, until their donation is committed.
INCOMING = ".incoming"
# Staged or unreferenced files younger than this may belong to a request still in flight.
STALE_SECONDS = 3600

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
    "credit",
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

    Photos are written to a staging directory beside their final place first (same filesystem,
    so the final move is a rename), the rows are committed in one transaction, and only then are
    the files moved to the names the rows give them. A process killed at any point leaves either
    staged files that no row names (removed by ``sweep_private_files``) or committed rows whose
    files are still staged under the same token (moved into place by the sweep): never a file
    outside the staging area without its row.
    """
    staging = _staging()
    photos = cleaned_data["photos"]
    staged = []
    try:
        for photo in photos:
            staged.append(staging.stage(photo.data, photo.extension))

        with transaction.atomic():
            donation = Donation.objects.create(
                **{name: cleaned_data[name] for name in DONOR_FIELDS if name in cleaned_data},
                language=language,
            )
            donation.reference = make_reference(donation)
            donation.save(update_fields=["reference"])
            folder = f"{timezone.localtime(donation.created_at).year}/{donation.reference}"
            rows = [
                DonationPhoto(
                    donation=donation,
                    file=f"{folder}/{index:02d}-{token}",
                    original_name=photo.original_name,
                    format=photo.format,
                    width=photo.width,
                    height=photo.height,
                    size=len(photo.data),
                    sort_order=index,
                )
                for index, (photo, token) in enumerate(zip(photos, staged, strict=True), start=1)
            ]
            DonationPhoto.objects.bulk_create(rows)
            DonationEvent.objects.create(
                donation=donation, from_status="", to_status=DonationStatus.RECEIVED, note=""
            )
            if donation.email:
                DonationNotification.objects.create(
                    donation=donation, status=DonationStatus.RECEIVED
                )
    except BaseException:
        staging.discard(staged)
        raise
    # Committed: the rows exist, so the files may now take their final names. A move that fails
    # here is finished by the sweep; the donation is stored and the donor gets their reference.
    try:
        for row, token in zip(rows, staged, strict=True):
            staging.finish(token, row.file.name)
    except Exception:
        logger.exception("Photos of %s left staged for the sweep", donation.reference)
    transaction.on_commit(lambda: notify_pending(donation))
    return donation


def _staging():
    storage = private_backend()
    if is_local(storage):
        return _LocalStaging(Path(storage.location))
    return _ObjectStaging(storage)


class _LocalStaging:
    """Staged on the same filesystem as the final place, so finishing is a rename."""

    def __init__(self, root):
        self.root = root
        self.incoming = root / INCOMING
        self.incoming.mkdir(parents=True, exist_ok=True)

    def stage(self, data, extension):
        temp = self.incoming / f"{uuid.uuid4().hex}.{extension}"
        with open(temp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return temp.name

    def finish(self, token, name):
        final = self.root / name
        final.parent.mkdir(parents=True, exist_ok=True)
        _move_into_place(self.incoming / token, final)

    def discard(self, tokens):
        _remove(self.incoming / token for token in tokens)


class _ObjectStaging:
    """In an object store: staged under INCOMING/, finished by a copy and a delete."""

    def __init__(self, storage):
        self.storage = storage

    def stage(self, data, extension):
        token = f"{uuid.uuid4().hex}.{extension}"
        self.storage.save(f"{INCOMING}/{token}", ContentFile(data))
        return token

    def finish(self, token, name):
        staged = f"{INCOMING}/{token}"
        with self.storage.open(staged, "rb") as fh:
            self.storage.save(name, fh)
        self.storage.delete(staged)

    def discard(self, tokens):
        for token in tokens:
            try:
                self.storage.delete(f"{INCOMING}/{token}")
            except Exception:
                logger.exception("Could not remove staged photo %s", token)


def _move_into_place(temp, final):
    try:
        os.replace(temp, final)
    except FileNotFoundError:
        if not final.exists():  # not moved by a concurrent sweep either
            raise


def _staged_name(name):
    """The staging file a photo row's file came from: "2026/WZM-…/01-<token>.jpg" -> "<token>.jpg"."""
    return Path(name).name.split("-", 1)[-1]


@dataclass
class SweepReport:
    moved: int = 0
    removed: int = 0
    missing: list = field(default_factory=list)


def sweep_private_files(min_age_seconds=STALE_SECONDS):
    """Reconcile private storage with the photo rows after a crash.

    Staged files whose donation was committed are moved into place; staged files and stored files
    that no row names are removed once older than ``min_age_seconds`` (younger ones may belong to
    a request still in flight). Reports rows whose file is nowhere to be found.
    """
    storage = private_backend()
    if not is_local(storage):
        return _sweep_objects(storage, min_age_seconds)
    root = Path(storage.location)
    incoming = root / INCOMING
    report = SweepReport()
    cutoff = time.time() - min_age_seconds
    names = set(DonationPhoto.objects.values_list("file", flat=True))
    by_staged = {_staged_name(name): name for name in names}
    folders = {parent.as_posix() for name in names for parent in Path(name).parents}
    if incoming.is_dir():
        for temp in incoming.iterdir():
            if not temp.is_file():
                continue
            name = by_staged.get(temp.name)
            if name is not None and not (root / name).exists():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                _move_into_place(temp, root / name)
                report.moved += 1
            elif name is not None or _older(temp, cutoff):
                temp.unlink(missing_ok=True)
                report.removed += 1
    for path in sorted(root.rglob("*"), reverse=True):
        relative = path.relative_to(root)
        if relative.parts[0] == INCOMING:
            continue
        if path.is_file() and str(relative.as_posix()) not in names and _older(path, cutoff):
            path.unlink(missing_ok=True)
            report.removed += 1
        elif path.is_dir() and not any(path.iterdir()) and relative.as_posix() not in folders:
            path.rmdir()
    report.missing = sorted(name for name in names if not (root / name).exists())
    return report


def _sweep_objects(storage, min_age_seconds):
    """`sweep_private_files` for an object store: the same rules through the storage API."""
    report = SweepReport()
    cutoff = timezone.now() - timedelta(seconds=min_age_seconds)
    names = set(DonationPhoto.objects.values_list("file", flat=True))
    by_staged = {_staged_name(name): name for name in names}
    staging = _ObjectStaging(storage)
    for name in _walk(storage, ""):
        if name.startswith(f"{INCOMING}/"):
            token = name[len(INCOMING) + 1 :]
            final = by_staged.get(token)
            if final is not None and not storage.exists(final):
                staging.finish(token, final)
                report.moved += 1
            elif final is not None or storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                report.removed += 1
        elif name not in names and storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            report.removed += 1
    report.missing = sorted(name for name in names if not storage.exists(name))
    return report


def _walk(storage, directory):
    directories, files = storage.listdir(directory)
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for name in directories:
        yield from _walk(storage, f"{directory}/{name}" if directory else name)


def _older(path, cutoff):
    try:
        return path.stat().st_mtime < cutoff
    except FileNotFoundError:
        return False


def change_status(donation_id, to_status, note, user, public_note=""):
    """Move a donation one step; locked so that two curators cannot move it at once."""
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation_id)
        from_status = DonationStatus(donation.status)
        to_status = DonationStatus(to_status)
        if to_status not in TRANSITIONS[from_status]:
            raise TransitionError(f"{from_status} -> {to_status}")
        donation.status = to_status
        donation.save(update_fields=["status", "updated_at"])
        record_event(donation, from_status, to_status, note, user, public_note=public_note)
    transaction.on_commit(lambda: notify_pending(donation))
    return donation


def record_event(donation, from_status, to_status, note, user, public_note=""):
    DonationEvent.objects.create(
        donation=donation,
        actor=user,
        actor_name=(user.get_full_name() or user.get_username()) if user else "",
        from_status=from_status,
        to_status=to_status,
        note=note,
        public_note=public_note,
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
