"""The maintenance sweep reconciles private photo storage with the donation records."""

import io
import os
import time

import pytest
from django.core.management import call_command

from museum.donations.models import Donation
from museum.donations.services import sweep_private_files
from museum.donations.storage import private_root

from .helpers import private_files

pytestmark = pytest.mark.django_db


def _age(path, seconds):
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_sweep_removes_old_unreferenced_files_and_keeps_young_and_referenced_ones(post_donation):
    response = post_donation()
    donation = Donation.objects.get(reference=response.json()["reference"])
    kept = private_root() / donation.photos.get().file.name
    _age(kept, 7200)
    root = private_root()
    # What a request killed mid-way leaves behind: a staged photo, and (from the previous layout)
    # a photo in a donation folder whose row was rolled back.
    stale_staged = root / ".incoming" / "0f0f0f0f.jpg"
    stale_orphan = root / "2026" / "WZM-2026-999999" / "01-deadbeef.jpg"
    stale_orphan.parent.mkdir(parents=True)
    for path in (stale_staged, stale_orphan):
        path.write_bytes(b"\xff\xd8\xff")
        _age(path, 7200)
    _age(stale_orphan.parent, 7200)
    in_flight = root / ".incoming" / "1a1a1a1a.jpg"  # a request still writing its photos
    in_flight.write_bytes(b"\xff\xd8\xff")

    out = io.StringIO()
    call_command("retry_donation_emails", stdout=out)
    assert "unreferenced files removed 2" in out.getvalue()
    assert "missing 0" in out.getvalue()
    assert private_files() == sorted([str(kept), str(in_flight)])
    assert not stale_orphan.parent.exists()


def test_sweep_reports_rows_whose_file_is_gone(post_donation):
    response = post_donation()
    donation = Donation.objects.get(reference=response.json()["reference"])
    name = donation.photos.get().file.name
    (private_root() / name).unlink()
    assert sweep_private_files().missing == [name]
