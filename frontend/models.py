"""The static site's state in the database: who holds a site's lock, and each queued change."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteLock(models.Model):
    """A held lock on one static site, where the database has no advisory locks (SQLite).

    The holder is named by host and process id, so a lock left by a killed process is
    recognised as such and taken over. PostgreSQL uses an advisory lock instead, which
    the server releases when the holder's connection ends.
    """

    name = models.CharField(max_length=255, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    token = models.CharField(max_length=64)
    acquired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("静态站点锁")
        verbose_name_plural = _("静态站点锁")

    def __str__(self):
        return f"{self.name} ({self.host}:{self.pid})"


class StaticPublish(models.Model):
    """One change waiting to reach the static site, or one that did (or failed to)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("等待更新")
        RUNNING = "running", _("更新中")
        DONE = "done", _("已同步")
        FAILED = "failed", _("失败")

    class Action(models.TextChoices):
        PUBLISH = "publish", _("发布")
        UNPUBLISH = "unpublish", _("取消发布")
        MOVE = "move", _("移动")
        DELETE = "delete", _("删除")
        REDIRECTS = "redirects", _("重定向")

    batch = models.UUIDField(_("批次"), db_index=True)
    action = models.CharField(_("操作"), max_length=16, choices=Action.choices)
    # No foreign key: a deleted page's change must outlive the page.
    page_id = models.PositiveIntegerField(_("页面 ID"), null=True, blank=True, db_index=True)
    page_title = models.CharField(_("页面"), max_length=255, blank=True)
    old_parent_id = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    error = models.TextField(_("错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    next_attempt_at = models.DateTimeField(_("下次重试"), null=True, blank=True)

    class Meta:
        verbose_name = _("静态站点发布")
        verbose_name_plural = _("静态站点发布")
        ordering = ["-created_at", "-pk"]
        permissions = [("retry_staticpublish", _("可重试静态站点发布"))]

    def __str__(self):
        return f"{self.get_action_display()} {self.page_title or self.page_id or ''}".strip()

    @property
    def will_retry(self):
        return self.status == self.Status.FAILED and self.next_attempt_at is not None
