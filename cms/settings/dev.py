"""Local development: DEBUG on, a throwaway secret unless one is given."""

from .base import *  # noqa: F403
from .base import STATIC_SITE_DIR, env_bool, os

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "local-development-only-not-secret"
ALLOWED_HOSTS = ["*"]

# Serve static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# `make run` serves the built static site at "/" (what a visitor gets); whatever is not a
# file of the build (the admin, the API, backend endpoints) falls through to Django.
if env_bool("SERVE_STATIC_SITE"):
    WHITENOISE_ROOT = STATIC_SITE_DIR
    WHITENOISE_INDEX_FILE = True
