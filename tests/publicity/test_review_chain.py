"""The review chain holds: only its last step publishes news and campaigns.

Tried as the publicity department would, through the admin's HTTP forms, bulk actions,
the v3 API and go-live dates; the chain is data in setup_roles and a site setting.
"""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import APIToken, PageLogEntry, Workflow

from cms.core import roles

from .test_workflow import (
    act,
    approve_all,
    create_news,
    current_task_state,
    news_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, people, news_index, clock):
    return create_news(
        client, people["editor"], news_index, "温商座谈会召开", "zuotanhui", "action-submit"
    )


def test_the_default_chain_is_three_reviews(people, news_index, campaign_index):
    for index in (news_index, campaign_index):
        workflow = index.get_workflow()
        assert workflow.name == roles.PUBLICITY_REVIEW.name
        assert [task.name for task in workflow.tasks] == ["初审", "复审", "终审"]


def test_the_approver_sees_no_publish_button_and_the_form_refuses_it(client, people, submitted):
    client.force_login(people["approver"])
    url = reverse("wagtailadmin_pages:edit", args=(submitted.pk,))
    html = client.get(url).content.decode()
    assert 'name="action-publish"' not in html
    response = client.post(url, news_form("温商座谈会召开", "zuotanhui", "action-publish"))
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert not submitted.live and submitted.workflow_in_progress


def test_creating_with_publish_is_refused_for_editors(client, people, news_index):
    from cms.publicity.models import NewsPage

    client.force_login(people["editor"])
    url = reverse("wagtailadmin_pages:add", args=("publicity", "newspage", news_index.pk))
    response = client.post(url, news_form("编辑想直接发布", "try", "action-publish"))
    assert response.status_code == 403
    assert not NewsPage.objects.filter(slug="try").exists()


@pytest.mark.parametrize("who", ["editor", "approver", "leader"])
def test_nobody_in_publicity_publishes_through_the_v3_api(client, people, submitted, who):
    _, token = APIToken.create_token(user=people[who], name="测试")
    response = client.post(
        f"/api/v3/pages/{submitted.pk}/actions/publish/",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 403, response.content
    submitted.refresh_from_db()
    assert not submitted.live


@pytest.mark.parametrize("who", ["editor", "approver"])
def test_nobody_in_publicity_publishes_by_bulk_action(client, people, submitted, who):
    client.force_login(people[who])
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        + f"?id={submitted.pk}"
    )
    response = client.post(url, {"include_descendants": ""})
    assert response.status_code in (200, 302, 403)
    submitted.refresh_from_db()
    assert not submitted.live


def test_the_author_cannot_pass_the_first_review_but_a_colleague_can(client, people, submitted):
    task_state = current_task_state(submitted)
    client.force_login(people["editor"])
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(submitted.pk, "approve", task_state.pk)
    )
    assert client.post(url, {"comment": ""}).status_code in (302, 403)
    assert current_task_state(submitted).pk == task_state.pk
    # Nor is it on their dashboard as theirs to review.
    assert not task_state.task.specific.get_task_states_user_can_moderate(people["editor"]).exists()

    assert act(client, people["colleague"], submitted, "approve").status_code == 302
    assert current_task_state(submitted).task.name == "复审"


def test_each_step_approves_in_turn_and_only_the_last_publishes(client, people, submitted):
    for step, reviewer in (("初审", "colleague"), ("复审", "approver")):
        assert current_task_state(submitted).task.name == step
        act(client, people[reviewer], submitted, "approve")
        submitted.refresh_from_db()
        assert not submitted.live
    # 复审 is the approver's, 终审 is not: the approver cannot finish the chain.
    before = current_task_state(submitted)
    assert before.task.name == "终审"
    act(client, people["approver"], submitted, "approve")
    assert current_task_state(submitted).pk == before.pk
    act(client, people["leader"], submitted, "approve")
    submitted.refresh_from_db()
    assert submitted.live
    assert not PageLogEntry.objects.filter(
        page=submitted, action="publicity.urgent_publish"
    ).exists()


def test_each_step_says_what_comes_next_and_who_acts(client, people, submitted):
    response = act(client, people["colleague"], submitted, "approve")
    response = client.get(response.url, follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "复审" in text and "宣传审核" in text and "第 2 步" in text and "终审" in text

    response = act(client, people["approver"], submitted, "approve")
    text = " ".join(str(m) for m in client.get(response.url, follow=True).context["messages"])
    assert "终审" in text and "分管领导" in text and "最后一步" in text

    response = act(client, people["leader"], submitted, "approve")
    text = " ".join(str(m) for m in client.get(response.url, follow=True).context["messages"])
    assert "已通过全部审核并发布" in text


def test_the_notification_email_names_the_step_and_who_acts(client, people, news_index, clock):
    mail.outbox.clear()
    page = create_news(
        client, people["editor"], news_index, "温商座谈会召开", "zuotanhui", "action-submit"
    )
    first = [m for m in mail.outbox if people["approver"].email in m.to]
    assert first and "第 1 步" in first[-1].body and "通过后进入复审" in first[-1].body
    mail.outbox.clear()
    act(client, people["colleague"], page, "approve")
    second = [m for m in mail.outbox if people["approver"].email in m.to]
    assert second and "第 2 步" in second[-1].body and "终审" in second[-1].body


def test_go_live_dates_do_not_skip_the_review(client, people, news_index, clock):
    page = create_news(
        client,
        people["editor"],
        news_index,
        "定时发布的稿件",
        "timed",
        "action-submit",
        go_live_at="2026-06-20 09:30",
    )
    clock.move_to("2026-06-21 10:00+08:00")
    from django.core.management import call_command

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live


def test_a_site_administrator_may_shorten_the_chain_in_settings(client, people, news_index):
    from cms.publicity.models import ReviewSettings

    client.force_login(people["admin"])
    site = news_index.get_site()
    url = reverse("wagtailsettings:edit", args=("publicity", "reviewsettings", site.pk))
    response = client.post(url, {"chain": "two"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ReviewSettings.for_site(site).chain == "two"
    workflow = news_index.get_workflow()
    assert [task.name for task in workflow.tasks] == ["初审", "终审"]

    page = create_news(client, people["editor"], news_index, "两级审核稿件", "two", "action-submit")
    assert approve_all(client, people, page) == ["初审", "终审"]
    page.refresh_from_db()
    assert page.live

    # setup_roles keeps the administrator's choice.
    from django.core.management import call_command

    call_command("setup_roles", verbosity=0)
    assert news_index.get_workflow().name == roles.PUBLICITY_REVIEW_SHORT.name


def test_publicity_staff_cannot_change_the_chain(client, people, news_index):
    from cms.publicity.models import ReviewSettings

    site = news_index.get_site()
    url = reverse("wagtailsettings:edit", args=("publicity", "reviewsettings", site.pk))
    for who in ("editor", "approver"):
        client.force_login(people[who])
        client.post(url, {"chain": "two"})
    assert ReviewSettings.for_site(site).chain == "three"


def test_urgent_publishing_is_for_site_administrators_and_logged(client, people, submitted):
    client.force_login(people["admin"])
    url = reverse("wagtailadmin_pages:edit", args=(submitted.pk,))
    response = client.post(url, news_form("紧急：温商座谈会召开", "zuotanhui", "action-publish"))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    entry = PageLogEntry.objects.get(page=submitted, action="publicity.urgent_publish")
    assert entry.user == people["admin"]
    history = client.get(reverse("wagtailadmin_pages:history", args=(submitted.pk,)))
    assert "紧急发布" in history.content.decode()


def test_setup_roles_is_still_idempotent(people):
    from django.core.management import call_command

    before = sorted(Workflow.objects.values_list("name", "workflow_tasks__task__name"))
    call_command("setup_roles", verbosity=0)
    assert sorted(Workflow.objects.values_list("name", "workflow_tasks__task__name")) == before
