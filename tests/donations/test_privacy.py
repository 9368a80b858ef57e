"""Donor contact data never reaches the public API, the search index or the static site."""

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Locale, Page

from cms.core.factories import HomePageFactory, make_default_site
from museum.donations.accession import accession
from museum.donations.models import Donation, DonationStatus
from museum.donations.services import change_status
from museum.factories import CollectionIndexPageFactory, DonationPageFactory, MuseumPageFactory

from .helpers import valid_fields

pytestmark = pytest.mark.django_db

EMAIL = "zhao.private@example.com"
PHONE = "+86 138 0000 1234"
WECHAT = "zhao_private_88"
SECRETS = (EMAIL, "138 0000 1234", "13800001234", WECHAT)


@pytest.fixture
def accessioned(post_donation, admin_user, django_capture_on_commit_callbacks):
    Locale.objects.get_or_create(language_code="zh-hans")
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(slug="home")
    make_default_site(home)
    museum = MuseumPageFactory(parent=home)
    CollectionIndexPageFactory(parent=museum)
    DonationPageFactory(parent=museum)
    fields = valid_fields(email=EMAIL, phone=PHONE, wechat=WECHAT, donor_name="赵明远")
    reference = post_donation(fields=fields).json()["reference"]
    donation = Donation.objects.get(reference=reference)
    change_status(donation.pk, DonationStatus.UNDER_REVIEW, "审核", admin_user)
    change_status(donation.pk, DonationStatus.ACCEPTED, "接受", admin_user)
    artifact = accession(donation.pk, "WZM-2026-D000042", "入藏", admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        artifact.save_revision().publish()
    return artifact


def _clean(text):
    for secret in SECRETS:
        assert secret not in text, secret


def test_public_api_has_no_contact_data(client, accessioned):
    for url in (
        "/api/v2/pages/?fields=*&limit=100",
        f"/api/v2/pages/{accessioned.pk}/",
        "/api/v2/images/?fields=*&limit=100",
        "/api/v3/pages/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        _clean(response.content.decode())
    detail = client.get(f"/api/v2/pages/{accessioned.pk}/").json()
    assert detail["donor"] == "赵明远"  # the public credit is there


def test_search_has_no_contact_data(client, accessioned):
    for secret in (EMAIL, WECHAT, "13800001234"):
        response = client.get("/api/search/", {"q": secret})
        assert response.status_code == 200
        assert response.json()["total"] == 0  # the body echoes the query, so count hits
        assert response.json()["results"] == []
    for label in ("search.IndexEntry", "wagtailsearch.IndexEntry"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        rows = " ".join(str(row) for row in model.objects.values())
        _clean(rows)


def test_static_site_has_no_contact_data(accessioned, settings, tmp_path):
    settings.STATIC_SITE_DIR = tmp_path / "site"
    call_command("build_site", workers=1, verbosity=0)
    files = [p for p in (tmp_path / "site").resolve().rglob("*") if p.is_file()]
    assert any(p.name == "index.html" for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in data, (path, secret)
