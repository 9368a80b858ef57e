"""The abstract base page and the site-wide pages and settings."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.api.fields import PublicImageRenditionField
from cms.core.blocks import BodyBlock
from cms.core.forms import BasePageForm
from cms.core.slugs import pinyin_slug, unique_slug
from cms.core.widgets import PinyinSlugInput

LISTING_IMAGE_SPEC = "fill-800x600|format-webp"


def image_api_field(name):
    """An image exposed to the API as rendition URLs rather than a bare id."""
    return APIField(name, serializer=PublicImageRenditionField(LISTING_IMAGE_SPEC))


class BasePage(Page):
    """Fields, panels, API fields, search fields and metadata every public page shares."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("列表与分享摘要，约 120 字"))
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The URL name sits under the title, where the editor sees it fill in (and any error
    # on it), rather than on the promote tab.
    content_panels = [
        TitleFieldPanel("title"),
        FieldPanel("slug", widget=PinyinSlugInput()),
        FieldPanel("intro"),
        FieldPanel("listing_image"),
    ]
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("搜索引擎"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("站点菜单")),
    ]
    base_form_class = BasePageForm
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        image_api_field("listing_image"),
        APIField("last_published_at"),
    ]

    # schema.org type of the page's JSON-LD; subclasses refine it.
    schema_type = "WebPage"

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        """A page saved without a URL name (the API, code) gets the pinyin of its title."""
        if not self.slug and self.title:
            parent = self._parent_for_slug()
            if parent is not None:
                base = pinyin_slug(self.title)
                if base:
                    self.slug = unique_slug(base, parent, self)
        super().full_clean(*args, **kwargs)

    def _parent_for_slug(self):
        if self.path:
            return self.get_parent()
        return getattr(self, "_cached_parent_obj", None)

    @property
    def summary(self):
        return self.intro or self.search_description or ""

    @property
    def share_image(self):
        return self.listing_image

    def get_schema_extra(self):
        """Type-specific schema.org properties, merged into the page's JSON-LD."""
        return {}

    def get_structured_data(self, request=None):
        data = {
            "@context": "https://schema.org",
            "@type": self.schema_type,
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
        }
        if self.summary:
            data["description"] = self.summary
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        data.update(self.get_schema_extra())
        return data


class HomePage(BasePage):
    search_navigation = True  # site search ranks it below content pages
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True, use_json_field=True)
    goal_amount = models.DecimalField(
        _("回归投资目标（亿元）"), max_digits=10, decimal_places=2, default=3000
    )

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 2
    # Home shows progress toward the goal: any project change re-renders it on the static site.
    static_dependency_types = ["projects.ProjectPage"]
    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("goal_amount")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body"), APIField("goal_amount")]
    schema_type = "WebSite"

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")


class StandardPage(BasePage):
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True, use_json_field=True)

    parent_page_types = ["core.HomePage", "core.StandardPage", "museum.MuseumPage"]
    subpage_types = ["core.StandardPage"]
    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body")]

    class Meta:
        verbose_name = _("普通页面")
        verbose_name_plural = _("普通页面")


POLICE_RECORD_URL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={code}"
MIIT_FILING_URL = "https://beian.miit.gov.cn/"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the footer and structured data say about the organisation that runs the site,
    including the marks a government site must carry (国办发〔2017〕47号)."""

    organisation = models.CharField(
        _("主办单位"), max_length=120, blank=True, default="温州市人民政府"
    )
    organisation_en = models.CharField(
        _("主办单位（英文）"),
        max_length=120,
        blank=True,
        default="Wenzhou Municipal People's Government",
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    icp_number = models.CharField(
        _("ICP 备案号"),
        max_length=60,
        blank=True,
        help_text=_("如“浙ICP备12345678号”，链接到工业和信息化部备案管理系统"),
    )
    police_record_number = models.CharField(
        _("公安机关备案号"),
        max_length=60,
        blank=True,
        help_text=_("如“浙公网安备 33030202000001号”，链接到全国互联网安全管理服务平台"),
    )
    police_badge = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("公安备案图标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("上传备案图标；页面只引用本站的文件"),
    )
    site_identifier = models.CharField(
        _("网站标识码"), max_length=20, blank=True, help_text=_("政府网站标识码，如 3303000001")
    )
    government_mark = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("党政机关网站标识"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    government_mark_url = models.URLField(
        _("党政机关网站标识链接"),
        blank=True,
        help_text=_("标识的验证页面地址，由机构编制部门提供"),
    )
    footer_note = RichTextField(_("页脚说明"), blank=True, features=["link"])

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("organisation_en")], heading=_("主办单位")
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("联系方式"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("police_record_number"),
                FieldPanel("police_badge"),
                FieldPanel("site_identifier"),
                FieldPanel("government_mark"),
                FieldPanel("government_mark_url"),
            ],
            heading=_("备案与标识"),
        ),
        FieldPanel("footer_note"),
    ]

    @property
    def police_record_url(self):
        """The public security record's page: the record code is the number's digits."""
        code = re.sub(r"\D", "", self.police_record_number)
        return POLICE_RECORD_URL.format(code=code) if code else ""

    @property
    def icp_url(self):
        return MIIT_FILING_URL if self.icp_number else ""

    class Meta:
        verbose_name = _("站点信息")
