"""Valid submissions: stored with their photos, answered with a reference, in JSON or as a page."""

import io
import re

import pytest
from django.core import mail
from PIL import Image

from museum.donations.models import Donation, DonationStatus
from museum.donations.storage import private_root

from .helpers import image_bytes, jpeg_with_gps_and_rotation, private_files, upload, valid_fields

pytestmark = pytest.mark.django_db
REFERENCE = re.compile(r"^WZM-\d{4}-\d{6}$")


def test_json_submission_stores_donation_and_photos(
    post_donation, django_capture_on_commit_callbacks
):
    photos = [
        upload(image_bytes("JPEG"), "a.jpg"),
        upload(image_bytes("PNG"), "b.png", "image/png"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = post_donation(photos=photos)
    assert response.status_code == 201, response.content
    reference = response.json()["reference"]
    assert REFERENCE.match(reference)
    assert response["Access-Control-Allow-Origin"] == "http://127.0.0.1:8000"
    donation = Donation.objects.get(reference=reference)
    assert donation.status == DonationStatus.RECEIVED
    assert donation.donor_name == "陈国华"
    assert donation.reference.endswith(f"{donation.pk:06d}")
    stored = list(donation.photos.all())
    assert [p.format for p in stored] == ["JPEG", "PNG"]
    for photo in stored:
        path = private_root() / photo.file.name
        assert path.is_file()
        with Image.open(path) as image:
            assert image.size == (photo.width, photo.height)
    assert len(private_files()) == 2
    assert donation.events.get().to_status == DonationStatus.RECEIVED
    assert len(mail.outbox) == 1
    assert reference in mail.outbox[0].subject
    assert mail.outbox[0].to == ["chen.guohua@example.com"]
    assert donation.notifications.get().sent_at is not None


def test_photos_are_private(post_donation, settings):
    response = post_donation()
    donation = Donation.objects.get(reference=response.json()["reference"])
    path = (private_root() / donation.photos.get().file.name).resolve()
    assert not str(path).startswith(str(settings.MEDIA_ROOT.resolve()))
    with pytest.raises(ValueError):
        _ = donation.photos.get().file.url


def test_form_post_redirects_to_thank_you_page(post_donation, client):
    response = post_donation(json=False)
    assert response.status_code == 303
    page = client.get(response["Location"])
    assert page.status_code == 200
    reference = Donation.objects.get().reference
    assert reference in page.content.decode()


def test_english_form_post_thanks_in_english(post_donation, client):
    response = post_donation(fields=valid_fields(lang="en"), json=False)
    assert response["Location"].startswith("/en/donations/thanks/")
    assert Donation.objects.get().language == "en"


def test_location_is_stripped_and_orientation_applied(post_donation):
    response = post_donation(photos=[upload(jpeg_with_gps_and_rotation(), "IMG_0001.JPG")])
    assert response.status_code == 201, response.content
    photo = Donation.objects.get().photos.get()
    with Image.open(private_root() / photo.file.name) as image:
        assert image.size == (30, 60)  # rotated upright
        exif = image.getexif()
        assert 0x8825 not in exif
        assert exif.get(0x0112, 1) == 1
        assert exif.get(0x010F) == "TestCam"  # other metadata kept
        assert "xmp" not in image.info


@pytest.mark.parametrize(
    ("fmt", "name", "content_type", "stored"),
    [
        ("PNG", "scan.png", "image/png", "PNG"),
        ("WEBP", "scan.webp", "image/webp", "WEBP"),
        ("HEIF", "IMG_0002.HEIC", "image/heic", "JPEG"),
    ],
)
def test_accepted_formats(post_donation, fmt, name, content_type, stored):
    response = post_donation(photos=[upload(image_bytes(fmt), name, content_type)])
    assert response.status_code == 201, response.content
    photo = Donation.objects.get().photos.get()
    assert photo.format == stored
    with Image.open(private_root() / photo.file.name) as image:
        assert image.format == stored


def test_name_does_not_decide_the_type(post_donation):
    """A real PNG named .jpg is accepted as the PNG it is."""
    response = post_donation(photos=[upload(image_bytes("PNG"), "photo.jpg", "image/jpeg")])
    assert response.status_code == 201
    assert Donation.objects.get().photos.get().format == "PNG"


def test_ten_photos_are_accepted(post_donation):
    photos = [upload(image_bytes("JPEG", color=(i * 20, 0, 0)), f"{i}.jpg") for i in range(10)]
    response = post_donation(photos=photos)
    assert response.status_code == 201
    assert Donation.objects.get().photos.count() == 10
    assert len(private_files()) == 10


def test_chamber_is_linked(post_donation, home_page):
    from cms.chambers.models import ChamberIndexPage, ChamberPage

    index = home_page.add_child(instance=ChamberIndexPage(title="商会网络", slug="chambers"))
    chamber = index.add_child(
        instance=ChamberPage(title="全国温州商会", slug="national", level="national")
    )
    response = post_donation(fields=valid_fields(chamber=str(chamber.pk)))
    assert response.status_code == 201, response.content
    assert Donation.objects.get().chamber == chamber


def test_references_are_sequential_and_unique(post_donation):
    references = [post_donation().json()["reference"] for _ in range(3)]
    assert len(set(references)) == 3
    numbers = [int(r.rsplit("-", 1)[1]) for r in references]
    assert numbers == sorted(numbers)


def test_reencoded_photo_is_a_fresh_file(post_donation):
    original = image_bytes("JPEG", size=(120, 80))
    post_donation(photos=[upload(original, "x.jpg")])
    photo = Donation.objects.get().photos.get()
    data = (private_root() / photo.file.name).read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (120, 80)


def test_database_failure_leaves_no_files(post_donation, counts, monkeypatch):
    """If saving the rows fails, the photos already written are removed too."""
    from django.db import IntegrityError

    from museum.donations.models import DonationPhoto

    def fail(*args, **kwargs):
        raise IntegrityError("disk full")

    before = counts()
    monkeypatch.setattr(DonationPhoto.objects, "bulk_create", fail)
    with pytest.raises(IntegrityError):
        post_donation(
            photos=[upload(image_bytes("JPEG"), "a.jpg"), upload(image_bytes("PNG"), "b.png")]
        )
    assert counts() == before
    assert not any((private_root() / ".incoming").iterdir())


def test_file_move_failure_after_commit_keeps_the_donation(post_donation, monkeypatch):
    """The rows are committed before the photos take their final names. If a move then fails (or
    the process dies), the donor still gets their reference and the sweep finishes the move."""
    import os as os_module

    from django.core.management import call_command

    real_replace = os_module.replace
    calls = []

    def flaky_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("no space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr("museum.donations.services.os.replace", flaky_replace)
    response = post_donation(
        photos=[upload(image_bytes("JPEG"), "a.jpg"), upload(image_bytes("PNG"), "b.png")]
    )
    assert response.status_code == 201
    assert len(calls) == 2
    monkeypatch.undo()
    donation = Donation.objects.get(reference=response.json()["reference"])
    names = [photo.file.name for photo in donation.photos.all()]
    assert [(private_root() / name).is_file() for name in names] == [True, False]
    assert len(list((private_root() / ".incoming").iterdir())) == 1

    call_command("retry_donation_emails", "--min-age", "0", stdout=io.StringIO())
    assert all((private_root() / name).is_file() for name in names)
    assert not any((private_root() / ".incoming").iterdir())


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "map.png"), ("WEBP", "map.webp")])
def test_location_is_stripped_from_png_and_webp(post_donation, fmt, name):
    image = Image.new("RGB", (40, 30), (10, 200, 10))
    exif = image.getexif()
    exif.get_ifd(0x8825)[2] = (28.0, 0.0, 0.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>28,0.0N</exif:GPSLatitude></x:xmpmeta>'
    out = io.BytesIO()
    if fmt == "WEBP":
        image.save(out, format=fmt, exif=exif, xmp=xmp)
    else:
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", xmp.decode())
        image.save(out, format=fmt, exif=exif, pnginfo=info)
    assert b"GPSLatitude" in out.getvalue()
    response = post_donation(photos=[upload(out.getvalue(), name, f"image/{fmt.lower()}")])
    assert response.status_code == 201, response.content
    data = (private_root() / Donation.objects.get().photos.get().file.name).read_bytes()
    assert b"GPSLatitude" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert 0x8825 not in stored.getexif()
