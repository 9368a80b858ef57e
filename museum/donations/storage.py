"""Private storage for donors' photos: never given a public URL.

Local disk outside MEDIA_ROOT by default; an object-store bucket or prefix when STORAGES has a
"donations" entry (S3_PRIVATE_BUCKET, see cms/settings/object_storage.py). `private_storage`
forwards to whichever is configured now, so its identity (and the migration naming it) stays.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.deconstruct import deconstructible

from . import conf

ALIAS = "donations"


def private_root():
    configured = conf.get("DONATIONS_PRIVATE_ROOT")
    if configured:
        return Path(configured)
    # A sibling of MEDIA_ROOT, so the static site and MEDIA_URL never reach it.
    return Path(settings.MEDIA_ROOT).parent / "private" / "donations"


class LocalPrivateStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Donation photos have no public URL; use the admin photo view.")


def backend():
    """The storage donors' photos go to (read per call: tests change the settings)."""
    if ALIAS in settings.STORAGES:
        return storages[ALIAS]
    return LocalPrivateStorage(location=os.path.abspath(private_root()), base_url=None)


def is_local(storage=None):
    return isinstance(storage or backend(), FileSystemStorage)


_FORWARDED = (
    "open",
    "save",
    "delete",
    "exists",
    "listdir",
    "size",
    "url",
    "path",
    "get_valid_name",
    "get_alternative_name",
    "get_available_name",
    "generate_filename",
    "get_accessed_time",
    "get_created_time",
    "get_modified_time",
)


@deconstructible(path="museum.donations.storage.PrivateDonationStorage")
class PrivateDonationStorage(Storage):
    """Forwards every call to `backend()`."""

    @property
    def location(self):
        return backend().location

    def __getattribute__(self, name):
        if name in _FORWARDED:
            return getattr(backend(), name)
        return super().__getattribute__(name)


private_storage = PrivateDonationStorage()
