"""The admin's view of site search: what the index holds and what the public would find."""

from django.apps import apps
from django.conf import settings
from django.db.models import Count
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import require_admin_access

from . import interface
from .models import IndexEntry
from .params import BadParameters, parse

BACKEND_LABELS = {
    "embedded": gettext_lazy("数据库全文检索（内置）"),
    "elasticsearch": "Elasticsearch",
}


def language_label(code):
    """简体中文 rather than zh-hans: editors read the language, not its code."""
    return dict(settings.LANGUAGES).get(code, code)


def model_label(label):
    """温商人物 rather than museum.merchanthistorypage."""
    try:
        return apps.get_model(label)._meta.verbose_name
    except (LookupError, ValueError):
        return label


@require_admin_access
def index_status(request):
    context = {
        "page_title": _("站内搜索"),
        "header_title": _("站内搜索"),  # the browser tab's title
        "header_icon": "search",
        "backend": interface.backend_name(),
        "backend_label": BACKEND_LABELS.get(interface.backend_name(), interface.backend_name()),
        "q": request.GET.get("q", ""),
        "errors": [],
        "result": None,
    }
    if context["backend"] == "embedded":
        context["counts"] = [
            {
                **row,
                "locale_label": language_label(row["locale"]),
                "type_label": model_label(row["content_type"]),
            }
            for row in IndexEntry.objects.values("locale", "content_type")
            .annotate(n=Count("id"))
            .order_by("locale", "content_type")
        ]
    if context["q"]:
        try:
            search_request = parse(request.GET.copy(), request.LANGUAGE_CODE)
            search_request.lang = None  # editors see every language
        except BadParameters as exc:
            context["errors"] = exc.messages
        else:
            context["result"] = interface.run(search_request)
    return render(request, "search/admin/index_status.html", context)
