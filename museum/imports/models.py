from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """An uploaded sheet (and its images) between the dry run and the confirmed import.

    The files are kept in the database rather than on disk so that the confirmation may
    reach another app server than the upload; they are dropped once imported, and
    `manage.py maintenance` removes batches never confirmed.
    """

    class Status(models.TextChoices):
        CHECKED = "checked", _("已试运行")
        IMPORTED = "imported", _("已导入")

    collection_index = models.ForeignKey(
        "museum.CollectionIndexPage", verbose_name=_("馆藏目录"), on_delete=models.CASCADE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传者"), null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    sheet_name = models.CharField(_("表格文件"), max_length=255)
    sheet = models.BinaryField(_("表格内容"))
    images = models.BinaryField(_("图片压缩包"), null=True, blank=True)
    publish = models.BooleanField(_("导入后直接发布"), default=False)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.CHECKED
    )
    report = models.JSONField(_("报告"), default=dict)

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.sheet_name} ({self.get_status_display()})"
