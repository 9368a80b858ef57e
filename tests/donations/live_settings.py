"""Settings for a real backend process serving donations to the concurrency test.

The project's test settings, with the directories, database and email backend the test
hands over in the environment, and no rate limit (all requests come from one address).
"""

import os
from pathlib import Path

from cms.settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["DONATIONS_LIVE_MEDIA_ROOT"])
DONATIONS_PRIVATE_ROOT = os.environ["DONATIONS_LIVE_PRIVATE_ROOT"]
EMAIL_BACKEND = os.environ.get(
    "DONATIONS_LIVE_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
DONATIONS_RATE_LIMIT = "100000/m"
DONATIONS_ALLOWED_ORIGINS = [os.environ["DONATIONS_LIVE_ORIGIN"]]
