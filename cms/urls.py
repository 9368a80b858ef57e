from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from cms.api import urls as api_urls
from cms.core.throttle import throttle_password_form
from cms.ops.views import health
from search import urls as search_urls

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document-password form, with failed passwords throttled (before Wagtail's own).
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        throttle_password_form("document", "restriction_id")(
            wagtaildocs_serve.authenticate_with_password
        ),
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    # Before the read API: the static donation page posts here (no CSRF token; origin-checked).
    path("api/donations/", include("museum.donations.api_urls")),
    path("api/oai/", include("museum.oai.urls")),
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
    # Wagtail's page-password form, with failed passwords throttled (before Wagtail's own).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttle_password_form("page", "page_view_restriction_id")(
            wagtail_views.authenticate_with_password
        ),
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
