"""Editors upload phone photos (HEIC) through the admin's own image upload form."""

import io

import pillow_heif
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def heic_photo(size=(120, 80), color=(30, 90, 160)):
    """A real HEIC file, encoded by libheif as a phone would."""
    out = io.BytesIO()
    pillow_heif.from_pillow(PILImage.new("RGB", size, color)).save(out, quality=80)
    return out.getvalue()


def test_admin_upload_form_accepts_a_heic_photo(admin_client):
    data = heic_photo()
    assert data[4:12] == b"ftypheic"

    form = admin_client.get(reverse("wagtailimages:add"))
    assert "image/heic" in form.content.decode()

    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "手机拍摄的老照片",
            "file": SimpleUploadedFile("IMG_0042.HEIC", data, content_type="image/heic"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="手机拍摄的老照片")
    assert (image.width, image.height) == (120, 80)

    # Browsers cannot show HEIC: renditions, like the admin's thumbnail, come out as JPEG.
    rendition = image.get_rendition("max-165x165")
    assert rendition.file.name.endswith(".jpg")
    with rendition.file.open("rb") as stored:
        assert PILImage.open(stored).format == "JPEG"


def test_admin_upload_refuses_a_file_that_only_claims_to_be_heic(admin_client):
    count = get_image_model().objects.count()
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "假照片",
            "file": SimpleUploadedFile("IMG_0043.HEIC", b"\x00" * 64, content_type="image/heic"),
        },
    )
    assert response.status_code == 200
    assert get_image_model().objects.count() == count
