"""The campaign calendar and the publishing report's author filter show each role only its own.

Draft campaigns are the publicity department's plans; which colleagues published what in other
sections is not another department's business.
"""

import datetime

import pytest
from django.urls import reverse

from cms.publicity.models import CampaignPage

pytestmark = pytest.mark.django_db

CALENDAR = reverse("publicity_campaign_calendar")
REPORT = reverse("publicity_publishing_report")


@pytest.fixture
def draft_campaign(sections):
    index = sections["campaigns"][0]
    day = datetime.date(2026, 12, 1)
    campaign = CampaignPage(
        title="未公开的招商月草稿", slug="secret", theme="温商回归", start_date=day, end_date=day
    )
    campaign.live = False
    index.add_child(instance=campaign)
    campaign.save_revision()
    return campaign


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] != CALENDAR
    )


def test_calendar_is_for_the_campaign_planners(client, users, draft_campaign):
    for role in ("publicity_editor", "publicity_approver", "site_administrator"):
        client.force_login(getattr(users, role))
        response = client.get(CALENDAR)
        assert response.status_code == 200, role
        assert "未公开的招商月草稿" in response.content.decode(), role

    for role in ("curator", "investment_staff"):
        client.force_login(getattr(users, role))
        response = client.get(CALENDAR)
        assert refused(response), role
        assert "未公开的招商月草稿" not in response.content.decode(), role
        menu = client.get(reverse("wagtailadmin_home")).content.decode()
        assert CALENDAR not in menu, role


def author_options(client, user):
    client.force_login(user)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    select = html[html.index('name="author"') :]
    select = select[: select.index("</select>")]
    return select


def test_author_filter_lists_only_publishers_of_pages_one_may_see(client, users, sections):
    news, hall = sections["news"][1], sections["museum"][1]
    # News is published at the end of its review chain: here by a site administrator.
    news.save_revision(user=users.site_administrator).publish(user=users.site_administrator)
    hall.save_revision(user=users.curator).publish(user=users.curator)

    curator_sees = author_options(client, users.curator)
    assert f'value="{users.curator.pk}"' in curator_sees
    assert f'value="{users.site_administrator.pk}"' not in curator_sees

    admin_sees = author_options(client, users.site_administrator)
    assert f'value="{users.curator.pk}"' in admin_sees
    assert f'value="{users.site_administrator.pk}"' in admin_sees
    # Accounts that published nothing are not offered at all.
    assert f'value="{users.investment_staff.pk}"' not in admin_sees
    assert f'value="{users.publicity_approver.pk}"' not in admin_sees

    # Filtering on someone outside one's view is refused like any bad choice.
    client.force_login(users.curator)
    response = client.get(REPORT, {"author": users.site_administrator.pk})
    assert "选择一个有效的选项" in response.content.decode()
