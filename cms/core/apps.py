from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "站点核心"

    def ready(self):
        from . import admin_display

        admin_display.register()
