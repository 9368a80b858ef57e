from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "cms.ops"
    label = "ops"
    verbose_name = "运维"

    def ready(self):
        from . import audit  # noqa: F401  (connects the login signals)
