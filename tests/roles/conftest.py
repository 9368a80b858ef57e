"""A small tree with one index and one child page per section, roles set up, a user per role."""

import datetime
import io
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from cms.chambers.models import ChamberIndexPage, ChamberPage
from cms.core import roles
from cms.core.models import StandardPage
from cms.events.models import EventIndexPage, EventPage
from cms.projects.models import ProjectIndexPage, ProjectPage
from cms.publicity.models import CampaignIndexPage, CampaignPage, NewsIndexPage, NewsPage
from museum.models import HallPage, MuseumPage


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def sections(home_page):
    """Section name -> (index page, a child page), plus the site-wide pages."""
    return build_sections(home_page)


def build_sections(home):
    news_index = add(home, NewsIndexPage(title="新闻", slug="news"))
    campaign_index = add(home, CampaignIndexPage(title="宣传活动", slug="campaigns"))
    museum = add(home, MuseumPage(title="博物馆", slug="museum"))
    projects_index = add(home, ProjectIndexPage(title="招商项目", slug="projects"))
    events_index = add(home, EventIndexPage(title="回乡考察", slug="tours"))
    chambers_index = add(home, ChamberIndexPage(title="商会网络", slug="chambers"))
    day = datetime.date(2026, 3, 5)
    return {
        "news": (
            news_index,
            add(news_index, NewsPage(title="签约新闻", slug="signing", date=day, body=[])),
        ),
        "campaigns": (
            campaign_index,
            add(
                campaign_index,
                CampaignPage(
                    title="宣传月", slug="month", theme="温商回归", start_date=day, end_date=day
                ),
            ),
        ),
        "museum": (
            museum,
            add(museum, HallPage(title="第一展厅", slug="hall-1", period="1978—1992")),
        ),
        "projects": (
            projects_index,
            add(
                projects_index,
                ProjectPage(
                    title="产业园",
                    slug="park",
                    code="WZ-1",
                    industry="new_energy",
                    county="longwan",
                    amount="10",
                    investor_origin="domestic_wenzhou",
                ),
            ),
        ),
        "events": (
            events_index,
            add(
                events_index,
                EventPage(
                    title="考察团",
                    slug="tour",
                    start_date=day,
                    end_date=day,
                    delegation_origin="上海",
                    organiser="投促局",
                ),
            ),
        ),
        "chambers": (
            chambers_index,
            add(chambers_index, ChamberPage(title="全国联合会", slug="national", level="national")),
        ),
        "site": (home, add(home, StandardPage(title="关于我们", slug="about", body=[]))),
    }


@pytest.fixture
def setup_roles(sections):
    return run_setup_roles()


def run_setup_roles():
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    return out.getvalue()


@pytest.fixture
def users(setup_roles):
    return make_role_users()


def make_role_users():
    """One active staff user per role, in that role's group only."""
    created = {}
    for role in roles.ROLES:
        user = get_user_model().objects.create_user(
            username=role.key, email=f"{role.key}@wzmuseum.example", password="pw"
        )
        user.groups.add(Group.objects.get(name=role.name))
        created[role.key] = user
    return SimpleNamespace(**created)
