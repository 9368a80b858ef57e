"""API v3 (Wagtail's django-ninja API with an OpenAPI schema), mounted at /api/v3/.

Reads are public and show live pages only; every write, revision and site endpoint
needs an API token (``Authorization: Bearer ...``), so anonymous requests are refused.
"""

import functools
import importlib

from django.shortcuts import get_object_or_404
from ninja.pagination import paginate
from ninja.schema import Resolver
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.querysets import get_pages_queryset as wagtail_get_pages_queryset
from wagtail.api.v3.registry import registry
from wagtail.api.v3.schemas.pages import PageMetaSchema
from wagtail.api.v3.urls import api
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.api.v3.schemas import ImageMetaSchema
from wagtail.models import Page, get_page_models

from cms.core import visibility

from .images import download_url
from .representations import is_public_page

# The modules (their packages export a Router under the same name).
pages_v3 = importlib.import_module("wagtail.api.v3.routers.pages")
redirects_v3 = importlib.import_module("wagtail.contrib.redirects.api.v3.router")


def missing_page_types():
    """Page types that are not registered with the v3 schema registry."""
    return [model._meta.label for model in get_page_models() if not registry.has(model._meta.label)]


# The registry fills itself from get_page_models() when first imported; if that ever
# happened before our apps' models were loaded, register the page types again.
if missing_page_types():
    registry.register_defaults()


def public_parent(obj, context):
    """``meta.parent`` only when an anonymous reader may see the parent page.

    Wagtail's v3 schema returns the parent unconditionally, so a live page under an
    unpublished or restricted parent would reveal that parent's title.
    """
    parent = obj.get_parent()
    request = context.get("request") if context else None
    if request is not None and request.user.is_authenticated:
        return parent
    return parent if is_public_page(parent) else None


def _guard_parent(schema_class):
    # Generated per-type schemas copied the resolver when they were created.
    resolvers = getattr(schema_class, "_ninja_resolvers", None)
    if resolvers is not None and "parent" in resolvers:
        resolvers["parent"] = Resolver(staticmethod(public_parent))
    for subclass in schema_class.__subclasses__():
        _guard_parent(subclass)


_guard_parent(PageMetaSchema)


def _rendition_download_url(schema_class):
    # As for the parent above: the v3 image schema's `download_url` names the original.
    resolvers = getattr(schema_class, "_ninja_resolvers", None)
    if resolvers is not None and "download_url" in resolvers:
        resolvers["download_url"] = Resolver(staticmethod(download_url))
    for subclass in schema_class.__subclasses__():
        _rendition_download_url(subclass)


_rendition_download_url(ImageMetaSchema)


# --- what anonymous readers get -----------------------------------------------------------
# Wagtail's v3 public tier lists live pages outside view restrictions, and every redirect.
# Our rule (`cms.core.visibility`) also hides pages under an unpublished parent and
# redirects whose target page the public may not see. Requests with an API token (or an
# admin session) keep Wagtail's permission-based answers.


def get_pages_queryset(request, model=Page):
    queryset = wagtail_get_pages_queryset(request, model)
    if request.user.is_authenticated:
        return queryset
    return visibility.exclude_subtrees(queryset, visibility.unpublished_parent_paths())


def _anonymous_redirects(queryset, request):
    if request.user.is_authenticated:
        return queryset
    return visibility.public_redirects(queryset)


_list_redirects = redirects_v3.list_redirects.__wrapped__


@paginate(WagtailLimitOffsetPagination, pass_parameter="pagination_info")  # noqa: S106
@functools.wraps(_list_redirects)
def list_redirects(request, **kwargs):
    return _anonymous_redirects(_list_redirects(request, **kwargs), request)


def get_redirect_detail(request, redirect_id: int):
    queryset = _anonymous_redirects(Redirect.objects.all(), request)
    return get_object_or_404(queryset, pk=redirect_id)


def _replace_view(router, name, view):
    for path_view in router.path_operations.values():
        for operation in path_view.operations:
            if operation.view_func.__name__ == name:
                operation.view_func = view


pages_v3.get_pages_queryset = get_pages_queryset
# The router's operations are copied when its URLs are first built (after this module is
# imported by cms.api.urls); copies made earlier are patched as well.
for _router in [redirects_v3.router] + [
    bound
    for bound in getattr(api, "_bound_routers_cache", None) or []
    if getattr(bound, "template", None) is redirects_v3.router
]:
    _replace_view(_router, "list_redirects", list_redirects)
    _replace_view(_router, "get_redirect_detail", get_redirect_detail)

__all__ = ["api", "missing_page_types"]
