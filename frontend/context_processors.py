"""Values every public template needs, whatever view renders it."""

from django.conf import settings

from cms.core.csp import meta_policy


def site(request):
    return {
        "BACKEND_URL": getattr(settings, "BACKEND_URL", ""),
        "SITE_TITLE": getattr(settings, "SITE_TITLE", ""),
        # The static site has no response headers of its own: it carries the policy in <meta>.
        "CSP_META_POLICY": meta_policy(),
    }
