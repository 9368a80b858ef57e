"""The images endpoint (API v2): public images with rendition URLs."""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet

THUMBNAIL_SPEC = "fill-400x300|format-webp"
LARGE_SPEC = "max-1600x1600|format-webp"


class ImagesAPIViewSet(WagtailImagesAPIViewSet):
    """Images outside restricted collections, with their alt text and renditions.

    Wagtail's endpoint already drops images in collections whose view restriction
    the request does not pass; donors' photos kept in a restricted collection stay
    out of reach anonymously. The uploader is never exposed.
    """

    body_fields = WagtailImagesAPIViewSet.body_fields + [
        APIField(
            "alt", serializer=serializers.CharField(source="default_alt_text", read_only=True)
        ),
        APIField("thumbnail", serializer=ImageRenditionField(THUMBNAIL_SPEC, source="*")),
        APIField("large", serializer=ImageRenditionField(LARGE_SPEC, source="*")),
    ]
    detail_only_fields = ["large"]
