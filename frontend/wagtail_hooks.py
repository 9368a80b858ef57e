"""The static site in the admin: the publishing queue for site administrators, and each
page's static-site state in its editor header (see the page_edit_header template)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import StaticPublish


class StaticPublishViewSet(ModelViewSet):
    model = StaticPublish
    name = "static_publishes"
    url_prefix = "static-publishes"
    icon = "resubmit"
    menu_label = _("静态站点发布")
    menu_order = 260
    add_to_settings_menu = True
    index_view_class = admin_views.StaticPublishIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "page_title",
        "page_id",
        "action",
        "status",
        "attempts",
        "error",
        "created_at",
        "next_attempt_at",
    ]
    list_per_page = 50
    form_fields = ["status"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("retry/<int:pk>/", admin_views.retry, name="retry"),
        ]

    def get_permissions_to_register(self):
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(StaticPublish),
            codename__in=["view_staticpublish", "retry_staticpublish"],
        )


static_publish_viewset = StaticPublishViewSet()


@hooks.register("register_admin_viewset")
def register_static_publish_viewset():
    return static_publish_viewset
