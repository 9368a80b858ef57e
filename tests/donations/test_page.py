"""The donation page: a Wagtail page that renders the form and posts to the backend."""

import re

import pytest
from wagtail.models import Locale, Page

from cms.chambers.models import ChamberIndexPage, ChamberPage
from cms.core.factories import HomePageFactory, make_default_site, translate
from museum.donations.models import DonationPage
from museum.factories import DonationPageFactory, MuseumPageFactory
from museum.models import HallPage, MuseumPage

pytestmark = pytest.mark.django_db

CONTRACT = [
    "donor_name",
    "email",
    "phone",
    "wechat",
    "country",
    "city",
    "chamber",
    "title",
    "category",
    "era",
    "description",
    "story",
    "intent",
    "credit",
    "photos",
    "consent_display",
    "consent_privacy",
]


@pytest.fixture
def tree(db):
    Locale.objects.get_or_create(language_code="zh-hans")
    Locale.objects.get_or_create(language_code="en")
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(slug="home")
    make_default_site(home)
    museum = MuseumPageFactory(parent=home)
    chambers = home.add_child(instance=ChamberIndexPage(title="商会网络", slug="chambers"))
    chambers.add_child(
        instance=ChamberPage(title="意大利温州商会联合会", slug="italy", level="national")
    )
    page = DonationPageFactory(parent=museum, intro="欢迎温商和家人捐赠见证奋斗历程的物件。")
    return {"home": home, "museum": museum, "page": page}


def test_tree_rules():
    assert DonationPage.allowed_parent_page_models() == [MuseumPage]
    assert DonationPage in MuseumPage.allowed_subpage_models()
    assert DonationPage not in HallPage.allowed_subpage_models()
    assert DonationPage.allowed_subpage_models() == []
    assert DonationPage.max_count_per_parent == 1


def test_only_one_per_museum(tree):
    assert not DonationPage.can_create_at(tree["museum"])


def test_page_renders_the_form(client, tree):
    response = client.get(tree["page"].url)
    assert response.status_code == 200
    html = response.content.decode()
    form = re.search(r"<form class=\"donation-form\"[^>]*>", html).group(0)
    assert 'action="/api/donations/?lang=zh-hans"' in form
    assert 'enctype="multipart/form-data"' in form
    for name in CONTRACT:
        assert f'name="{name}"' in html, name
    assert 'name="lang" value="zh-hans"' in html
    assert 'name="website"' in html  # honeypot
    assert "multiple" in re.search(r'<input[^>]*name="photos"[^>]*>', html).group(0)
    # Chinese counts pixels in 万 (10,000), not 百万.
    assert "每张不超过 20 MB、4000 万像素，合计不超过 100 MB" in html
    assert "百万" not in html
    assert "意大利温州商会联合会" in html
    assert "donations/donation-form.js" in html
    assert "csrfmiddlewaretoken" not in html  # the page is static
    assert 'href="/donations/status/"' in html


def test_form_posts_to_backend_url(client, tree, settings):
    settings.BACKEND_URL = "https://backend.wzmuseum.example"
    html = client.get(tree["page"].url).content.decode()
    assert 'action="https://backend.wzmuseum.example/api/donations/?lang=zh-hans"' in html
    assert 'href="https://backend.wzmuseum.example/donations/status/"' in html


def test_english_page(client, tree):
    translate(tree["home"], "en", title="Home")
    translate(tree["museum"], "en", title="Museum")
    page_en = translate(tree["page"], "en", title="Donate an artifact")
    html = client.get(page_en.url).content.decode()
    assert page_en.url.startswith("/en/")
    assert 'name="lang" value="en"' in html
    assert 'href="/en/donations/status/"' in html


def test_api_exposes_the_page_but_no_donations(client, tree, post_donation):
    post_donation()
    response = client.get("/api/v2/pages/?type=donations.DonationPage&fields=*")
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 1
    body = response.content.decode()
    assert "chen.guohua@example.com" not in body
