"""The pages endpoint (API v2): live, public pages with each type's own fields."""

from django.db.models import ForeignKey, ManyToManyField
from modelcluster.fields import ParentalKey
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.core import visibility

from .v2_messages import ReaderLanguageErrorsMixin


class PagesAPIViewSet(ReaderLanguageErrorsMixin, WagtailPagesAPIViewSet):
    """Wagtail's pages endpoint, listing what anonymous visitors may see.

    Its queryset is ``get_public_pages_queryset``: live pages only (a draft or an
    unpublished revision never reaches the API, since the live row is what is
    serialised), nothing under a view restriction and nothing under an unpublished
    parent. Filtering by any database
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

    def get_queryset(self):
        # Not reachable or kept back by its page type (`cms.core.visibility`).
        queryset = visibility.exclude_subtrees(
            super().get_queryset(), visibility.unpublished_parent_paths()
        ).exclude(visibility.hidden_from_public_q())
        if queryset.model is Page:
            return queryset
        select, prefetch = related_lookups(queryset.model)
        return queryset.select_related(*select).prefetch_related(*prefetch)


def related_lookups(model):
    """select_related and prefetch_related lookups for one page type's API fields.

    A listing with ``fields=*`` otherwise runs several queries per page: the locale
    (choice labels), each image and its renditions, linked pages and inline objects.
    """
    image_model = get_image_model()
    api_names = {getattr(field, "name", field) for field in getattr(model, "api_fields", ())}
    select, prefetch = ["locale"], []
    for field in model._meta.get_fields():
        name = getattr(field, "name", None)
        if isinstance(field, ForeignKey) and name in api_names:
            select.append(name)
            if field.related_model is image_model:
                prefetch.append(f"{name}__renditions")
        elif isinstance(field, ManyToManyField) and name in api_names:
            prefetch.append(name)
        elif field.one_to_many and isinstance(getattr(field, "field", None), ParentalKey):
            accessor = field.get_accessor_name()
            if accessor not in api_names:
                continue
            prefetch.append(accessor)
            for child_field in field.related_model._meta.get_fields():
                if isinstance(child_field, ForeignKey) and child_field.related_model is image_model:
                    prefetch.append(f"{accessor}__{child_field.name}__renditions")
    return select, prefetch
