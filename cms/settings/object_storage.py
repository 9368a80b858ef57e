"""STORAGES entries from the environment (S3-compatible object storage); the classes are in
cms/storage.py. Kept apart so settings import no boto3."""

import os
import tempfile


def _bucket_options(environ, bucket, prefix):
    options = {
        "bucket_name": bucket,
        "location": prefix.strip("/"),
        "endpoint_url": environ.get("S3_ENDPOINT_URL") or None,
        "region_name": environ.get("S3_REGION") or None,
        "access_key": environ.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("S3_SECRET_ACCESS_KEY") or None,
        "signature_version": environ.get("S3_SIGNATURE_VERSION") or "s3v4",
        "addressing_style": environ.get("S3_ADDRESSING_STYLE") or None,
        # Names are unique like on the local disk, never overwritten silently.
        "file_overwrite": False,
        "default_acl": None,
        "querystring_auth": True,
    }
    return options


def storages_from_env(environ=None):
    """The STORAGES entries the environment asks for (none: everything on the local disk)."""
    environ = os.environ if environ is None else environ
    result = {}
    if environ.get("S3_MEDIA_BUCKET"):
        result["default"] = {
            "BACKEND": "cms.storage.MediaStorage",
            "OPTIONS": _bucket_options(
                environ, environ["S3_MEDIA_BUCKET"], environ.get("S3_MEDIA_PREFIX", "media")
            ),
        }
    if environ.get("S3_PRIVATE_BUCKET"):
        result["donations"] = {
            "BACKEND": "cms.storage.PrivateStorage",
            "OPTIONS": _bucket_options(
                environ,
                environ["S3_PRIVATE_BUCKET"],
                environ.get("S3_PRIVATE_PREFIX", "private/donations"),
            ),
        }
    if environ.get("S3_SITE_BUCKET"):
        options = _bucket_options(
            environ, environ["S3_SITE_BUCKET"], environ.get("S3_SITE_PREFIX", "")
        )
        options.update(
            file_overwrite=True,
            default_acl=environ.get("S3_SITE_ACL", "public-read") or None,
            querystring_auth=False,
        )
        result["site"] = {"BACKEND": "cms.storage.SiteStorage", "OPTIONS": options}
    return result


def site_work_dir(environ=None):
    """Where builds render before upload: a private working copy, never served."""
    environ = os.environ if environ is None else environ
    configured = environ.get("STATIC_SITE_WORK_DIR")
    if configured:
        return configured
    return os.path.join(tempfile.gettempdir(), f"wzm-site-{environ.get('S3_SITE_BUCKET', '')}")


FRONTEND_CACHE_BACKENDS = {
    "http": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
    "cloudflare": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
    "cloudfront": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
    "azure_cdn": "wagtail.contrib.frontend_cache.backends.AzureCdnBackend",
    "azure_front_door": "wagtail.contrib.frontend_cache.backends.AzureFrontDoorBackend",
}
# Backend parameter <- environment variable; empty ones are left out.
FRONTEND_CACHE_PARAMETERS = {
    "LOCATION": "FRONTEND_CACHE_LOCATION",
    "BEARER_TOKEN": "CLOUDFLARE_BEARER_TOKEN",
    "ZONEID": "CLOUDFLARE_ZONEID",
    "DISTRIBUTION_ID": "CLOUDFRONT_DISTRIBUTION_ID",
    "RESOURCE_GROUP_NAME": "AZURE_RESOURCE_GROUP_NAME",
    "CDN_PROFILE_NAME": "AZURE_CDN_PROFILE_NAME",
    "CDN_ENDPOINT_NAME": "AZURE_CDN_ENDPOINT_NAME",
    "FRONT_DOOR_NAME": "AZURE_FRONT_DOOR_NAME",
    "SUBSCRIPTION_ID": "AZURE_SUBSCRIPTION_ID",
}


def frontend_cache_from_env(environ=None):
    """WAGTAILFRONTENDCACHE for frontend/publishing/purge.py; {} (off) unless configured."""
    environ = os.environ if environ is None else environ
    name = environ.get("FRONTEND_CACHE_BACKEND", "").strip().lower()
    if not name:
        return {}
    if name not in FRONTEND_CACHE_BACKENDS:
        raise ValueError(
            f"FRONTEND_CACHE_BACKEND={name!r}: use one of {', '.join(FRONTEND_CACHE_BACKENDS)}"
        )
    backend = {"BACKEND": FRONTEND_CACHE_BACKENDS[name]}
    for parameter, variable in FRONTEND_CACHE_PARAMETERS.items():
        if environ.get(variable):
            backend[parameter] = environ[variable]
    hostnames = [h.strip() for h in environ.get("FRONTEND_CACHE_HOSTNAMES", "").split(",")]
    if any(hostnames):
        backend["HOSTNAMES"] = [h for h in hostnames if h]
    return {"default": backend}
