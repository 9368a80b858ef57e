"""Production settings refuse to start without their secrets and pass Django's deployment checks.

Each case runs manage.py in a subprocess with a clean environment, so nothing from the test
settings or the developer's shell leaks in.
"""

import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(tmp_path, *args, **env):
    clean_env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.db'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def strong_key():
    return secrets.token_urlsafe(64)


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = manage(tmp_path, "check", ALLOWED_HOSTS="museum.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_an_empty_secret_key(tmp_path):
    result = manage(tmp_path, "check", SECRET_KEY="", ALLOWED_HOSTS="museum.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = manage(tmp_path, "check", SECRET_KEY=strong_key())
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_passes_the_deployment_checks(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=strong_key(),
        ALLOWED_HOSTS="museum.example.org,www.museum.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deployment_checks_want_a_shared_cache_for_the_rate_limit(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        SECRET_KEY=strong_key(),
        ALLOWED_HOSTS="museum.example.org",
    )
    assert "donations.W002" in result.stderr + result.stdout
    assert "REDIS_URL" in result.stderr + result.stdout


@pytest.mark.parametrize("weak_key", ["changeme", "django-insecure-" + "x" * 60])
def test_deployment_checks_reject_a_weak_secret_key(tmp_path, weak_key):
    # The same command must fail when the key is weak, so the check above means something.
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=weak_key,
        ALLOWED_HOSTS="museum.example.org",
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_production_never_runs_in_debug(tmp_path):
    result = manage(
        tmp_path,
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
        SECRET_KEY=strong_key(),
        ALLOWED_HOSTS="museum.example.org",
        DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
