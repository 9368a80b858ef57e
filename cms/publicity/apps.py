from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "cms.publicity"
    label = "publicity"
    verbose_name = "宣传"
