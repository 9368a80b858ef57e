"""Donation limits and abuse settings, each overridable in Django settings."""

from django.conf import settings

MB = 1024 * 1024

DEFAULTS = {
    # A phone photo is 2-12 MB (HEIC/JPEG at 12-48 MP); 20 MB leaves room for
    # 48 MP ProRAW-to-JPEG exports without accepting arbitrary blobs.
    "DONATIONS_MAX_PHOTO_BYTES": 20 * MB,
    # 40 MP decodes to ~120 MB of RGB in memory: the largest a worker should hold.
    "DONATIONS_MAX_PHOTO_PIXELS": 40_000_000,
    "DONATIONS_MAX_PHOTOS": 10,
    "DONATIONS_MAX_TOTAL_BYTES": 100 * MB,
    # Room for the text fields and multipart boundaries on top of the photos.
    "DONATIONS_REQUEST_OVERHEAD_BYTES": 1 * MB,
    "DONATIONS_RATE_LIMIT": "10/h",
    "DONATIONS_STATUS_RATE_LIMIT": "20/h",
    # Origins (scheme://host[:port]) allowed to post the donation form, besides the
    # backend's own origin.
    "DONATIONS_ALLOWED_ORIGINS": [],
    # Where donors' photos are kept; never under MEDIA_ROOT, which is public.
    "DONATIONS_PRIVATE_ROOT": None,
    "DONATIONS_CERTIFICATE_FONT": None,
    "DONATIONS_NOTIFY_MAX_ATTEMPTS": 8,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])


def max_request_bytes():
    return get("DONATIONS_MAX_TOTAL_BYTES") + get("DONATIONS_REQUEST_OVERHEAD_BYTES")
