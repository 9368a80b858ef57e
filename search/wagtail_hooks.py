from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Synonym


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("site-search/", admin_views.index_status, name="search_index_status")]


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return MenuItem(
        _("站内搜索"),
        reverse("search_index_status"),
        name="site-search",
        icon_name="search",
        order=950,
    )


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("搜索同义词")
    menu_order = 900
    add_to_admin_menu = False
    list_display = ["__str__", "note"]
    search_fields = ["terms", "broader", "note"]
    panels = [FieldPanel("terms"), FieldPanel("broader"), FieldPanel("note")]


register_snippet(SynonymViewSet)
