from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import PinnedResult, Synonym


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


class PinnedResultViewSet(SnippetViewSet):
    model = PinnedResult
    icon = "pick"
    menu_label = _("推荐结果")
    menu_order = 910
    add_to_admin_menu = False
    list_display = ["query", "variants", "active_from", "active_until", "note"]
    search_fields = ["query", "variants", "note"]
    panels = [
        FieldPanel("query"),
        FieldPanel("variants"),
        MultiFieldPanel(
            [FieldPanel("active_from"), FieldPanel("active_until")], heading=_("有效时间")
        ),
        InlinePanel("pages", heading=_("推荐页面（按顺序排在搜索结果最前）"), min_num=1),
        FieldPanel("note"),
    ]


register_snippet(PinnedResultViewSet)
