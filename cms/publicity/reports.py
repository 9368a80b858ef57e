"""What was published, by whom, when, per section and month: read from Wagtail's log entries.

A publication is a ``wagtail.publish`` log entry (scheduled publications are logged by the
system when they go live, with no user). The section of a page is its ancestor just below the
home page (news, campaigns, projects, museum...); home pages are their own section.
"""

import csv
import datetime
import io
from collections import Counter, OrderedDict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry

PUBLISH_ACTION = "wagtail.publish"
SECTION_DEPTH = 3  # root (1) > home (2) > section (3)


@dataclass
class Publication:
    timestamp: datetime.datetime
    page_id: int
    title: str
    page_type: str
    section: str
    language: str
    user: str
    revision_id: int | None

    @property
    def month(self):
        return self.timestamp.strftime("%Y-%m")

    @property
    def time(self):
        return self.timestamp.strftime("%Y-%m-%d %H:%M")


def user_label(user):
    if user is None:
        return str(_("系统（定时发布）"))
    first, last = user.first_name.strip(), user.last_name.strip()
    if any("\u4e00" <= char <= "\u9fff" for char in first + last):
        return last + first  # Chinese names: family name first, no space
    return f"{first} {last}".strip() or user.get_username()


def section_pages():
    """Sections that can be filtered on: the pages just below each home page."""
    return Page.objects.filter(depth=SECTION_DEPTH).select_related("locale").order_by("path")


def authors(user):
    """The people whose publications ``user`` may see: the report's author filter offers no one else."""
    published = PageLogEntry.objects.viewable_by_user(user).filter(action=PUBLISH_ACTION)
    return (
        get_user_model()
        .objects.filter(pk__in=published.exclude(user=None).values("user_id"))
        .order_by("username")
    )


def publications(user, date_from=None, date_to=None, section=None, author=None):
    """Publications visible to ``user`` (only pages they may explore), newest first."""
    entries = (
        PageLogEntry.objects.viewable_by_user(user)
        .filter(action=PUBLISH_ACTION)
        .select_related("user", "content_type")
        .order_by("-timestamp", "-id")
    )
    tz = timezone.get_current_timezone()
    if date_from:
        start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=tz)
        entries = entries.filter(timestamp__gte=start)
    if date_to:
        end = datetime.datetime.combine(
            date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        entries = entries.filter(timestamp__lt=end)
    if author is not None:
        entries = entries.filter(user=author)

    entries = list(entries)
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in={e.page_id for e in entries}).select_related(
            "locale"
        )
    }
    step = Page.steplen
    section_paths = {
        page.path[: step * SECTION_DEPTH] for page in pages.values() if page.depth >= SECTION_DEPTH
    }
    sections = {
        page.path: page
        for page in Page.objects.filter(path__in=section_paths).select_related("locale")
    }
    if section is not None:
        section_prefix = section.path
    result = []
    for entry in entries:
        page = pages.get(entry.page_id)
        if page is None:
            section_label = str(_("（已删除）"))
            language = ""
        elif page.depth < SECTION_DEPTH:
            section_label = str(_("首页"))
            language = page.locale.get_display_name()
        else:
            section_page = sections.get(page.path[: step * SECTION_DEPTH])
            section_label = section_page.title if section_page else ""
            language = page.locale.get_display_name()
        if section is not None and (page is None or not page.path.startswith(section_prefix)):
            continue
        model = entry.content_type.model_class() if entry.content_type else None
        result.append(
            Publication(
                timestamp=timezone.localtime(entry.timestamp),
                page_id=entry.page_id,
                title=entry.label,
                page_type=str(model._meta.verbose_name) if model else "",
                section=section_label,
                language=language,
                user=user_label(entry.user),
                revision_id=entry.revision_id,
            )
        )
    return result


def summarise(items):
    """Counts per section and month (a pivot table) and per person."""
    months = sorted({item.month for item in items})
    per_section = OrderedDict()
    for item in sorted(items, key=lambda i: i.section):
        per_section.setdefault(item.section, Counter())[item.month] += 1
    table = [
        {
            "section": section,
            "cells": [counts.get(month, 0) for month in months],
            "total": sum(counts.values()),
        }
        for section, counts in per_section.items()
    ]
    totals = [sum(row["cells"][i] for row in table) for i in range(len(months))]
    people = Counter(item.user for item in items).most_common()
    return {"months": months, "rows": table, "totals": totals, "people": people}


CSV_HEADINGS = [
    ("timestamp", _("发布时间")),
    ("month", _("月份")),
    ("section", _("栏目")),
    ("title", _("页面")),
    ("page_type", _("类型")),
    ("language", _("语言")),
    ("user", _("发布人")),
    ("page_id", _("页面 ID")),
    ("revision_id", _("版本 ID")),
]


def publications_csv(items):
    """CSV text with a byte-order mark, so spreadsheet programs read the Chinese correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([str(label) for _key, label in CSV_HEADINGS])
    for item in items:
        row = []
        for key, _label in CSV_HEADINGS:
            value = getattr(item, key)
            if key == "timestamp":
                value = value.strftime("%Y-%m-%d %H:%M")
            row.append("" if value is None else _safe_cell(str(value)))
        writer.writerow(row)
    return buffer.getvalue()


def summary_csv(summary):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([str(_("栏目")), *summary["months"], str(_("合计"))])
    for row in summary["rows"]:
        writer.writerow([_safe_cell(row["section"]), *row["cells"], row["total"]])
    writer.writerow([str(_("合计")), *summary["totals"], sum(summary["totals"])])
    return buffer.getvalue()


def _safe_cell(value):
    """Titles are editor input: keep spreadsheets from reading them as formulas."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
