"""Donation limits and abuse settings, each overridable in Django settings."""

from django.conf import settings
from django.utils.translation import get_language

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
    # Donations accepted per address; refused attempts count only toward the higher ceiling.
    "DONATIONS_RATE_LIMIT": "10/h",
    "DONATIONS_ATTEMPT_RATE_LIMIT": "60/h",
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


def pixel_limit_text(pixels):
    """A pixel count in the reader's own unit: Chinese counts in 万 ("4000 万像素"), English in
    millions ("40 megapixels"). Not a translated string: the number itself differs."""
    if (get_language() or "zh-hans").startswith("zh"):
        return f"{pixels // 10_000} 万像素"
    return f"{pixels // 1_000_000} megapixels"
