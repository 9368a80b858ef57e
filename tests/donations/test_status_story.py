"""Issue #14: a WeChat-only donor finds their donation, and the status page tells its whole story."""

import importlib
import re

import pytest
from django.apps import apps
from wagtail.models import Site

from cms.core.models import SiteSettings
from museum.donations.models import Donation, DonationEvent, DonationStatus
from museum.donations.services import change_status

from .helpers import valid_fields

pytestmark = pytest.mark.django_db

NOT_FOUND = "未找到与该编号和联系方式相符的捐赠"
WECHAT = "WenShang_Chen1985"


def lookup(client, reference, contact, prefix=""):
    return client.post(f"{prefix}/donations/status/", {"reference": reference, "contact": contact})


@pytest.fixture
def wechat_donation(post_donation):
    response = post_donation(valid_fields(email="", phone="", wechat=WECHAT))
    assert response.status_code == 201, response.content
    return Donation.objects.get(reference=response.json()["reference"])


@pytest.mark.parametrize("given", [WECHAT, WECHAT.lower(), f"  {WECHAT.upper()} "])
def test_wechat_only_donor_finds_the_status(client, wechat_donation, given):
    assert not wechat_donation.email and not wechat_donation.phone
    response = lookup(client, wechat_donation.reference, given)
    assert response.status_code == 200
    assert 'data-status="received"' in response.content.decode()


@pytest.mark.parametrize("given", ["WenShang_Chen1986", "chen.guohua@example.com", "0551234567"])
def test_wrong_wechat_gets_the_same_not_found(client, wechat_donation, given):
    response = lookup(client, wechat_donation.reference, given)
    assert response.status_code == 404
    html = response.content.decode()
    assert NOT_FOUND in html
    assert "data-status=" not in html


def test_wechat_lookup_of_unknown_reference_is_the_same_not_found(client, wechat_donation):
    response = lookup(client, "WZM-2026-999999", WECHAT)
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()


def test_wechat_lookups_are_throttled_like_the_others(client, wechat_donation, settings):
    settings.DONATIONS_STATUS_RATE_LIMIT = "2/m"
    lookup(client, wechat_donation.reference, "wrong-id-1")
    lookup(client, wechat_donation.reference, "wrong-id-2")
    response = lookup(client, wechat_donation.reference, WECHAT)
    assert response.status_code == 429
    assert "data-status=" not in response.content.decode()


def test_status_page_tells_the_whole_story(client, wechat_donation, django_user_model):
    site = Site.objects.get(is_default_site=True)
    contact = SiteSettings.for_site(site)
    contact.phone, contact.email = "0577-88880000", "contact@wzmuseum.example"
    contact.save()
    curator = django_user_model.objects.create_user("curator", password="x")
    change_status(
        wechat_donation.pk,
        DonationStatus.UNDER_REVIEW,
        "内部：与馆藏 WZM-1985-001 比对",
        curator,
        public_note="我们正在核对执照上的印章，请保留原件。",
    )
    response = lookup(client, wechat_donation.reference, WECHAT)
    html = response.content.decode()
    assert wechat_donation.title in html
    received = wechat_donation.created_at
    assert f'datetime="{received:%Y-%m-%d}"' in html
    steps = re.findall(r'data-history-status="(\w+)"', html)
    assert steps == ["received", "under_review"]
    assert "我们正在核对执照上的印章，请保留原件。" in html
    assert "内部" not in html and "curator" not in html
    assert "策展人员正在评估藏品" in html  # what happens next
    assert "0577-88880000" in html and "contact@wzmuseum.example" in html
    assert WECHAT not in html.replace(f'value="{WECHAT}"', "")


def test_status_page_in_english(client, wechat_donation):
    change_status(wechat_donation.pk, DonationStatus.UNDER_REVIEW, "x", None, public_note="")
    html = lookup(client, wechat_donation.reference, WECHAT, prefix="/en").content.decode()
    assert "Under review" in html
    assert "Date received" in html
    assert "What happens next" in html
    assert "The curators are assessing" in html


def test_language_switch_links_to_the_other_status_page(client):
    zh = client.get("/donations/status/?reference=WZM-2026-000001").content.decode()
    switch = re.search(r'<nav class="language-switch".*?</nav>', zh, re.S).group(0)
    assert 'href="/en/donations/status/?reference=WZM-2026-000001"' in switch
    assert "English home page" not in switch
    en = client.get("/en/donations/status/").content.decode()
    switch = re.search(r'<nav class="language-switch".*?</nav>', en, re.S).group(0)
    assert 'href="/donations/status/"' in switch
    assert "简体中文" in switch


def test_reference_carried_into_the_status_page(client, post_donation):
    data = post_donation().json()
    assert data["status_url"].endswith(f"/donations/status/?reference={data['reference']}")
    html = client.get(data["status_url"]).content.decode()
    assert f'value="{data["reference"]}"' in html
    thanks = client.get(data["thanks_url"]).content.decode()
    assert f'href="/donations/status/?reference={data["reference"]}"' in thanks


def test_migration_gives_old_donations_a_history(wechat_donation):
    Donation.objects.filter(pk=wechat_donation.pk).update(status=DonationStatus.ACCEPTED)
    DonationEvent.objects.filter(donation=wechat_donation).delete()
    migration = importlib.import_module("museum.donations.migrations.0003_event_public_note")
    migration.fill_history(apps, None)
    donation = Donation.objects.get(pk=wechat_donation.pk)
    history = donation.history()
    assert [step["status"] for step in history] == ["received", "accepted"]
    assert history[0]["date"] == donation.created_at
    assert history[1]["date"] == donation.updated_at
    migration.fill_history(apps, None)  # idempotent
    assert donation.events.count() == 2


def test_wechat_id_never_reaches_the_api(client, wechat_donation):
    for url in (
        "/api/v2/pages/?limit=100",
        f"/api/v2/pages/?search={WECHAT}",
        "/api/v3/pages/?limit=100",
        "/api/v2/images/",
    ):
        response = client.get(url)
        body = response.content.decode().replace(f"search={WECHAT}", "")
        assert WECHAT not in body and WECHAT.lower() not in body, url
