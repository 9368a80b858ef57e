from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "站点核心"
    default = True  # this module also holds the users app config below

    def ready(self):
        from . import (
            admin_display,
            checks,  # noqa: F401  (registers the deployment checks)
        )

        admin_display.register()


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the user admin scoped by ``cms.core.accounts``."""

    default = False
    user_viewset = "cms.core.user_views.UserViewSet"
