"""Template tags of the information platform's views: calendars, chamber network, rosters."""

from django import template
from wagtail.models import Page

from cms.projects.charts import format_amount

register = template.Library()


@register.filter
def amount(value):
    """An amount in 亿元 as shown on the site: thousands separated, no trailing zeros."""
    return format_amount(value)


@register.inclusion_tag("publicity/campaign_calendar.html", takes_context=True)
def campaign_calendar(context, index_page):
    """The public campaign calendar: running, upcoming and past, by channel."""
    from cms.publicity.calendar import build_campaign_calendar

    campaigns = index_page.get_campaigns().prefetch_related("channels")
    return {
        "calendar": build_campaign_calendar(campaigns),
        "request": context.get("request"),
    }


@register.inclusion_tag("includes/platform_tour_calendar.html", takes_context=True)
def tour_calendar(context, index_page):
    """Investment tours home by month, against the plan of two to three tours a month."""
    from cms.publicity.calendar import build_tour_calendar

    return {
        "calendar": build_tour_calendar(index_page.get_events()),
        "request": context.get("request"),
    }


@register.inclusion_tag("includes/platform_leading_merchants.html", takes_context=True)
def leading_merchants(context, index_page):
    """The roster of leading merchants (百名领头雁) under a merchant index."""
    merchants = (
        index_page.get_merchants().filter(is_leading_merchant=True).select_related("chamber")
    )
    return {"merchants": merchants, "request": context.get("request")}


@register.inclusion_tag("includes/platform_chamber_tree.html", takes_context=True)
def chamber_network(context, index_page, province=""):
    """The 1+31+X network as a tree (federation > provincial > city) and by province."""
    from cms.chambers.hierarchy import build_hierarchy

    return {
        "network": build_hierarchy(index_page),
        "index_page": index_page,
        "active_province": province,
        "request": context.get("request"),
    }


@register.inclusion_tag("includes/platform_project_filters.html", takes_context=True)
def project_filters(context):
    """The filter navigation of the project listing (links to published filter paths)."""
    page = context.get("page")
    return {
        "groups": context.get("project_filter_nav") or [],
        "active": context.get("project_filters") or {},
        "label": context.get("project_filter_label", ""),
        "clear_url": page.get_url(context.get("request")) if isinstance(page, Page) else "",
        "request": context.get("request"),
    }


@register.simple_tag
def live_url(page, request=None):
    return page.get_url(request) if isinstance(page, Page) and page.live else ""


@register.simple_tag
def progress_page_of(home):
    """The live progress page under ``home``, for links from the home page's goal figures."""
    from cms.projects.models import ProgressPage

    if not isinstance(home, Page):
        return None
    return ProgressPage.objects.live().child_of(home).first()
