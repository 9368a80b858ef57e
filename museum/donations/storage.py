"""Private storage for donors' photos: outside MEDIA_ROOT, never given a public URL."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

from . import conf


def private_root():
    configured = conf.get("DONATIONS_PRIVATE_ROOT")
    if configured:
        return Path(configured)
    # A sibling of MEDIA_ROOT, so the static site and MEDIA_URL never reach it.
    return Path(settings.MEDIA_ROOT).parent / "private" / "donations"


@deconstructible(path="museum.donations.storage.PrivateDonationStorage")
class PrivateDonationStorage(FileSystemStorage):
    """Re-reads its root when MEDIA_ROOT changes (FileSystemStorage clears these on setting_changed)."""

    def __init__(self):
        super().__init__(location=None, base_url=None)

    @cached_property
    def base_location(self):
        return str(private_root())

    @cached_property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Donation photos have no public URL; use the admin photo view.")


private_storage = PrivateDonationStorage()


def _reset_on_setting_change(*, setting, **kwargs):
    if setting in {"DONATIONS_PRIVATE_ROOT", "MEDIA_ROOT"}:
        for name in ("base_location", "location"):
            private_storage.__dict__.pop(name, None)


setting_changed.connect(_reset_on_setting_change)
