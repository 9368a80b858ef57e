"""The images endpoint (API v2): public images with rendition URLs."""

from rest_framework import serializers
from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet

from .v2_messages import ReaderLanguageErrorsMixin

THUMBNAIL_SPEC = "fill-400x300|format-webp"
LARGE_SPEC = "max-1600x1600|format-webp"
# What `download_url` offers: a large rendition, never the original upload (originals keep
# their full metadata and are not part of the public media tree).
DOWNLOAD_SPEC = "max-2400x2400"


def download_url(image):
    from wagtail.images.models import SourceImageIOError

    try:
        return image.get_rendition(DOWNLOAD_SPEC).url
    except SourceImageIOError:
        return None


class RenditionDownloadUrlField(Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        return download_url(image)


class PublicImageSerializer(ImageSerializer):
    download_url = RenditionDownloadUrlField()


class ImagesAPIViewSet(ReaderLanguageErrorsMixin, WagtailImagesAPIViewSet):
    """Images outside restricted collections, with their alt text and renditions.

    Wagtail's endpoint already drops images in collections whose view restriction
    the request does not pass; donors' photos kept in a restricted collection stay
    out of reach anonymously. The uploader is never exposed, and `download_url` is a
    large rendition rather than the original file.
    """

    base_serializer_class = PublicImageSerializer
    body_fields = WagtailImagesAPIViewSet.body_fields + [
        APIField(
            "alt", serializer=serializers.CharField(source="default_alt_text", read_only=True)
        ),
        APIField("thumbnail", serializer=ImageRenditionField(THUMBNAIL_SPEC, source="*")),
        APIField("large", serializer=ImageRenditionField(LARGE_SPEC, source="*")),
    ]
    detail_only_fields = ["large"]
