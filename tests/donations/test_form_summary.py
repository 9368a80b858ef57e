"""Issue #14: the donation form without JavaScript, as a phone shows it: every problem listed
at the top and linked to its field, the privacy notice before the button, radios in a fieldset."""

import re

import pytest

from museum.donations.models import Donation

from .helpers import upload, valid_fields
from .test_page import tree  # noqa: F401

pytestmark = pytest.mark.django_db


def summary_of(html):
    return re.search(r"<div class=\"donation-summary\".*?</div>", html, re.S).group(0)


def test_summary_links_each_problem_to_its_field(post_donation, tree):  # noqa: F811
    fields = valid_fields(donor_name="", email="", phone="", intent="", consent_privacy="")
    response = post_donation(fields=fields, photos=[upload(b"not an image", "a.jpg")], json=False)
    assert response.status_code == 400
    html = response.content.decode()
    summary = summary_of(html)
    assert " hidden" not in summary.split(">", 1)[0]
    assert 'tabindex="-1"' in summary
    links = re.findall(r'<a href="#([\w-]+)" data-target="\1">([^<]+)</a>', summary)
    targets = [target for target, _text in links]
    assert targets == [
        "id_donor_name",
        "id_email",
        "id_intent_0",
        "id_photos",
        "id_consent_privacy",
    ]
    texts = dict(links)
    assert texts["id_donor_name"] == "捐赠人姓名：请填写“捐赠人姓名”。"
    assert "请至少填写电子邮箱、电话或微信号中的一项" in texts["id_email"]
    for target in targets:
        assert f'id="{target}"' in html  # every link lands on a real element
    assert Donation.objects.count() == 0


def test_summary_in_english(post_donation, tree):  # noqa: F811
    response = post_donation(fields=valid_fields(lang="en", city=""), json=False)
    summary = summary_of(response.content.decode())
    assert "The donation was not sent" in summary
    assert '<a href="#id_city" data-target="id_city">City: Please fill in “City”.</a>' in summary


def test_privacy_notice_sits_above_the_button_and_the_consent_links_to_it(client, tree):  # noqa: F811
    html = client.get(tree["page"].url).content.decode()
    consent = html.index('name="consent_privacy"')
    link = html.index('href="#donation-privacy"')
    notice = html.index('id="donation-privacy"')
    button = html.index('class="button donation-submit"')
    assert consent < link < notice < button
    assert "捐赠者的联系方式仅用于藏品征集" in html[notice:button]


def test_intent_radios_are_in_a_fieldset_with_a_legend(client, tree):  # noqa: F811
    html = client.get(tree["page"].url).content.decode()
    fieldset = re.search(r'<fieldset[^>]*data-field="intent".*?</fieldset>', html, re.S).group(0)
    assert "<legend>捐赠方式" in fieldset
    assert fieldset.count('type="radio"') == 3
    assert 'for="id_intent"' not in html  # no label pointing at the group


def test_no_privacy_link_without_a_notice(client, tree):  # noqa: F811
    page = tree["page"]
    page.privacy_notice = ""
    page.save()
    html = client.get(page.url).content.decode()
    assert 'href="#donation-privacy"' not in html
