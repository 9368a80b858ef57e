from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import urls as api_urls
from search import urls as search_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Before the read API: the static donation page posts here (no CSRF token; origin-checked).
    path("api/donations/", include("museum.donations.api_urls")),
    path("api/search/", include((search_urls.api_urlpatterns, "search_api"))),
    path("api/", include(api_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    from frontend.media import serve_public_media

    # Renditions and share cards only; originals and raw document files stay private.
    urlpatterns += static(
        settings.MEDIA_URL, view=serve_public_media, document_root=settings.MEDIA_ROOT
    )

# Chinese pages at "/", English pages under "/en/".
urlpatterns += i18n_patterns(
    path("donations/", include("museum.donations.urls")),
    path("search/", include((search_urls.page_urlpatterns, "search"))),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
