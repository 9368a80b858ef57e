"""Values every public template needs, whatever view renders it."""

from django.conf import settings


def site(request):
    return {
        "BACKEND_URL": getattr(settings, "BACKEND_URL", ""),
        "SITE_TITLE": getattr(settings, "SITE_TITLE", ""),
    }
