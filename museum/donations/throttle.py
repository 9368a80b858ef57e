"""Per-address limits on donations: accepted ones against one quota, every attempt against a higher one.

An accepted-donation slot is reserved before the form is processed (an atomic increment in the
shared cache, so simultaneous posts from one address cannot all slip under the limit) and given
back if the submission is refused. Windows are fixed, so the time until the next slot is known
and goes into ``Retry-After``.
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

# django-ratelimit's own reading of the client address (honours RATELIMIT_IP_META_KEY and the
# IPv4/IPv6 masks) and of "10/h" rates, so every limit in the project counts addresses one way.
from django_ratelimit.core import _get_ip, _split_rate

PREFIX = "donations:throttle"


@dataclass
class Slot:
    key: str | None
    retry_after: int = 0

    @property
    def refused(self):
        return self.key is None


def _cache():
    return caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]


def take(request, group, rate):
    """One unit of ``group``'s quota for this address; ``Slot.refused`` once the window is full."""
    limit, period = _split_rate(rate)
    now = time.time()
    start = int(now // period * period)
    key = f"{PREFIX}:{group}:{period}:{_get_ip(request)}:{start}"
    cache = _cache()
    cache.add(key, 0, period + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 0, period + 60)
        count = cache.incr(key)
    retry_after = max(1, math.ceil(start + period - now))
    if count > limit:
        _give_back(key)
        return Slot(key=None, retry_after=retry_after)
    return Slot(key=key, retry_after=retry_after)


def give_back(slot):
    """Return a reserved slot: the submission it was held for was not accepted."""
    if slot is not None and slot.key:
        _give_back(slot.key)
        slot.key = None


def _give_back(key):
    try:
        _cache().decr(key)
    except ValueError:
        pass
