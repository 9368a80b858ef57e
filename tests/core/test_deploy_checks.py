"""`check --deploy` refuses a database holding the local development accounts."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from cms.core.management.commands import create_local_admin

pytestmark = pytest.mark.django_db


def check_deploy():
    # The security checks, where ours is registered. Not Django's async.E001: the browser
    # tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright's event loop in this process.
    call_command(
        "check", deploy=True, tags=["security"], stdout=io.StringIO(), stderr=io.StringIO()
    )


def test_deploy_check_passes_without_local_accounts():
    get_user_model().objects.create_user(username="zhangsan", password="a-real-password-2026")
    check_deploy()  # warnings of the test settings do not fail it; no error does


def test_deploy_check_fails_with_the_local_admin_account():
    call_command("create_local_admin", force=True, stdout=io.StringIO())
    with pytest.raises(SystemCheckError) as failure:
        check_deploy()
    assert "core.E001" in str(failure.value)
    assert "admin" in str(failure.value)

    # A deactivated account cannot sign in: the check passes again.
    get_user_model().objects.filter(username=create_local_admin.USERNAME).update(is_active=False)
    check_deploy()


def test_deploy_check_fails_with_the_documented_password_on_any_account():
    get_user_model().objects.create_user(username="wangwu", password=create_local_admin.PASSWORD)
    with pytest.raises(SystemCheckError) as failure:
        check_deploy()
    assert "core.E002" in str(failure.value)
    assert "wangwu" in str(failure.value)
