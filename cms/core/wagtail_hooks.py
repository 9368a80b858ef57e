"""Admin set-up of the core app: the publicity channel snippet and help for the roles."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.views import pinyin_slug_view
from cms.publicity.models import Channel


class ChannelViewSet(SnippetViewSet):
    model = Channel
    icon = "globe"
    menu_label = _("宣传渠道")
    menu_name = "channels"
    list_display = ["name", "name_en", "code"]
    search_fields = ["name", "name_en", "code"]
    ordering = ["pk"]


register_snippet(ChannelViewSet)


@hooks.register("construct_page_action_menu")
def submit_for_review_first(menu_items, request, context):
    """For editors who cannot publish, make "submit for review" the main button.

    Wagtail's main button is otherwise "save draft", and publicity editors would have
    to open the menu to start the two-step review their work must go through.
    """
    page = context.get("page")
    if page is None or request.user.is_superuser:
        return
    if page.pk:
        can_publish = page.permissions_for_user(request.user).can_publish()
    else:
        parent = context.get("parent_page")
        can_publish = (
            bool(parent) and parent.permissions_for_user(request.user).can_publish_subpage()
        )
    if not can_publish:
        menu_items.sort(key=lambda item: item.name != "action-submit")


@hooks.register("register_admin_urls")
def register_core_urls():
    return [path("core/pinyin-slug/", pinyin_slug_view, name="core_pinyin_slug")]
