"""Rate limits: only accepted donations use up an address's quota, every attempt counts toward a
higher ceiling, a refusal says when to retry; the limits and the client address header come from
the environment."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from museum.donations.models import Donation

from .helpers import valid_fields

pytestmark = pytest.mark.django_db


def test_refused_submissions_do_not_use_up_the_donation_quota(post_donation, settings, counts):
    settings.DONATIONS_RATE_LIMIT = "2/h"
    settings.DONATIONS_ATTEMPT_RATE_LIMIT = "100/h"
    for _ in range(5):  # a donor correcting mistakes
        assert post_donation(fields=valid_fields(title="")).status_code == 400
    assert post_donation().status_code == 201
    assert post_donation().status_code == 201
    before = counts()
    refused = post_donation()
    assert refused.status_code == 429
    assert counts() == before
    retry_after = int(refused["Retry-After"])
    assert 0 < retry_after <= 3600
    minutes = -(-retry_after // 60)
    assert refused.json()["errors"]["__all__"] == [f"提交过于频繁，请在 {minutes} 分钟后再试。"]


def test_every_attempt_counts_toward_the_higher_ceiling(post_donation, settings):
    settings.DONATIONS_RATE_LIMIT = "10/h"
    settings.DONATIONS_ATTEMPT_RATE_LIMIT = "3/h"
    for _ in range(3):
        assert post_donation(fields=valid_fields(title="")).status_code == 400
    refused = post_donation()
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert not Donation.objects.exists()
    assert post_donation(REMOTE_ADDR="10.0.0.9").status_code == 201  # per address


def test_refusal_in_english_says_when_to_retry(post_donation, settings):
    settings.DONATIONS_RATE_LIMIT = "1/h"
    assert post_donation(fields=valid_fields(lang="en")).status_code == 201
    refused = post_donation(
        fields=valid_fields(lang="en"), HTTP_REFERER="http://127.0.0.1:8000/en/museum/donate/"
    )
    assert refused.status_code == 429
    assert refused["Content-Language"] == "en"
    minutes = -(-int(refused["Retry-After"]) // 60)
    unit = "minute" if minutes == 1 else "minutes"
    assert refused.json()["errors"]["__all__"] == [
        f"Too many submissions from your address. Please try again in {minutes} {unit}."
    ]


def test_refusals_before_the_body_is_read_follow_the_forms_address(post_donation, settings):
    """The English form posts to /api/donations/?lang=en. Across origins a browser sends only the
    origin as the Referer, and a 429 or 413 is decided before the body's ``lang`` is read."""
    settings.DONATIONS_RATE_LIMIT = "1/h"
    origin_only = {"HTTP_REFERER": "http://127.0.0.1:8000/", "HTTP_ACCEPT_LANGUAGE": "zh-CN"}
    assert post_donation(query="?lang=en", **origin_only).status_code == 201
    refused = post_donation(query="?lang=en", **origin_only)
    assert refused.status_code == 429
    assert refused["Content-Language"] == "en"
    assert refused.json()["errors"]["__all__"][0].startswith("Too many submissions")
    settings.DONATIONS_MAX_TOTAL_BYTES = 1
    settings.DONATIONS_REQUEST_OVERHEAD_BYTES = 0
    too_big = post_donation(query="?lang=en", REMOTE_ADDR="10.0.0.8", **origin_only)
    assert too_big.status_code == 413
    assert too_big["Content-Language"] == "en"
    # An unknown value is ignored: the Chinese form's answer, as before.
    chinese = post_donation(query="?lang=xx", REMOTE_ADDR="10.0.0.9", **origin_only)
    assert chinese.status_code == 413
    assert "照片合计不能超过" in chinese.json()["errors"]["photos"][0]


def test_form_post_refusal_carries_retry_after(post_donation, settings):
    settings.DONATIONS_RATE_LIMIT = "1/h"
    assert post_donation().status_code == 201
    refused = post_donation(json=False)
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert "分钟后再试" in refused.content.decode()


def test_client_address_header_behind_a_proxy(post_donation, settings):
    """With RATELIMIT_IP_META_KEY, two visitors behind one proxy get a quota each."""
    settings.DONATIONS_RATE_LIMIT = "1/h"
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    assert post_donation(HTTP_X_REAL_IP="203.0.113.7").status_code == 201
    assert post_donation(HTTP_X_REAL_IP="203.0.113.7").status_code == 429
    assert post_donation(HTTP_X_REAL_IP="198.51.100.4").status_code == 201


def _settings_from_env(**env):
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.RATELIMIT_IP_META_KEY, s.DONATIONS_STATUS_RATE_LIMIT, "
        "s.DONATIONS_RATE_LIMIT, s.DONATIONS_ATTEMPT_RATE_LIMIT]))"
    )
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("RATELIMIT_", "DONATIONS_"))
    }
    environ.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", **env)
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_limits_and_address_header_are_read_from_the_environment():
    assert _settings_from_env() == [None, "20/h", "10/h", "60/h"]
    assert _settings_from_env(
        RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP",
        DONATIONS_STATUS_RATE_LIMIT="5/m",
        DONATIONS_RATE_LIMIT="3/h",
        DONATIONS_ATTEMPT_RATE_LIMIT="30/h",
    ) == ["HTTP_X_REAL_IP", "5/m", "3/h", "30/h"]
