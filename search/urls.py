from django.urls import path

from . import views

app_name = "search"

# Mounted at /api/search/ (cms/urls.py).
api_urlpatterns = [
    path("", views.api_search, name="api"),
    path("suggest/", views.api_suggest, name="api_suggest"),
]

# Mounted inside i18n_patterns: /search/ and /en/search/.
page_urlpatterns = [path("", views.search_page, name="page")]
