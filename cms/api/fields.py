"""Serializer fields for model ``api_fields``.

They are Django REST framework fields because API v2 is built on it, and API v3 reuses
an ``APIField``'s serializer (typed from ``to_representation``'s return annotation), so
one declaration on the model serves both versions.
"""

from rest_framework.fields import Field
from wagtail.images.api.fields import (
    ImageRenditionDict,
    ImageRenditionErrorDict,
    ImageRenditionField,
)

from .representations import (
    ChoiceDict,
    PageLinkDict,
    choice,
    is_public_media,
    page_link,
)


class ReadOnlyField(Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)


class ChoiceField(ReadOnlyField):
    """``{"value": "signed", "label": "签约"}``; null when the field is blank."""

    def get_attribute(self, instance):
        # The label needs the instance (get_FOO_display and the page's language).
        return instance

    def to_representation(self, instance) -> ChoiceDict | None:
        return choice(instance, self.source)


class PageLinkField(ReadOnlyField):
    """A foreign key to a page as ``{id, type, title, url, html_url}``.

    Null when the page is not live or sits under a view restriction.
    """

    def to_representation(self, page) -> PageLinkDict | None:
        return page_link(page, self.context)


class PageLinksField(ReadOnlyField):
    """A many-to-many relation to pages as a list of links, public pages only."""

    def to_representation(self, manager) -> list[PageLinkDict]:
        links = (page_link(page, self.context) for page in manager.all())
        return [link for link in links if link is not None]


class ModelListField(ReadOnlyField):
    """A many-to-many relation to snippets as a list of objects with the named fields."""

    def __init__(self, fields, **kwargs):
        self.model_fields = tuple(fields)
        super().__init__(**kwargs)

    def to_representation(self, manager) -> list[dict[str, str | int | None]]:
        return [
            {"id": obj.pk, **{name: getattr(obj, name) for name in self.model_fields}}
            for obj in manager.all()
        ]


class PublicImageRenditionField(ImageRenditionField):
    """Wagtail's rendition field; null for an image in a restricted collection."""

    def to_representation(self, image) -> ImageRenditionDict | ImageRenditionErrorDict | None:
        if not is_public_media(image, self.context):
            return None
        return super().to_representation(image)
