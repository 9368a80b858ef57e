"""Brute-force protection: sign-in forms lock out (django-axes), password forms are throttled.

Admin and front-end sign-ins (/admin/login/, /_util/login/) go through Django's authentication,
which django-axes watches: after ``AXES_FAILURE_LIMIT`` failures for one username from one
address, that pair is locked out for ``AXES_COOLOFF_TIME``, even with the right password. The
page- and document-password forms are not sign-ins: their failures are counted per address and
restriction with django-ratelimit on the shared cache. Both answer with one 429 page.
"""

import logging
import math
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import _get_ip, get_usage

logger = logging.getLogger("cms.security")


def client_address(request):
    """The client's address as django-ratelimit reads it (RATELIMIT_IP_META_KEY), for both limits."""
    return _get_ip(request)


def too_many_attempts(request, retry_after):
    minutes = max(1, math.ceil(retry_after / 60))
    response = render(request, "core/too_many_attempts.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(retry_after))
    return response


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE)."""
    return too_many_attempts(request, settings.AXES_COOLOFF_TIME.total_seconds())


def _usage(request, group, increment):
    return get_usage(
        request,
        group=group,
        key="ip",
        rate=settings.PASSWORD_FORM_RATE_LIMIT,
        method="POST",
        increment=increment,
    )


def throttle_password_form(kind, restriction_kwarg):
    """Count failed submissions of a password form per address and restriction; refuse past the limit.

    Wagtail's password views redirect when the password is right and show the form again when
    it is wrong; only the latter counts, so a visitor who got in is never held back.
    """

    def decorator(view):
        @wraps(view)
        def throttled(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            group = f"password-form.{kind}.{kwargs[restriction_kwarg]}"
            usage = _usage(request, group, increment=False)
            if usage and usage["count"] >= usage["limit"]:
                logger.warning(
                    "Password form %s refused: too many failures from %s",
                    group,
                    client_address(request),
                )
                return too_many_attempts(request, usage["time_left"])
            response = view(request, *args, **kwargs)
            if not 300 <= response.status_code < 400:
                _usage(request, group, increment=True)
                logger.warning(
                    "Password form %s: wrong password from %s", group, client_address(request)
                )
            return response

        return throttled

    return decorator
