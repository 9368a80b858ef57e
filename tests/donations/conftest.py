import pytest
from django.core.cache import cache

from museum.donations.models import Donation, DonationPhoto

from .helpers import ORIGIN, image_bytes, upload, valid_fields


@pytest.fixture(autouse=True)
def _donation_settings(settings):
    """A generous rate limit unless a test sets its own; a clean rate-limit cache per test."""
    settings.DONATIONS_RATE_LIMIT = "1000/m"
    settings.DONATIONS_STATUS_RATE_LIMIT = "1000/m"
    settings.DONATIONS_ALLOWED_ORIGINS = [ORIGIN]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def post_donation(client):
    def post(fields=None, photos=None, json=True, query="", **headers):
        data = dict(fields if fields is not None else valid_fields())
        if photos is None:
            photos = [upload(image_bytes("JPEG"), "photo.jpg")]
        data["photos"] = photos
        extra = {"HTTP_ORIGIN": ORIGIN}
        if json:
            extra["HTTP_ACCEPT"] = "application/json"
        extra.update(headers)
        return client.post(f"/api/donations/{query}", data=data, **extra)

    return post


@pytest.fixture
def counts():
    def snapshot():
        from .helpers import private_files

        return Donation.objects.count(), DonationPhoto.objects.count(), len(private_files())

    return snapshot
