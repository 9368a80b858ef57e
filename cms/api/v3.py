"""API v3 (Wagtail's django-ninja API with an OpenAPI schema), mounted at /api/v3/.

Reads are public and show live pages only; every write, revision and site endpoint
needs an API token (``Authorization: Bearer ...``), so anonymous requests are refused.
"""

from ninja.schema import Resolver
from wagtail.api.v3.registry import registry
from wagtail.api.v3.schemas.pages import PageMetaSchema
from wagtail.api.v3.urls import api
from wagtail.models import get_page_models

from .representations import is_public_page


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

__all__ = ["api", "missing_page_types"]
