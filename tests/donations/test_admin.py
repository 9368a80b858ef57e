"""Curators review donations in the admin; nobody else sees them. Accession creates the draft artifact."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.images import get_image_model
from wagtail.models import Collection

from museum.donations.accession import PENDING_COLLECTION
from museum.donations.models import Donation, DonationEvent, DonationStatus
from museum.donations.permissions import CURATOR_PERMISSIONS
from museum.models import ArtifactPage, CollectionIndexPage, MuseumPage

from .helpers import image_bytes, upload

pytestmark = pytest.mark.django_db


def _user(django_user_model, username, group=None, codenames=()):
    user = django_user_model.objects.create_user(username=username, password="pw")  # noqa: S106
    perms = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ) | Permission.objects.filter(content_type__app_label="donations", codename__in=codenames)
    if group:
        group_obj, _ = Group.objects.get_or_create(name=group)
        group_obj.permissions.add(*perms)
        user.groups.add(group_obj)
    else:
        user.user_permissions.add(*perms)
    return user


@pytest.fixture
def curator(django_user_model):
    return _user(django_user_model, "curator", "博物馆策展", CURATOR_PERMISSIONS)


@pytest.fixture
def editor(django_user_model):
    """Can use the admin, but is no curator."""
    return _user(django_user_model, "editor")


@pytest.fixture
def donation(post_donation):
    photos = [
        upload(image_bytes("JPEG", size=(80, 60)), "front.jpg"),
        upload(image_bytes("PNG"), "back.png", "image/png"),
    ]
    response = post_donation(photos=photos)
    return Donation.objects.get(reference=response.json()["reference"])


@pytest.fixture
def collection_index(home_page):
    museum = home_page.add_child(instance=MuseumPage(title="世界温商博物馆", slug="museum"))
    return museum.add_child(instance=CollectionIndexPage(title="馆藏", slug="collection"))


def test_anonymous_is_sent_to_login(client, donation):
    response = client.get("/admin/donations/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "url",
    ["/admin/donations/", "/admin/donations/inspect/{pk}/", "/admin/donations/photo/{pk}/{photo}/"],
)
def test_non_curator_cannot_see_donations(client, editor, donation, url):
    client.force_login(editor)
    response = client.get(url.format(pk=donation.pk, photo=donation.photos.first().pk))
    assert response.status_code in (302, 403)
    assert donation.donor_name not in response.content.decode()
    menu = client.get("/admin/").content.decode()
    assert "/admin/donations/" not in menu


def test_non_curator_cannot_move_or_accession(client, editor, donation):
    client.force_login(editor)
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    response = client.post(
        f"/admin/donations/transition/{donation.pk}/", {"to_status": "under_review", "note": "x"}
    )
    assert response.status_code in (302, 403)
    assert response.get("Location", "/admin/") == "/admin/"
    response = client.post(
        f"/admin/donations/accession/{donation.pk}/", {"accession_number": "X-1", "note": "x"}
    )
    assert response.status_code in (302, 403)
    assert response.get("Location", "/admin/") == "/admin/"
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED


def test_nobody_adds_or_edits_donations_in_admin(client, admin_user, donation):
    client.force_login(admin_user)
    assert client.get("/admin/donations/new/").status_code in (302, 403)
    assert client.get(f"/admin/donations/edit/{donation.pk}/").status_code in (302, 403)


def test_curator_sees_list_detail_and_photos(client, curator, donation):
    client.force_login(curator)
    listing = client.get("/admin/donations/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert donation.reference in html
    assert "/admin/donations/" in client.get("/admin/").content.decode()
    detail = client.get(f"/admin/donations/inspect/{donation.pk}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "chen.guohua@example.com" in html
    photo = donation.photos.first()
    assert f"/admin/donations/photo/{donation.pk}/{photo.pk}/" in html
    image = client.get(f"/admin/donations/photo/{donation.pk}/{photo.pk}/")
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"
    assert b"".join(image.streaming_content).startswith(b"\xff\xd8")


def test_filters_and_search(client, curator, post_donation):
    from .helpers import valid_fields

    first = post_donation(
        fields=valid_fields(title="温州皮鞋样品", country="法国", category="product")
    ).json()["reference"]
    second = post_donation(
        fields=valid_fields(title="侨批书信", country="意大利", category="letter")
    ).json()["reference"]
    Donation.objects.filter(reference=second).update(status=DonationStatus.UNDER_REVIEW)
    client.force_login(curator)

    def listed(query):
        html = client.get(f"/admin/donations/?{query}").content.decode()
        return {ref for ref in (first, second) if ref in html}

    assert listed("") == {first, second}
    assert listed("status=under_review") == {second}
    assert listed("category=product") == {first}
    assert listed("country=法国") == {first}
    assert listed("q=侨批") == {second}
    assert listed(f"q={first}") == {first}
    assert listed("created_at_from=2000-01-01") == {first, second}
    assert listed("created_at_to=2000-01-01") == set()


def test_status_moves_need_a_note_and_leave_an_audit_trail(
    client, curator, donation, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(curator)
    url = f"/admin/donations/transition/{donation.pk}/"
    client.post(url, {"to_status": "under_review", "note": ""})
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED  # no note, no move

    client.post(url, {"to_status": "accepted", "note": "跳过审核"})
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED  # not an allowed move

    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"to_status": "under_review", "note": "开始审核"})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"to_status": "declined", "note": "与馆藏方向不符"})
    donation.refresh_from_db()
    assert donation.status == DonationStatus.DECLINED
    events = list(DonationEvent.objects.filter(donation=donation).order_by("pk"))
    assert [(e.from_status, e.to_status) for e in events] == [
        ("", "received"),
        ("received", "under_review"),
        ("under_review", "declined"),
    ]
    assert events[2].actor == curator and events[2].actor_name == "curator"
    assert events[2].note == "与馆藏方向不符"
    assert events[2].created_at >= events[1].created_at
    # The receipt (still owed: the fixture ran no on_commit hooks), then one per status change.
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 3
    assert str(DonationStatus.RECEIVED.label) in subjects[0]
    assert str(DonationStatus.UNDER_REVIEW.label) in subjects[1]
    assert str(DonationStatus.DECLINED.label) in subjects[2]
    assert "与馆藏方向不符" not in mail.outbox[2].body  # internal notes stay internal
    client.post(url, {"to_status": "accepted", "note": "改主意"})
    donation.refresh_from_db()
    assert donation.status == DonationStatus.DECLINED  # declined is final


def test_accession_creates_draft_artifact_with_images(
    client, curator, admin_user, donation, collection_index
):
    client.force_login(curator)
    url = f"/admin/donations/transition/{donation.pk}/"
    client.post(url, {"to_status": "under_review", "note": "开始审核"})
    client.post(url, {"to_status": "accepted", "note": "符合征集方向"})
    detail = client.get(f"/admin/donations/inspect/{donation.pk}/").content.decode()
    assert f"/admin/donations/accession/{donation.pk}/" in detail

    photo_ids = list(donation.photos.values_list("pk", flat=True))
    response = client.post(
        f"/admin/donations/accession/{donation.pk}/",
        {"accession_number": "WZM-2026-D000777", "note": "入藏", "public_photos": photo_ids},
    )
    assert response.status_code == 302
    donation.refresh_from_db()
    artifact = donation.artifact.specific
    assert response["Location"] == f"/admin/pages/{artifact.pk}/edit/"
    assert donation.status == DonationStatus.ACCESSIONED
    assert donation.accession_number == "WZM-2026-D000777"
    assert isinstance(artifact, ArtifactPage)
    assert not artifact.live
    assert artifact.get_parent().specific == collection_index
    assert artifact.title == donation.title
    assert artifact.accession_number == "WZM-2026-D000777"
    assert artifact.object_type == donation.category
    assert artifact.era == donation.era
    assert artifact.donor == donation.donor_name  # the form's default credit: the full name
    assert donation.donor_name in artifact.provenance
    assert donation.description in artifact.description
    assert list(artifact.donations.all()) == [donation]  # linked both ways
    images = [item.image for item in artifact.gallery_images.order_by("sort_order")]
    assert len(images) == 2
    assert {image.collection.name for image in images} == {PENDING_COLLECTION}
    assert (images[0].width, images[0].height) == (80, 60)
    assert artifact.get_latest_revision() is not None

    client.force_login(admin_user)  # the curator in this test has no page permissions
    edit = client.get(f"/admin/pages/{artifact.pk}/edit/")
    assert edit.status_code == 200
    assert f"/admin/donations/inspect/{donation.pk}/" in edit.content.decode()

    # The public image API hides them until the artifact is published, then shows them.
    client.logout()
    listed = client.get("/api/v2/images/").json()
    assert {item["id"] for item in listed["items"]}.isdisjoint({image.pk for image in images})
    artifact.save_revision().publish()
    listed = client.get("/api/v2/images/").json()
    assert {image.pk for image in images} <= {item["id"] for item in listed["items"]}
    assert not get_image_model().objects.filter(collection__name=PENDING_COLLECTION).exists()
    assert Collection.objects.filter(name=PENDING_COLLECTION).exists()


def test_accession_needs_accepted_status_and_unique_number(
    client, curator, donation, collection_index
):
    client.force_login(curator)
    response = client.post(
        f"/admin/donations/accession/{donation.pk}/",
        {"accession_number": "WZM-2026-D1", "note": "x"},
    )
    assert response.status_code == 302
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED
    assert not ArtifactPage.objects.exists()
    assert not get_image_model().objects.exists()


def test_curator_group_from_roles_sees_donations(client, django_user_model, donation):
    """When the project's roles command exists, its curators and administrators get these permissions."""
    from django.core.management import call_command, get_commands

    if "setup_roles" not in get_commands():
        pytest.skip("setup_roles is not part of this checkout yet")
    call_command("setup_roles")
    for name in ("博物馆策展", "站点管理员"):
        group = Group.objects.get(name=name)
        codenames = set(
            group.permissions.filter(content_type__app_label="donations").values_list(
                "codename", flat=True
            )
        )
        assert set(CURATOR_PERMISSIONS) <= codenames, name
        user = django_user_model.objects.create_user(username=f"u-{name}", password="pw")  # noqa: S106
        user.groups.add(group)
        client.force_login(user)
        assert client.get("/admin/donations/").status_code == 200
