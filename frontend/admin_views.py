"""The static site's publishing queue in the admin: what waits, what failed, and a retry."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.widgets import Button
from wagtail.permissions import policy_registry

from .models import StaticPublish
from .publishing import queue


def _allowed(user, action):
    return policy_registry.get_by_type(StaticPublish).user_has_permission(user, action)


def _require(user, action):
    if not _allowed(user, action):
        raise PermissionDenied


class StaticPublishFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("状态"),
        choices=[
            (StaticPublish.Status.PENDING, gettext_lazy("等待更新")),
            (StaticPublish.Status.RUNNING, gettext_lazy("更新中")),
            (StaticPublish.Status.FAILED, gettext_lazy("失败")),
        ],
    )

    class Meta:
        model = StaticPublish
        fields = ["status"]


class StaticPublishIndexView(generic.IndexView):
    filterset_class = StaticPublishFilterSet

    def get_base_queryset(self):
        # Done changes are history; the list is what still needs the worker or a person.
        return super().get_base_queryset().exclude(status=StaticPublish.Status.DONE)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == StaticPublish.Status.FAILED and _allowed(self.request.user, "retry"):
            buttons.append(
                Button(
                    _("重试"),
                    url=reverse("static_publishes:retry", args=(instance.pk,)),
                    icon_name="resubmit",
                    priority=5,
                    classname="button button-small button-secondary",
                )
            )
        return buttons


def retry(request, pk):
    """Queue a failed change's batch again (GET asks, POST does)."""
    _require(request.user, "retry")
    publish = get_object_or_404(StaticPublish, pk=pk)
    index_url = "static_publishes:index"
    if publish.status != StaticPublish.Status.FAILED:
        messages.error(request, _("只有失败的发布可以重试。"))
        return redirect(index_url)
    if request.method == "POST":
        queue.retry([publish.batch])
        messages.success(request, _("已重新排队：%(change)s") % {"change": publish})
        return redirect(index_url)
    return TemplateResponse(
        request,
        "frontend/admin/retry_publish.html",
        {"publish": publish, "page_title": _("重试发布")},
    )
