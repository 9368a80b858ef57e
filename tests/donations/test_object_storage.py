"""Donors' photos in a private bucket of an S3-compatible object store (moto's TEST server, see
tests/object_store.py): stored and streamed to staff, never readable by anyone else, never on
local disk."""

import pytest
from django.core.files.storage import storages

from museum.donations.models import Donation
from museum.donations.services import INCOMING, sweep_private_files
from tests.object_store import tree

from .helpers import image_bytes, upload

pytestmark = pytest.mark.django_db

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def test_a_donation_keeps_its_photo_in_the_private_bucket(
    object_storage, post_donation, admin_client, settings, django_capture_on_commit_callbacks
):
    store = object_storage
    photo = image_bytes("JPEG", size=(80, 60))
    with django_capture_on_commit_callbacks(execute=True):
        response = post_donation(photos=[upload(photo, "front.jpg")])
    assert response.status_code == 201, response.content
    donation = Donation.objects.get(reference=response.json()["reference"])
    stored = donation.photos.get()

    key = f"private/donations/{stored.file.name}"
    assert store.keys(store.private) == [key]  # nothing left staged
    # Not public: no grant to everyone, and an anonymous request is refused.
    grants = store.client.get_object_acl(Bucket=store.private, Key=key)["Grants"]
    assert not [g for g in grants if g["Grantee"].get("URI") == ALL_USERS]
    assert store.public_get(store.private, key)[0] == 403
    with pytest.raises(ValueError):
        _ = stored.file.url

    # Staff see it through the app, which streams it from the bucket.
    answer = admin_client.get(f"/admin/donations/photo/{donation.pk}/{stored.pk}/")
    assert answer.status_code == 200
    assert answer["Cache-Control"].startswith("private, no-store")
    served = b"".join(answer.streaming_content)
    assert served[:3] == b"\xff\xd8\xff" and len(served) == stored.size

    assert tree(settings.MEDIA_ROOT.parent) == []


def test_the_sweep_finishes_a_photo_left_staged_in_the_bucket(
    object_storage, post_donation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_donation()
    stored = Donation.objects.get(reference=response.json()["reference"]).photos.get()
    storage = storages["donations"]
    # As if the process died between the commit and the move: the photo is still staged.
    token = stored.file.name.rsplit("/", 1)[-1].split("-", 1)[-1]
    with storage.open(stored.file.name, "rb") as handle:
        storage.save(f"{INCOMING}/{token}", handle)
    storage.delete(stored.file.name)

    report = sweep_private_files(min_age_seconds=3600)
    assert (report.moved, report.removed, report.missing) == (1, 0, [])
    assert object_storage.keys(object_storage.private) == [f"private/donations/{stored.file.name}"]
