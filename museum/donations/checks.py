"""System checks: say at start-up, not when a donor meets the problem, what a deployment lacks."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

#: Caches that each process keeps to itself: a rate limit counted there multiplies by the workers.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register()
def certificate_font(app_configs, **kwargs):
    from .certificate import CertificateFontMissing, find_font

    try:
        find_font()
    except CertificateFontMissing as exc:
        return [Warning(str(exc), id="donations.W001")]
    return []


@register(Tags.caches, deploy=True)
def shared_rate_limit_cache(app_configs, **kwargs):
    backend = settings.CACHES.get(getattr(settings, "RATELIMIT_USE_CACHE", "default"), {}).get(
        "BACKEND"
    )
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "The donation rate limit is counted per process: each worker allows the full rate.",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so every worker shares one count.",
                id="donations.W002",
            )
        ]
    return []
