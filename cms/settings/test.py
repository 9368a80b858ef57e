"""Fast, isolated settings for the test suite."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, os

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "build" / "test-media" / os.environ.get("TEST_DB_SUFFIX", "main")
# Parallel runs on one PostgreSQL server need their own test databases: one per database
# named in DATABASE_URL, and TEST_DB_SUFFIX to tell apart runs against the same one.
DATABASES["default"].setdefault("TEST", {})
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["TEST"]["NAME"] = (
        f"test_wzm_{DATABASES['default']['NAME']}" + os.environ.get("TEST_DB_SUFFIX", "")
    )
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
# The suite tests the embedded search backend; Elasticsearch tests build their own backend.
SEARCH_BACKEND = "embedded"

# Serve static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Publishing writes files; tests that exercise it turn it on with their own directory.
PUBLISH_ON_SAVE = False
STATIC_SITE_DIR = BASE_DIR / "build" / "test-site" / os.environ.get("TEST_DB_SUFFIX", "main")

# Tasks run at once in the caller; tests of the queue itself use the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Django's test client signs in without a request, which django-axes refuses; the sign-in
# protection tests (tests/core/test_brute_force.py) turn it back on.
AXES_ENABLED = False
