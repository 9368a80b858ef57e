from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls
from .views import addable_indexes


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return addable_indexes(request.user).exists()


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("artifact-import/", include(urls, namespace="artifact_import"))]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("藏品批量导入"), reverse("artifact_import:upload"), icon_name="upload", order=450
    )
