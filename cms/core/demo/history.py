"""A publication history for the demo, so the publishing report (发布统计) has something to show.

The demo builds its pages with logging off (a bulk load is not an editor's act). Afterwards each
new live page gets one ``wagtail.publish`` log entry, dated by the page's own date where it has
one, and attributed to a fictional member of the department that looks after its section.
Those staff accounts have unusable passwords: they name who published, they cannot sign in.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms.core.roles import CURATOR, INVESTMENT_STAFF, PUBLICITY_APPROVER, SITE_ADMINISTRATOR

#: (username, family name, given name, role) of the demo staff who "published" each section.
STAFF = {
    "publicity": ("demo-chenjing", "陈", "静", PUBLICITY_APPROVER),
    "museum": ("demo-zhouya", "周", "雅", CURATOR),
    "donations": ("demo-zhouya", "周", "雅", CURATOR),
    "projects": ("demo-linhai", "林", "海", INVESTMENT_STAFF),
    "events": ("demo-linhai", "林", "海", INVESTMENT_STAFF),
    "chambers": ("demo-linhai", "林", "海", INVESTMENT_STAFF),
    "core": ("demo-wanglei", "王", "磊", SITE_ADMINISTRATOR),
}
#: The page's own date, where its type has one: when it would have been published.
DATE_FIELDS = ("date", "start_date", "signed_date")
PUBLISHED_AT = datetime.time(9, 30)


def staff_member(app_label):
    username, family, given, _role = STAFF.get(app_label, STAFF["core"])
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"last_name": family, "first_name": given}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def publication_time(page, now):
    for name in DATE_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, datetime.date):
            moment = datetime.datetime.combine(
                value, PUBLISHED_AT, tzinfo=timezone.get_current_timezone()
            )
            # Upcoming campaigns and tours are announced ahead: never a publication in the future.
            return min(moment, now)
    return now


def log_publications(pages):
    """One publish entry per live page, with the revision it went live with."""
    now = timezone.now()
    staff = {}
    # The in-memory pages predate their publication: read what went live from the database.
    live_revisions = dict(
        Page.objects.filter(pk__in=[page.pk for page in pages], live=True).values_list(
            "pk", "live_revision_id"
        )
    )
    for page in pages:
        if page.pk not in live_revisions:
            continue
        app_label = page._meta.app_label
        if app_label not in staff:
            staff[app_label] = staff_member(app_label)
        PageLogEntry.objects.log_action(
            instance=page,
            action="wagtail.publish",
            user=staff[app_label],
            revision_id=live_revisions[page.pk],
            timestamp=publication_time(page, now),
        )
