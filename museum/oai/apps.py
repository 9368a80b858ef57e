from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OAIConfig(AppConfig):
    name = "museum.oai"
    label = "oai"
    verbose_name = _("OAI-PMH 元数据收割")
    default_auto_field = "django.db.models.BigAutoField"
