"""One router for the headless API: Wagtail API v2 endpoints and API v3.

Each v2 endpoint lives in its own module; this module only registers them.
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from .documents import DocumentsAPIViewSet
from .images import ImagesAPIViewSet
from .pages import PagesAPIViewSet
from .v3 import api as api_v3

api_v2 = WagtailAPIRouter("wagtailapi_v2")
api_v2.register_endpoint("pages", PagesAPIViewSet)
api_v2.register_endpoint("images", ImagesAPIViewSet)
api_v2.register_endpoint("documents", DocumentsAPIViewSet)

urlpatterns = [
    path("v2/", api_v2.urls),
    path("v3/", api_v3.urls),
]
