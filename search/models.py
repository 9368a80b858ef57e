"""The embedded backend's index: one entry per live public page, with its facet values.

The full-text part lives beside these tables in a vendor-specific structure (an FTS5 table on
SQLite, a tsvector column on PostgreSQL) that the migrations create and
`search.backends.embedded` maintains.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexEntry(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("页面")
    )
    locale = models.CharField(_("语言"), max_length=20, db_index=True)
    content_type = models.CharField(_("内容类型"), max_length=100)
    family = models.CharField(_("内容门类"), max_length=20)
    title = models.CharField(_("标题"), max_length=255)
    url = models.CharField(_("网址"), max_length=500)
    text = models.TextField(_("正文摘录"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("搜索索引条目")
        verbose_name_plural = _("搜索索引条目")

    def __str__(self):
        return self.title


class FacetValue(models.Model):
    entry = models.ForeignKey(IndexEntry, on_delete=models.CASCADE, related_name="facet_values")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        indexes = [models.Index(fields=["name", "value", "entry"], name="search_facet_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["entry", "name", "value"], name="search_facet_unique")
        ]

    def __str__(self):
        return f"{self.name}={self.value}"
