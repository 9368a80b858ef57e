"""The calendars follow the date: a daily refresh re-renders them and nothing else."""

import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command

from cms.core.factories import HomePageFactory, make_default_site
from cms.events.factories import EventIndexPageFactory, EventPageFactory
from cms.publicity.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    NewsIndexPageFactory,
)
from frontend.publishing.builder import build_site, current_build

pytestmark = pytest.mark.django_db


def calendar_section(html, phase):
    """The names listed under one phase heading of the campaign calendar."""
    start = html.index(f"calendar-phase--{phase}")
    return html[start : html.index("</section>", start)]


@pytest.fixture
def dated_site(site_dir):
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="zh-hans")
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(slug="home")
    make_default_site(home)
    campaigns = CampaignIndexPageFactory(parent=home, slug="campaigns")
    CampaignPageFactory(
        parent=campaigns,
        title="新春温商回归宣传",
        slug="spring",
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2026, 2, 28),
    )
    events = EventIndexPageFactory(parent=home, slug="tours")
    EventPageFactory(
        parent=events,
        slug="march-tour",
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 3, 3),
    )
    NewsIndexPageFactory(parent=home, slug="news")
    return site_dir


def test_refresh_moves_a_campaign_to_running_on_its_start_date(dated_site):
    with time_machine.travel(datetime.datetime(2026, 1, 30, 1, 0, tzinfo=datetime.UTC), tick=False):
        build_site(workers=1)
    root = current_build(dated_site)
    index = root / "campaigns" / "index.html"
    assert "新春温商回归宣传" in calendar_section(index.read_text(), "upcoming")
    # The home page lists campaigns with their phase, so it follows the date too.
    unrelated = {path: path.stat().st_mtime_ns for path in (root / "news" / "index.html",)}

    with time_machine.travel(datetime.datetime(2026, 2, 2, 1, 0, tzinfo=datetime.UTC), tick=False):
        call_command("refresh_dated_pages", verbosity=0)

    html = index.read_text()
    assert "新春温商回归宣传" in calendar_section(html, "running")
    assert "calendar-phase--upcoming" not in html or "新春温商回归宣传" not in calendar_section(
        html, "upcoming"
    )
    # The calendars were rendered again; pages that do not follow the date were left alone.
    assert (root / "tours" / "index.html").is_file()
    assert {path: path.stat().st_mtime_ns for path in unrelated} == unrelated


def test_refresh_without_a_site_says_so(site_dir, db):
    with pytest.raises(CommandError, match="build_site"):
        call_command("refresh_dated_pages", verbosity=0)
