"""The documents endpoint (API v2): public documents."""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.documents.api.v2.views import (
    DocumentsAPIViewSet as WagtailDocumentsAPIViewSet,
)

from .v2_messages import ReaderLanguageErrorsMixin


class DocumentsAPIViewSet(ReaderLanguageErrorsMixin, WagtailDocumentsAPIViewSet):
    """Documents outside restricted collections, with type and size for download links.

    The uploader is never exposed.
    """

    body_fields = WagtailDocumentsAPIViewSet.body_fields + [
        "file_extension",
        # Measured from the file when the upload did not record it.
        APIField(
            "file_size",
            serializer=serializers.IntegerField(source="get_file_size", read_only=True),
        ),
    ]
