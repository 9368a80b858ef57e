from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


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
