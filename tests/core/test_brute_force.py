"""Forty wrong passwords, then the right one: no sign-in or password form lets it through.

Sign-ins (/admin/login/, /_util/login/) lock out through django-axes; the page- and
document-password forms are throttled per address and restriction.
"""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.core.models import StandardPage

pytestmark = pytest.mark.django_db

WRONG_ATTEMPTS = 40
PASSWORD = "Zhengque-Mima-2026"


@pytest.fixture(autouse=True)
def protection_on(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        username="zhangsan", password=PASSWORD, is_staff=True, is_superuser=True
    )


def assert_refused_with_message(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert "尝试次数过多" in html and "Too many attempts" in html
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize("login_url", ["/admin/login/", "/_util/login/"])
def test_sign_in_locks_out_after_repeated_failures(client, staff, caplog, login_url):
    with caplog.at_level(logging.WARNING):
        for attempt in range(WRONG_ATTEMPTS):
            client.post(login_url, {"username": "zhangsan", "password": f"guess-{attempt}"})
    response = client.post(login_url, {"username": "zhangsan", "password": PASSWORD})
    assert_refused_with_message(response)
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still sent to the sign-in page
    # Failed sign-ins are logged with the username tried.
    assert any("zhangsan" in record.getMessage() for record in caplog.records)


def test_sign_in_succeeds_before_the_limit(client, staff):
    for attempt in range(2):
        client.post("/admin/login/", {"username": "zhangsan", "password": f"guess-{attempt}"})
    response = client.post("/admin/login/", {"username": "zhangsan", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


@pytest.fixture
def protected_page(home_page):
    page = StandardPage(title="内部资料", slug="internal", body=[])
    home_page.add_child(instance=page)
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


def page_form_url(page, restriction):
    return f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def test_page_password_form_is_throttled(client, protected_page, caplog):
    page, restriction = protected_page
    url = page_form_url(page, restriction)
    with caplog.at_level(logging.WARNING):
        for attempt in range(WRONG_ATTEMPTS):
            client.post(url, {"password": f"guess-{attempt}", "return_url": page.url})
    response = client.post(url, {"password": PASSWORD, "return_url": page.url})
    assert_refused_with_message(response)
    assert "内部资料" not in client.get(page.url).content.decode()
    assert any("wrong password" in record.getMessage() for record in caplog.records)

    # Another visitor, from another address, is not held back by these failures.
    other = client.__class__(REMOTE_ADDR="10.1.2.3")
    response = other.post(url, {"password": PASSWORD, "return_url": page.url})
    assert response.status_code == 302
    assert "内部资料" in other.get(page.url).content.decode()


@pytest.fixture
def protected_document(db):
    root = Collection.get_first_root_node()
    collection = root.add_child(name="内部文件")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    document = get_document_model().objects.create(
        title="会议纪要",
        collection=collection,
        file=ContentFile(b"MINUTES-OF-THE-MEETING", name="minutes.txt"),
    )
    return document, restriction


def test_document_password_form_is_throttled(client, protected_document):
    document, restriction = protected_document
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    for attempt in range(WRONG_ATTEMPTS):
        client.post(url, {"password": f"guess-{attempt}", "return_url": document.url})
    response = client.post(url, {"password": PASSWORD, "return_url": document.url})
    assert_refused_with_message(response)
    served = client.get(document.url)
    assert b"MINUTES-OF-THE-MEETING" not in b"".join(
        getattr(served, "streaming_content", [served.content])
    )
