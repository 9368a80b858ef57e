"""The demo site gets one donation page per language, however often load_demo runs."""

import pytest
from wagtail.models import Locale, Page

from cms.core.demo.builder import DemoBuilder
from cms.core.factories import HomePageFactory, make_default_site
from museum.donations.demo import add_donation_page
from museum.donations.models import DonationPage
from museum.factories import MuseumPageFactory

pytestmark = pytest.mark.django_db


def test_add_donation_page_is_idempotent(client):
    Locale.objects.get_or_create(language_code="zh-hans")
    Locale.objects.get_or_create(language_code="en")
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(slug="home")
    make_default_site(home)
    museum = MuseumPageFactory(parent=home)
    for _ in range(2):
        builder = DemoBuilder(log=lambda *args: None)
        builder.pages["museum"] = museum
        page = add_donation_page(builder)
    assert DonationPage.objects.count() == 2
    assert page.get_parent().specific == museum
    english = page.get_translation(Locale.objects.get(language_code="en"))
    assert english.live and english.title == "Donate an artifact"
    assert client.get(page.url).status_code == 200
    html = client.get(english.url).content.decode()
    assert "Donate an artifact" in html
    assert 'name="lang" value="en"' in html
