"""Admin sign-ins in Wagtail's audit log, beside its page and snippet actions.

Logins, logouts and failed logins become `ModelLogEntry` rows on the user, so they show in
Wagtail's site history report and are purged with the rest by `manage.py maintenance`.
"""

from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

LOGIN = "ops.login"
LOGOUT = "ops.logout"
LOGIN_FAILED = "ops.login_failed"


def client_address(request):
    # Behind nginx REMOTE_ADDR is the proxy; nginx passes the client's in X-Real-IP.
    if request is None:
        return ""
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR", "")


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log(user, LOGIN, user=user, data={"ip": client_address(request)})


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None and user.pk is not None:
        log(user, LOGOUT, user=user, data={"ip": client_address(request)})


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    """Recorded even for a name no account has: against the user model, with id 0."""
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
    data = {"ip": client_address(request), "username": username[:150]}
    if user is not None:
        log(user, LOGIN_FAILED, data=data)
        return
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_id="0",
        label=username[:150],
        action=LOGIN_FAILED,
        timestamp=timezone.now(),
        data=data,
    )
