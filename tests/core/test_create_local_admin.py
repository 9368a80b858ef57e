"""create_local_admin: a known local account, refused when DEBUG is off unless forced."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.users.models import UserProfile

User = get_user_model()


@pytest.mark.django_db
def test_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("create_local_admin", verbosity=0)
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("debug, args", [(True, []), (False, ["--force"])])
def test_creates_a_chinese_speaking_superuser(settings, debug, args):
    settings.DEBUG = debug
    call_command("create_local_admin", *args, verbosity=0)
    user = User.objects.get(username="admin")
    assert user.is_superuser and user.is_staff and user.is_active
    assert user.check_password("wenzhou-local-admin")
    assert UserProfile.get_for_user(user).preferred_language == "zh-hans"


@pytest.mark.django_db
def test_idempotent_and_restores_the_documented_password(settings, client):
    settings.DEBUG = True
    call_command("create_local_admin", verbosity=0)
    user = User.objects.get(username="admin")
    user.set_password("changed")
    user.is_superuser = False
    user.save()
    call_command("create_local_admin", verbosity=0)
    assert User.objects.filter(username="admin").count() == 1
    user.refresh_from_db()
    assert user.is_superuser and user.check_password("wenzhou-local-admin")
    assert client.login(username="admin", password="wenzhou-local-admin")
