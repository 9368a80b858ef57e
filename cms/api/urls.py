"""One router for the headless API: Wagtail API v2 endpoints and API v3.

Each v2 endpoint lives in its own module; this module only registers them.
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from . import docs
from .documents import DocumentsAPIViewSet
from .images import ImagesAPIViewSet
from .pages import PagesAPIViewSet
from .platform_openapi import platform_openapi
from .v3 import api as api_v3

api_v2 = WagtailAPIRouter("wagtailapi_v2")
api_v2.register_endpoint("pages", PagesAPIViewSet)
api_v2.register_endpoint("images", ImagesAPIViewSet)
api_v2.register_endpoint("documents", DocumentsAPIViewSet)

urlpatterns = [
    path("v2/", api_v2.urls),
    path("v3/", api_v3.urls),
    path("docs/", docs.docs_index, name="api_docs"),
    path("platform/openapi.json", platform_openapi, name="platform_openapi"),
    path("platform/docs/", docs.platform_docs, name="platform_docs"),
    path("static-schemas/", docs.static_schemas_index, name="static_api_schemas"),
    path("static-schemas/<slug:kind>.json", docs.static_schema_view, name="static_api_schema"),
]
