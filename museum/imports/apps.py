from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "museum.imports"
    label = "imports"
    verbose_name = _("藏品批量导入")
    default_auto_field = "django.db.models.BigAutoField"
