"""The admin listing of investment projects: filter by stage, county, industry and amount; export."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.core.choices import Industry, WenzhouCounty
from cms.core.exports import ChineseSpreadsheetExportMixin

from .filters import AMOUNT_BANDS
from .models import ProjectPage, ProjectStage


def filter_amount_bands(queryset, _name, slugs):
    """The public site's amount bands (``filters.AMOUNT_BANDS``), so both count the same."""
    if not slugs:
        return queryset
    condition = Q()
    for slug, _label, low, high in AMOUNT_BANDS:
        if slug in slugs:
            band = Q()
            if low is not None:
                band &= Q(amount__gte=low)
            if high is not None:
                band &= Q(amount__lt=high)
            condition |= band
    return queryset.filter(condition)


class ProjectFilterSet(PageFilterSet):
    stage = django_filters.MultipleChoiceFilter(
        label=_("项目阶段"), choices=ProjectStage.choices, widget=forms.CheckboxSelectMultiple
    )
    county = django_filters.MultipleChoiceFilter(
        label=_("所在县（市、区）"),
        choices=WenzhouCounty.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    industry = django_filters.MultipleChoiceFilter(
        label=_("产业"), choices=Industry.choices, widget=forms.CheckboxSelectMultiple
    )
    amount = django_filters.MultipleChoiceFilter(
        label=_("投资额"),
        choices=[(slug, label) for slug, label, _low, _high in AMOUNT_BANDS],
        widget=forms.CheckboxSelectMultiple,
        method=filter_amount_bands,
    )
    is_key_project = django_filters.BooleanFilter(label=_("重点项目"))

    class Meta:
        model = ProjectPage
        fields = []


class ProjectIndexView(ChineseSpreadsheetExportMixin, IndexView):
    pass


class ProjectListingViewSet(PageListingViewSet):
    model = ProjectPage
    index_view_class = ProjectIndexView
    filterset_class = ProjectFilterSet
    icon = "site"
    menu_label = _("项目一览")
    menu_order = 100
    name = "project_listing"
    url_prefix = "listings/projects"
    columns = [
        *PageListingViewSet.columns,
        Column("code", label=_("项目编号"), sort_key="code"),
        Column("stage", label=_("项目阶段"), accessor="get_stage_display", sort_key="stage"),
        Column(
            "county", label=_("所在县（市、区）"), accessor="get_county_display", sort_key="county"
        ),
        Column("industry", label=_("产业"), accessor="get_industry_display", sort_key="industry"),
        Column("amount", label=_("投资额（亿元）"), sort_key="amount"),
    ]
    list_export = [
        "code",
        "title",
        "get_stage_display",
        "get_county_display",
        "get_industry_display",
        "amount",
        "get_investor_origin_display",
        "investor",
        "signed_date",
        "is_key_project",
        "officer_name",
        "officer_unit",
        "officer_phone",
        "locale.language_code",
        "status_string",
        "full_url",
    ]
    export_headings = {
        "code": _("项目编号"),
        "title": _("项目名称"),
        "get_stage_display": _("项目阶段"),
        "get_county_display": _("所在县（市、区）"),
        "get_industry_display": _("产业"),
        "amount": _("投资额（亿元）"),
        "get_investor_origin_display": _("投资方来源"),
        "investor": _("投资方"),
        "signed_date": _("签约日期"),
        "is_key_project": _("重点项目"),
        "officer_name": _("服务专员"),
        "officer_unit": _("专员单位"),
        "officer_phone": _("专员电话"),
        "locale.language_code": _("语言"),
        "status_string": _("状态"),
        "full_url": _("网址"),
    }
    export_filename = "projects"
