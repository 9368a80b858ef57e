"""Every HTML response carries the Content-Security-Policy; admin sessions are short and end with the browser."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def policy(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/search/?q=温商", "/donations/status/", "/admin/login/"]
)
def test_html_responses_carry_the_policy(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["form-action"][0] == "'self'"
    if path.startswith("/admin/"):
        # Wagtail's widgets write inline scripts; only the admin allows them.
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    else:
        assert directives["script-src"] == ["'self'"]


def test_backend_origin_is_allowed_for_forms_and_requests(client, home_page, settings):
    settings.BACKEND_URL = "https://api.wzmuseum.example"
    directives = policy(client.get("/"))
    assert "https://api.wzmuseum.example" in directives["form-action"]
    assert "https://api.wzmuseum.example" in directives["connect-src"]
    assert "https://api.wzmuseum.example" not in directives["script-src"]


def test_admin_session_lasts_a_working_day_and_ends_with_the_browser(client):
    get_user_model().objects.create_superuser("chief", "chief@example.com", "Chief-Password-1")
    response = client.post("/admin/login/", {"username": "chief", "password": "Chief-Password-1"})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_session_policy_comes_from_the_environment():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.base",
        "SESSION_COOKIE_AGE": "3600",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": "false",
    }
    code = (
        "from django.conf import settings; "
        "print(settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["3600", "False"]


def test_the_static_sites_policy_is_the_same_bytes_in_every_process():
    """Sets iterate in a different order in each process (hash randomisation)."""
    from django.conf import settings

    script = (
        "import django; django.setup(); from cms.core.csp import meta_policy; print(meta_policy())"
    )
    policies = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=settings.BASE_DIR,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(policies) == 1
