"""SITE_URL and the default Wagtail Site name one public address."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from cms.core.sites import address_mismatch, public_address


@pytest.mark.parametrize(
    ("site_url", "address", "root_url"),
    [
        (
            "https://www.wzmuseum.example",
            ("www.wzmuseum.example", 443),
            "https://www.wzmuseum.example",
        ),
        ("http://127.0.0.1:8000/", ("127.0.0.1", 8000), "http://127.0.0.1:8000"),
        ("http://museum.example", ("museum.example", 80), "http://museum.example"),
    ],
)
def test_site_url_gives_the_sites_host_and_port(settings, site_url, address, root_url):
    settings.SITE_URL = site_url
    assert public_address() == address
    site = Site(hostname=address[0], port=address[1])
    # Wagtail's root URL for that host and port is SITE_URL again: absolute links agree.
    assert site.root_url == root_url
    assert address_mismatch(site) == ""


def test_a_site_elsewhere_is_reported_in_both_languages(settings):
    settings.SITE_URL = "https://www.wzmuseum.example"
    message = address_mismatch(Site(hostname="localhost", port=80))
    assert "http://localhost" in message and "https://www.wzmuseum.example" in message
    assert "设置 → 站点" in message and "Settings → Sites" in message


@pytest.mark.django_db
def test_build_site_warns_when_the_site_is_elsewhere(settings, home_page, tmp_path, capsys):
    settings.SITE_URL = "https://www.wzmuseum.example"
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    call_command("build_site", output=str(tmp_path / "site"), workers=1)
    assert "Settings → Sites" in capsys.readouterr().err
