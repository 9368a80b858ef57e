from django.apps import AppConfig


class ChambersConfig(AppConfig):
    name = "cms.chambers"
    label = "chambers"
    verbose_name = "商会网络"
