from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "museum.donations"
    label = "donations"
    verbose_name = _("藏品捐赠")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, permissions, signals  # noqa: F401

        permissions.register()
        from .validation import register_heif

        register_heif()
