"""Template helpers for the admin templates this project overrides to keep them Chinese."""

from django import template
from django.apps import apps

register = template.Library()


@register.filter
def app_verbose_name(content_type):
    """The app's name as editors know it (招商项目), not its label (projects)."""
    try:
        return apps.get_app_config(content_type.app_label).verbose_name
    except LookupError:
        return content_type.app_label
