"""Settings shared by every environment. Environment variables configure what differs."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from .object_storage import frontend_cache_from_env, site_work_dir, storages_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms.core",
    "cms.publicity",
    "cms.projects",
    "cms.chambers",
    "cms.events",
    "museum",
    "museum.donations",
    "museum.oai",
    "museum.imports",
    "search",
    "frontend",
    "cms.api",
    "cms.ops",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "cms.core.apps.UsersAppConfig",  # wagtail.users, with the user admin scoped to roles
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail.api.v3",
    # Serves the v3 docs page's Swagger UI from static files instead of a CDN.
    "ninja",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_tasks_db",
    "axes",
]

MIDDLEWARE = [
    # First, so every log line of the request (and the response) carries its id.
    "cms.ops.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Refuses API URLs carrying NUL bytes or integers beyond 64 bits before a view sees them.
    "cms.api.guard.APIInputGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked-out sign-in into the 429 page (cms/core/throttle.py).
    "axes.middleware.AxesMiddleware",
]

# Sign-in lock-out (django-axes; cms/core/throttle.py): after LOGIN_FAILURE_LIMIT failures for
# one username from one address, that pair is locked out for LOGIN_LOCKOUT_MINUTES, right
# password or not. Attempts are kept in the database, so the count holds across worker processes
# and hosts, and staff can review them in the Django admin's Axes tables.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Failed sign-ins are logged (logger "axes") with the username and address tried, never a password.
AXES_SENSITIVE_PARAMETERS = []
AXES_LOCKOUT_CALLABLE = "cms.core.throttle.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "cms.core.throttle.client_address"
# Page- and document-password forms: failed passwords per address and restriction.
PASSWORD_FORM_RATE_LIMIT = os.environ.get("PASSWORD_FORM_RATE_LIMIT", "10/15m")

# Content-Security-Policy on every response (cms/core/csp.py; django-csp): the site loads only its
# own files. Style attributes (progress bars, the calendar grid) are allowed; inline scripts are not,
# except in Wagtail's admin, whose widgets write them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
CSP_ADMIN_SOURCES = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}
# Nothing foreign in the admin either: no avatars from Gravatar, no release check with wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Admin sessions: a working day, and over when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "frontend.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The server and the task worker write to the same file: take the write lock when a
    # transaction starts (no deadlock on upgrade), wait for it, and let readers go on
    # during writes (WAL). Django 5.1+ options; see README "Database".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: zh-hans is the default language and lives at "/", English under "/en/".
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# cms/locale: Chinese for the admin messages Wagtail's own zh_Hans catalogue leaves in English.
LOCALE_PATHS = [BASE_DIR / "frontend" / "locale", BASE_DIR / "cms" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    **storages_from_env(),
}

# The headless API and other apps read pages from this site.
WAGTAIL_SITE_NAME = "世界温商博物馆"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_BASE_URL = os.environ.get("API_BASE_URL", SITE_URL).rstrip("/")
WAGTAILAPI_LIMIT_MAX = 500
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "gif": "png", "heic": "jpeg"}
# Phone photos arrive as HEIC; renditions of them are JPEG (above), which browsers can show.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "heic", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are served by Wagtail's view (/documents/<id>/<name>), which applies collection
# view restrictions; their files under MEDIA_ROOT/documents/ are never served directly.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The last review step's approval publishes, though no reviewer holds the publish permission.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.publicity.workflow_actions.publish_after_review"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Site search (search/): "embedded" (database full-text) or "elasticsearch"; empty picks
# Elasticsearch when ELASTICSEARCH_URL is set. The analyzer: auto, smartcn, ik or cjk.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "")
SEARCH_ELASTICSEARCH_ANALYZER = os.environ.get("SEARCH_ELASTICSEARCH_ANALYZER", "auto")
SEARCH_ELASTICSEARCH_INDEX_PREFIX = os.environ.get("SEARCH_ELASTICSEARCH_INDEX_PREFIX", "wzm")
# News and campaigns rank lower with age: the decaying half of their score halves every this
# many days (search/recency.py). Off (0) by default: at 365 the dev set's recall@10 fell from
# 0.963 to 0.892 in a run with it and the question frame
# together; most new misses were set documents dated 2025 below demo pages.
SEARCH_NEWS_HALF_LIFE_DAYS = int(os.environ.get("SEARCH_NEWS_HALF_LIFE_DAYS", "0"))
WAGTAIL_WORKFLOW_ENABLED = True
# The admin never calls an outside host: avatars are uploaded or Wagtail's default picture,
# and the dashboard neither checks releases.wagtail.org nor shows Wagtail's English news.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "museum@wzmuseum.example")

# Every line names the request it belongs to ("-" outside requests); LOG_FORMAT=json writes
# one JSON object per line for a log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cms.ops.logging.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "cms.ops.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if os.environ.get("LOG_FORMAT", "text") == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# /health/ fails when a heartbeat task has waited this long for the worker.
HEALTH_WORKER_STALE_SECONDS = int(os.environ.get("HEALTH_WORKER_STALE_SECONDS", "300"))
# Admin logins, failed logins, logouts and page actions are kept this many days (0: forever);
# `manage.py maintenance` removes older entries.
AUDIT_LOG_RETENTION_DAYS = int(os.environ.get("AUDIT_LOG_RETENTION_DAYS", "730"))

# Names used in templates and structured data.
SITE_TITLE = _("世界温商博物馆")

# Where the static site sends what needs the backend (search, donations, API).
# Empty means the same origin as the static site.
BACKEND_URL = os.environ.get("BACKEND_URL", "").rstrip("/")

# The static site: `build_site` writes it to STATIC_SITE_DIR (a symlink switched atomically
# to each new build); publishing a page re-renders the affected files when PUBLISH_ON_SAVE.
STATIC_SITE_DIR = Path(os.environ.get("STATIC_SITE_DIR", BASE_DIR / "site"))
# With the site in object storage (S3_SITE_BUCKET), builds render into a private working copy
# and frontend/publishing/upload.py uploads what changed.
if "site" in STORAGES:
    STATIC_SITE_DIR = Path(site_work_dir())
# CDN purge of the URLs a publish changed (frontend/publishing/purge.py); off when empty.
WAGTAILFRONTENDCACHE = frontend_cache_from_env()
PUBLISH_ON_SAVE = env_bool("PUBLISH_ON_SAVE", True)
# Where the read API is published as static JSON beside the HTML (a path or a full URL).
STATIC_API_URL = os.environ.get("STATIC_API_URL", "/data/v2/")
# Render processes for a full build; 0 means one per CPU core.
STATIC_SITE_WORKERS = int(os.environ.get("STATIC_SITE_WORKERS", "0"))

# Background work (publishing, Wagtail's own tasks) is queued in the database and run by
# `manage.py db_worker`; `make run` starts one beside the dev server.
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
# A failed publish is retried this many times in all, with growing delays, before it waits
# for a site administrator's retry; a publish waits this long for the site lock.
STATIC_PUBLISH_MAX_ATTEMPTS = int(os.environ.get("STATIC_PUBLISH_MAX_ATTEMPTS", "5"))
STATIC_SITE_LOCK_TIMEOUT = float(os.environ.get("STATIC_SITE_LOCK_TIMEOUT", "600"))

# A cache shared by every process (the donation rate limit counts there); per-process memory
# without one, which is fine for one process and undercounts behind several workers.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "wzm"),
        }
    }

# OAI-PMH (/api/oai/): who answers for the repository, and the domain in its identifiers
# (oai:<domain>:<page id>); by default SITE_URL's host when it is a domain name.
OAI_ADMIN_EMAIL = os.environ.get("OAI_ADMIN_EMAIL", DEFAULT_FROM_EMAIL)
OAI_REPOSITORY_IDENTIFIER = os.environ.get("OAI_REPOSITORY_IDENTIFIER", "")
OAI_PAGE_SIZE = 50

# Donations: the public form posts here from the static site (limits in museum/donations/conf.py).
# Origins allowed to post it, besides the backend's own; the static site's origin by default.
DONATIONS_ALLOWED_ORIGINS = env_list("DONATIONS_ALLOWED_ORIGINS", SITE_URL)
DONATIONS_RATE_LIMIT = os.environ.get("DONATIONS_RATE_LIMIT", "10/h")
DONATIONS_ATTEMPT_RATE_LIMIT = os.environ.get("DONATIONS_ATTEMPT_RATE_LIMIT", "60/h")
DONATIONS_STATUS_RATE_LIMIT = os.environ.get("DONATIONS_STATUS_RATE_LIMIT", "20/h")
# Behind a proxy every request comes from the proxy's address: name the header that carries the
# client's (e.g. HTTP_X_REAL_IP); empty means REMOTE_ADDR (django-ratelimit's default).
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
# Donors' photos: private, outside MEDIA_ROOT; empty means <MEDIA_ROOT>/../private/donations.
DONATIONS_PRIVATE_ROOT = os.environ.get("DONATIONS_PRIVATE_ROOT", "")
# Large photos stream to temporary files instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
