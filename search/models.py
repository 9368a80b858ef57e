"""The embedded backend's index: one entry per live public page, with its facet values.

The full-text part lives beside these tables in a vendor-specific structure (an FTS5 table on
SQLite, a tsvector column on PostgreSQL) that the migrations create and
`search.backends.embedded` maintains.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


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
    # News and campaigns decay with age by it; results sort by it (newest, oldest).
    date = models.DateField(_("日期"), null=True, blank=True, db_index=True)
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


def split_terms(raw):
    """Terms of a synonym list: one per line or separated by commas (，、 too), trimmed."""
    import re

    return [t.strip() for t in re.split(r"[\n,，、;；]+", raw or "") if t.strip()]


class Synonym(models.Model):
    """Terms a search treats as one, kept by editors (Snippets → 搜索同义词).

    Without a broader term the listed terms are equivalent: searching any of them finds pages
    that use any other. With one, the expansion goes one way: searching the broader term also
    finds pages that use the listed narrower terms, but not the other way round. Read on every
    query, so a change applies to the next search without rebuilding the index.
    """

    terms = models.TextField(
        _("词语"),
        help_text=_("每行一个，或用逗号分隔，如：温商，温州商人"),
    )
    broader = models.CharField(
        _("上位词"),
        max_length=60,
        blank=True,
        help_text=_("可选。填写后为单向扩展：搜索上位词时也找出含上面各词的页面，反之不然。"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("搜索同义词")
        verbose_name_plural = _("搜索同义词")
        ordering = ["pk"]

    def __str__(self):
        listed = "、".join(self.term_list())
        return f"{self.broader} → {listed}" if self.broader else listed

    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        from django.core.exceptions import ValidationError

        from .text import normalise

        terms = self.term_list()
        errors = {}
        if any(len(t) > 60 for t in terms):
            errors["terms"] = _("每个词语最多 60 个字符。")
        elif not self.broader.strip() and len({normalise(t) for t in terms}) < 2:
            errors["terms"] = _("同义词组至少要有两个不同的词语；单向扩展请填写上位词。")
        elif self.broader.strip() and not terms:
            errors["terms"] = _("请填写上位词要扩展到的词语。")
        elif normalise(self.broader.strip()) in {normalise(t) for t in terms}:
            errors["broader"] = _("上位词不能同时出现在词语列表中。")
        if errors:
            raise ValidationError(errors)
        self.terms = "\n".join(dict.fromkeys(terms))
        self.broader = self.broader.strip()


class VocabularyTerm(models.Model):
    """A Chinese word of the indexed text with its pinyin: the index's vocabulary.

    Pinyin is kept once per word, not per page, so a pinyin query (`puluotuo`, `plt`) finds the
    word wherever it is, body text included, and a query with a wrong character of the same sound
    (鹿成区) finds the word the index knows (鹿城区). `documents` counts the pages written with
    the word since the last rebuild (an update counts a page again): it only orders candidates.
    """

    text = models.CharField(max_length=60, unique=True)
    pinyin = models.CharField(max_length=240, db_index=True)
    initials = models.CharField(max_length=60, db_index=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("索引词汇")
        verbose_name_plural = _("索引词汇")

    def __str__(self):
        return f"{self.text} ({self.pinyin})"


class PinnedResult(ClusterableModel):
    """Pages editors put first for a query (Snippets → 推荐结果), like Wagtail's search
    promotions but in this search layer, so both backends and the API show them.

    Only pages in the search index are ever shown: a pinned page that is a draft, unpublished
    or restricted is left out until it is public again.
    """

    query = models.CharField(_("搜索词"), max_length=60)
    variants = models.TextField(
        _("其他说法"),
        blank=True,
        help_text=_("可选。每行一个，或用逗号分隔；搜索这些词时也显示推荐结果，如：温商回归，回归"),
    )
    active_from = models.DateTimeField(_("开始时间"), null=True, blank=True)
    active_until = models.DateTimeField(
        _("结束时间"), null=True, blank=True, help_text=_("可选。留空则一直有效。")
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("推荐结果")
        verbose_name_plural = _("推荐结果")
        ordering = ["pk"]

    def __str__(self):
        return self.query

    def phrases(self):
        from .text import normalise

        return {" ".join(normalise(t).split()) for t in [self.query, *split_terms(self.variants)]}

    def clean(self):
        from django.core.exceptions import ValidationError

        self.query = " ".join(self.query.split())
        errors = {}
        if not self.query:
            errors["query"] = _("请填写搜索词。")
        if any(len(t) > 60 for t in split_terms(self.variants)):
            errors["variants"] = _("每个词语最多 60 个字符。")
        if self.active_from and self.active_until and self.active_until <= self.active_from:
            errors["active_until"] = _("结束时间必须晚于开始时间。")
        if errors:
            raise ValidationError(errors)
        self.variants = "\n".join(dict.fromkeys(split_terms(self.variants)))


class PinnedPage(Orderable):
    pinned = ParentalKey(PinnedResult, on_delete=models.CASCADE, related_name="pages")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("页面")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("推荐页面")
        verbose_name_plural = _("推荐页面")


def pinned_page_ids(q, now=None):
    """Ids of the pages pinned for this query now, in the editors' order, without repeats."""
    from .text import normalise

    phrase = " ".join(normalise(q or "").split())
    if not phrase:
        return []
    now = now or timezone.now()
    active = (
        PinnedResult.objects.filter(
            models.Q(active_from__isnull=True) | models.Q(active_from__lte=now),
            models.Q(active_until__isnull=True) | models.Q(active_until__gt=now),
        )
        .prefetch_related("pages")
        .order_by("pk")
    )
    ids = []
    for pinned in active:
        if phrase in pinned.phrases():
            ids.extend(p.page_id for p in pinned.pages.all())
    return list(dict.fromkeys(ids))
