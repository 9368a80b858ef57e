"""The page editor's header: where the page stands on the published static site."""

from django import template
from django.utils.translation import gettext as _

from frontend.models import StaticPublish
from frontend.publishing.queue import site_state

register = template.Library()

ICONS = {"done": "success", "running": "resubmit", "failed": "warning"}


@register.inclusion_tag("frontend/admin/static_site_state.html")
def static_site_state(page):
    if page is None or not page.pk:
        return {"state": None}
    row = site_state(page.pk)
    if row is None and not page.live:
        return {"state": None}
    if row is None or row.status == StaticPublish.Status.DONE:
        state, label = "done", _("已同步")
    elif row.status == StaticPublish.Status.FAILED:
        state = "failed"
        label = _("失败，将重试") if row.will_retry else _("失败，待管理员重试")
    else:
        state, label = "running", _("更新中")
    return {"state": state, "label": label, "icon": ICONS[state]}
