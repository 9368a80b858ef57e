"""Settings for a real backend process serving donations to the concurrency test.

The project's test settings, with the directories, database and email backend the test
hands over in the environment, and no rate limit (all requests come from one address) unless
the test sets one, counted in the shared cache it names.
"""

import os
from pathlib import Path

from cms.settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["DONATIONS_LIVE_MEDIA_ROOT"])
DONATIONS_PRIVATE_ROOT = os.environ["DONATIONS_LIVE_PRIVATE_ROOT"]
EMAIL_BACKEND = os.environ.get(
    "DONATIONS_LIVE_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
DONATIONS_RATE_LIMIT = os.environ.get("DONATIONS_LIVE_RATE_LIMIT", "100000/m")
DONATIONS_ATTEMPT_RATE_LIMIT = "100000/m"
if os.environ.get("DONATIONS_LIVE_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["DONATIONS_LIVE_REDIS_URL"],
            "KEY_PREFIX": os.environ["DONATIONS_LIVE_CACHE_PREFIX"],
        }
    }
DONATIONS_ALLOWED_ORIGINS = [os.environ["DONATIONS_LIVE_ORIGIN"]]
