"""Admin set-up of the core app: the publicity channel snippet, help for the roles, and
rich-text document links that respect collection restrictions."""

from django.urls import path
from django.utils.html import escape, format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core import visibility
from cms.core.user_views import BULK_ACTIONS
from cms.core.views import pinyin_slug_view
from cms.core.workflow_guard import refuse_stale_or_autosaved_actions
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


# Registered after Wagtail's own (order 0), so these replace its bulk actions on users.
for _action in BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=100)


class PublicDocumentLinkHandler(DocumentLinkHandler):
    """A rich-text link to a document in a restricted collection renders without its URL.

    The link text stays; the file's address (and so the file in the static site) does not.
    """

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        restricted = visibility.restricted_collection_ids()
        return [
            f'<a href="{escape(doc.url)}">'
            if doc and visibility.is_public_media(doc, restricted)
            else "<a>"
            for doc in cls.get_many(attrs_list)
        ]


class PublicImageEmbedHandler(ImageEmbedHandler):
    """An image from a restricted collection embedded in rich text renders as nothing, as an
    image block with one does: no rendition of it is drawn or published."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        restricted = visibility.restricted_collection_ids()
        images = cls.get_many(attrs_list)
        public = [
            (attrs, image)
            for attrs, image in zip(attrs_list, images, strict=True)
            if image is None or visibility.is_public_media(image, restricted)
        ]
        tags = iter(super().expand_db_attributes_many([attrs for attrs, _image in public]))
        return [
            next(tags) if image is None or visibility.is_public_media(image, restricted) else ""
            for image in images
        ]


@hooks.register("register_rich_text_features", order=100)
def public_document_links(features):
    # After wagtail.documents and wagtail.images register their handlers for the same types.
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)


@hooks.register("register_admin_urls")
def register_core_urls():
    return [path("core/pinyin-slug/", pinyin_slug_view, name="core_pinyin_slug")]


# Before any other check: an autosave or a repeated review action changes nothing.
hooks.register("before_edit_page", refuse_stale_or_autosaved_actions, order=-10)


@hooks.register("insert_editor_js")
def pause_autosave_on_submit_js():
    return format_html('<script src="{}"></script>', versioned_static("core/js/autosave-pause.js"))
