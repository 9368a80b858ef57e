from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .audit import LOGIN, LOGIN_FAILED, LOGOUT


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    actions.register_action(LOGIN, _("登录"), _("登录后台"))
    actions.register_action(LOGOUT, _("退出"), _("退出后台"))
    actions.register_action(LOGIN_FAILED, _("登录失败"), _("登录后台失败"))
