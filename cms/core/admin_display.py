"""How the admin's inspect views show plain values, in Chinese: 是/否 rather than True/False."""

from django.db import models
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.fields import register_display_class


class BooleanDisplay(Component):
    def __init__(self, value):
        self.value = value

    def render_html(self, parent_context=None):
        if self.value is None:
            return "—"
        return _("是") if self.value else _("否")


def register():
    register_display_class(models.BooleanField, display_class=BooleanDisplay)
