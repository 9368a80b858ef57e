from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "frontend"
    label = "frontend"
    verbose_name = "公众网站"

    def ready(self):
        from frontend import permissions, signals

        signals.connect()
        permissions.register()
