"""Purge a CDN's copies of what a publish changed, through wagtail.contrib.frontend_cache.

Off unless WAGTAILFRONTENDCACHE is set (FRONTEND_CACHE_* variables, see README). The app is
not installed: its signal handlers would purge when an editor publishes, before the worker has
rendered and uploaded the new files; here the purge follows the upload.
"""

import logging
from urllib.parse import quote

from django.conf import settings

logger = logging.getLogger(__name__)


def urls_for(names, base=None):
    """The public URLs of files of the site: `a/index.html` is served as `a/` too."""
    base = (base or settings.SITE_URL).rstrip("/")
    urls = []
    for name in names:
        path = "/" + quote(name.lstrip("/"))
        urls.append(base + path)
        if path.endswith("/index.html"):
            urls.append(base + path[: -len("index.html")])
    return sorted(set(urls))


def purge_files(names):
    """Purge the URLs of `names`; returns them. A failing CDN is logged, never raised: the
    files are published either way and expire on their own."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or not names:
        return []
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    urls = urls_for(names)
    try:
        purge_urls_from_cache(urls)
    except Exception:
        logger.exception("Purging %d URL(s) from the frontend cache failed", len(urls))
    return urls
