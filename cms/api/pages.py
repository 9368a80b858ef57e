"""The pages endpoint (API v2): live, public pages with each type's own fields."""

from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    """Wagtail's pages endpoint, listing what anonymous visitors may see.

    Its queryset is ``get_public_pages_queryset``: live pages only (a draft or an
    unpublished revision never reaches the API, since the live row is what is
    serialised) and nothing under a view restriction. Filtering by any database
    field in a type's ``api_fields`` works once ``type`` names one page type,
    e.g. ``?type=projects.ProjectPage&stage=signed``.
    """

    listing_default_fields = WagtailPagesAPIViewSet.listing_default_fields + ["intro"]

    @classmethod
    def get_listing_default_fields(cls, model):
        fields = super().get_listing_default_fields(model)
        # "intro" comes from the shared base page; the generic Page has no such field.
        if "intro" not in cls.get_available_fields(model):
            fields.remove("intro")
        return fields
