"""Artifact donations: the public donation page, the donations themselves and their history."""

import re
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField

from cms.core.models import BasePage
from museum.models.collection import ObjectType

from . import conf
from .storage import private_storage


class DonationStatus(models.TextChoices):
    RECEIVED = "received", _("已收到")
    UNDER_REVIEW = "under_review", _("审核中")
    ACCEPTED = "accepted", _("已接受")
    DECLINED = "declined", _("未接受")
    ACCESSIONED = "accessioned", _("已入藏")


# The only moves a curator can make; accessioning happens through the accession view.
TRANSITIONS = {
    DonationStatus.RECEIVED: [DonationStatus.UNDER_REVIEW],
    DonationStatus.UNDER_REVIEW: [DonationStatus.ACCEPTED, DonationStatus.DECLINED],
    DonationStatus.ACCEPTED: [DonationStatus.ACCESSIONED],
    DonationStatus.DECLINED: [],
    DonationStatus.ACCESSIONED: [],
}


class DonationIntent(models.TextChoices):
    DONATE = "donate", _("捐赠实物")
    LOAN = "loan", _("出借展览")
    DIGITAL = "digital", _("仅提供数字副本")


class DonorCredit(models.TextChoices):
    """How the donor asked to be credited on the artifact's public page."""

    FULL_NAME = "full_name", _("署全名")
    SURNAME = "surname", _("仅署姓氏")
    ANONYMOUS = "anonymous", _("匿名")


class DonationPage(BasePage):
    """The public donation form. It is published as a static page and posts to the backend."""

    privacy_notice = RichTextField(
        _("隐私说明"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    parent_page_types = ["museum.MuseumPage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("privacy_notice")]
    api_fields = BasePage.api_fields + [APIField("privacy_notice")]
    template = "donations/donation_page.html"

    class Meta:
        verbose_name = _("藏品捐赠页")
        verbose_name_plural = _("藏品捐赠页")

    def get_context(self, request, *args, **kwargs):
        from .forms import DonationForm

        context = super().get_context(request, *args, **kwargs)
        backend = getattr(settings, "BACKEND_URL", "")
        context["donation_form"] = DonationForm(locale=self.locale)
        context["donation_endpoint"] = f"{backend}{reverse('donations_api:submit')}"
        context["donation_status_url"] = f"{backend}{reverse('donations:status')}"
        context["donation_limits"] = limits()
        return context


def limits():
    return {
        "max_photos": conf.get("DONATIONS_MAX_PHOTOS"),
        "max_photo_mb": conf.get("DONATIONS_MAX_PHOTO_BYTES") // conf.MB,
        "max_photo_bytes": conf.get("DONATIONS_MAX_PHOTO_BYTES"),
        "max_megapixels": conf.get("DONATIONS_MAX_PHOTO_PIXELS") // 1_000_000,
        "max_pixels_text": conf.pixel_limit_text(conf.get("DONATIONS_MAX_PHOTO_PIXELS")),
        "max_total_mb": conf.get("DONATIONS_MAX_TOTAL_BYTES") // conf.MB,
        "max_total_bytes": conf.get("DONATIONS_MAX_TOTAL_BYTES"),
    }


# Two-character surnames (复姓); any other Chinese name starts with a one-character surname.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 司徒 司空 夏侯 长孙 宇文 轩辕 端木 独孤 "
    "南宫 西门 申屠 澹台 公冶 呼延 万俟 闻人 赫连 钟离 宗政 濮阳 太史 拓跋 百里 东郭 左丘 第五".split()
)
CJK_RE = re.compile(r"[\u3400-\u9fff]")


def surname_credit(name):
    """ "陈国华" -> "陈氏", "欧阳修" -> "欧阳氏"; a name in Latin letters keeps its last word."""
    if CJK_RE.match(name):
        surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]
        return _("%(surname)s氏") % {"surname": surname}
    return name.split()[-1]


def _placeholder_reference():
    return f"NEW-{uuid.uuid4().hex}"


class Donation(models.Model):
    """An offer of an artifact. Donor contact data lives only here: never in pages, the API or search."""

    reference = models.CharField(
        _("捐赠编号"), max_length=40, unique=True, default=_placeholder_reference, editable=False
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=DonationStatus.choices,
        default=DonationStatus.RECEIVED,
        db_index=True,
    )
    donor_name = models.CharField(_("捐赠人姓名"), max_length=100)
    email = models.EmailField(_("电子邮箱"), blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    wechat = models.CharField(_("微信号"), max_length=40, blank=True)
    country = models.CharField(_("国家或地区"), max_length=80, db_index=True)
    city = models.CharField(_("城市"), max_length=80)
    chamber = models.ForeignKey(
        "chambers.ChamberPage",
        verbose_name=_("所属商会"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("藏品名称"), max_length=120)
    category = models.CharField(_("类别"), max_length=20, choices=ObjectType.choices)
    era = models.CharField(_("年代"), max_length=60, blank=True)
    description = models.TextField(_("藏品描述"), max_length=5000)
    story = models.TextField(_("藏品背后的故事"), max_length=10000, blank=True)
    intent = models.CharField(_("捐赠方式"), max_length=10, choices=DonationIntent.choices)
    credit = models.CharField(
        _("署名方式"), max_length=10, choices=DonorCredit.choices, default=DonorCredit.FULL_NAME
    )
    consent_display = models.BooleanField(_("同意公开展示故事"), default=False)
    consent_privacy = models.BooleanField(_("同意隐私说明"), default=False)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    artifact = models.ForeignKey(
        "museum.ArtifactPage",
        verbose_name=_("入藏藏品"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="donations",
    )
    accession_number = models.CharField(_("藏品编号"), max_length=40, blank=True)
    accessioned_at = models.DateTimeField(_("入藏时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("藏品捐赠")
        verbose_name_plural = _("藏品捐赠")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("review_donation", _("可以审核捐赠（变更状态）")),
            ("accession_donation", _("可以将捐赠入藏为藏品")),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def status_label(self):
        return self.get_status_display()

    def allowed_transitions(self):
        return TRANSITIONS[DonationStatus(self.status)]

    @property
    def has_pending_email(self):
        return self.notifications.filter(sent_at__isnull=True).exists()

    def credit_line(self):
        """The donor credit the public may see, as the donor chose it on the form."""
        name = " ".join(self.donor_name.split())
        if self.credit == DonorCredit.ANONYMOUS or not name:
            return _("匿名捐赠者")
        if self.credit == DonorCredit.SURNAME:
            return surname_credit(name)
        return name

    def history(self):
        """What the donor may see of the audit trail: each status reached, when, and the public note."""
        return [
            {
                "status": event.to_status,
                "label": DonationStatus(event.to_status).label,
                "date": event.created_at,
                "note": event.public_note,
            }
            for event in self.events.all()
        ]

    @property
    def contact_summary(self):
        return " / ".join(v for v in (self.email, self.phone, self.wechat) if v)


class DonationPhoto(models.Model):
    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("文件"), storage=private_storage, max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=200, blank=True)
    format = models.CharField(_("格式"), max_length=10)
    width = models.PositiveIntegerField(_("宽"))
    height = models.PositiveIntegerField(_("高"))
    size = models.PositiveBigIntegerField(_("字节数"))
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("捐赠照片")
        verbose_name_plural = _("捐赠照片")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.file.name


class DonationEvent(models.Model):
    """The audit trail: who moved a donation from which status to which, when and why."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    from_status = models.CharField(
        _("原状态"), max_length=20, choices=DonationStatus.choices, blank=True
    )
    to_status = models.CharField(_("新状态"), max_length=20, choices=DonationStatus.choices)
    note = models.TextField(_("说明"))
    # Shown to the donor on the status page; `note` stays internal.
    public_note = models.TextField(_("给捐赠人的说明"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("捐赠处理记录")
        verbose_name_plural = _("捐赠处理记录")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.donation_id}: {self.from_status} -> {self.to_status}"


class DonationNotification(models.Model):
    """An email owed to the donor. Written in the same transaction as the change it reports,
    so a failed send is retried later instead of lost."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="notifications")
    status = models.CharField(_("通知的状态"), max_length=20, choices=DonationStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("捐赠通知邮件")
        verbose_name_plural = _("捐赠通知邮件")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.donation_id}: {self.status}"
