from django.apps import AppConfig


class APIConfig(AppConfig):
    name = "cms.api"
    label = "cms_api"
    verbose_name = "Headless API"
