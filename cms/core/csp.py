"""The Content-Security-Policy: one policy (``CONTENT_SECURITY_POLICY`` in settings) for every page.

Pages load only this site's own files. Two additions are computed per request, because they
follow settings that change per deployment: the backend origin the static site posts its search
and donation forms to (``BACKEND_URL``) and media on object storage (an absolute ``MEDIA_URL``).
Wagtail's admin writes inline scripts (date pickers, inline panels) and inline styles, so under
/admin/ the policy also allows ``CSP_ADMIN_SOURCES``. The static site carries the same policy in
a ``<meta>`` tag (``meta_policy``); nginx should send it as a header too, since ``frame-ancestors``
works only there.
"""

from dataclasses import replace
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

#: Directives a browser ignores in a <meta> policy.
HEADER_ONLY_DIRECTIVES = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def _origin(url):
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def deployment_sources():
    """Origins other than the page's own that this deployment's pages use."""
    update = {}
    backend = _origin(settings.BACKEND_URL)
    if backend:
        update["connect-src"] = [backend]
        update["form-action"] = [backend]
    media = _origin(settings.MEDIA_URL)
    if media:
        update["img-src"] = [media]
        update["media-src"] = [media]
    return update


def _merge(*updates):
    merged = {}
    for update in updates:
        for directive, sources in (update or {}).items():
            merged[directive] = [*merged.get(directive, []), *sources]
    return merged


def meta_policy():
    """The policy for the static site's ``<meta http-equiv="Content-Security-Policy">``.

    django-csp joins directives and sources in set order, which differs between processes;
    sorted, every build writes the same bytes (a CDN and nginx see no change where none is).
    """
    policy = build_policy(
        update=deployment_sources(), replace=dict.fromkeys(HEADER_ONLY_DIRECTIVES)
    )
    directives = []
    for directive in policy.split(";"):
        name, *sources = directive.split()
        directives.append(" ".join([name, *sorted(sources)]))
    return "; ".join(sorted(directives))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        extra = [deployment_sources()]
        if request.path_info.startswith("/admin/"):
            extra.append(settings.CSP_ADMIN_SOURCES)
        return replace(parts, update=_merge(parts.update, *extra))
