"""API v3 (Wagtail's django-ninja API with an OpenAPI schema), mounted at /api/v3/.

Reads are public and show live pages only; every write, revision and site endpoint
needs an API token (``Authorization: Bearer ...``), so anonymous requests are refused.
"""

from wagtail.api.v3.registry import registry
from wagtail.api.v3.urls import api
from wagtail.models import get_page_models


def missing_page_types():
    """Page types that are not registered with the v3 schema registry."""
    return [model._meta.label for model in get_page_models() if not registry.has(model._meta.label)]


# The registry fills itself from get_page_models() when first imported; if that ever
# happened before our apps' models were loaded, register the page types again.
if missing_page_types():
    registry.register_defaults()

__all__ = ["api", "missing_page_types"]
