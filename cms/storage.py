"""Object storage (S3-compatible: Aliyun OSS, Tencent COS, MinIO, AWS S3) for more than one host.

Configured from the environment by `cms.settings.object_storage` (see README "Deploying"); with nothing
set, media, donors' photos and the static site stay on the local disk. Three roles:

- ``default``: media (original images, renditions, share cards, documents). Objects are
  private; URLs stay under MEDIA_URL, and the static site carries copies of the renditions and
  documents its pages show, so nothing in the media bucket needs to be public.
- ``donations``: donors' photos, private (never public-read, no URL); staff see them through
  the admin's photo view, which streams them.
- ``site``: the published static site, uploaded by `frontend.publishing.upload`.
"""

import mimetypes
import re
from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

HTML_CACHE = "public, max-age=0, must-revalidate"
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=3600"
# The same rules as the nginx site (deploy/templates/nginx/wzm-site.conf).
HASHED_STATIC = re.compile(r"^static/.+\.[0-9a-f]{12}\.[A-Za-z0-9]+$")


class MediaStorage(S3Storage):
    """Media in a private bucket; URLs stay under MEDIA_URL like the local storage's."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))


class PrivateStorage(S3Storage):
    """Donors' photos: always private, and no URL at all."""

    def get_object_parameters(self, name):
        return {**super().get_object_parameters(name), "ACL": "private"}

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Donation photos have no public URL; use the admin photo view.")


class SiteStorage(S3Storage):
    """The static site: each object with the content type and cache lifetime nginx would send."""

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        prefix = f"{self.location}/" if self.location else ""
        relative = name[len(prefix) :] if prefix and name.startswith(prefix) else name
        params.setdefault("CacheControl", cache_control(relative))
        content_type, encoding = mimetypes.guess_type(relative)
        if content_type and not encoding:
            if content_type.startswith("text/") or content_type in {
                "application/json",
                "application/xml",
                "application/javascript",
                "image/svg+xml",
            }:
                content_type += "; charset=utf-8"
            params.setdefault("ContentType", content_type)
        return params


def cache_control(relative):
    if HASHED_STATIC.match(relative) or relative.startswith(
        ("media/images/", "media/share-cards/")
    ):
        return IMMUTABLE_CACHE
    if relative.startswith(("static/", "documents/", "media/")):
        return SHORT_CACHE
    return HTML_CACHE
