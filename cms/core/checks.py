"""Deployment checks: accounts made for local development must not reach a production database."""

from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, register
from django.db import DatabaseError


def local_accounts():
    """Active accounts that only local development makes: by the documented name or password."""
    from cms.core.management.commands import create_local_admin

    User = get_user_model()
    found = []
    for user in User.objects.filter(is_active=True).order_by("pk"):
        if user.get_username() in create_local_admin.DEBUG_ONLY_USERNAMES:
            found.append((user, "debug_only"))
        elif user.has_usable_password() and user.check_password(create_local_admin.PASSWORD):
            found.append((user, "local_password"))
    return found


@register(Tags.security, deploy=True)
def check_no_local_accounts(app_configs, **kwargs):
    try:
        found = local_accounts()
    except DatabaseError:
        return []  # no database yet (before migrate): nothing to check
    errors = []
    for user, reason in found:
        if reason == "debug_only":
            msg = (
                f"账号 {user.get_username()} 是仅供本地开发的账号（create_local_admin），"
                "其密码已在 README 中公开。 / The account "
                f"{user.get_username()!r} is a local-development account whose password is public."
            )
        else:
            msg = (
                f"账号 {user.get_username()} 使用 README 中公开的本地密码。 / The account "
                f"{user.get_username()!r} uses the documented local password."
            )
        errors.append(
            Error(
                msg,
                hint="删除该账号或停用它（is_active=False）。 / Delete or deactivate the account.",
                obj=user.get_username(),
                id="core.E001" if reason == "debug_only" else "core.E002",
            )
        )
    return errors
