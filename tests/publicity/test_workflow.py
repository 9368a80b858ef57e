"""The publicity review workflow walked through the admin, as editors and approvers use it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from cms.core import roles
from cms.publicity.models import NewsPage

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


def news_form(title, slug, action, **extra):
    data = {
        "title": title,
        "slug": slug,
        "date": "2026-06-20",
        "byline": "市委宣传部",
        "intro": "",
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-value": get_rich_text_editor_widget().format_value("<p>温商回归正文。</p>"),
        "body-0-deleted": "",
        "body-0-order": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        action: "1",
    }
    data.update(extra)
    return data


def create_news(client, user, news_index, title, slug, action, **extra):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=("publicity", "newspage", news_index.pk))
    response = client.post(url, news_form(title, slug, action, **extra))
    assert response.status_code == 302, response.content.decode()[:2000]
    return NewsPage.objects.get(slug=slug)


def current_task_state(page):
    state = WorkflowState.objects.active().get(
        base_content_type__isnull=False, object_id=str(page.pk)
    )
    return state.current_task_state


def act(client, user, page, action, comment=""):
    client.force_login(user)
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


#: Who approves each step: 初审 by a fellow editor, 复审 by the approver, 终审 by the leader.
STEP_REVIEWERS = {"初审": "colleague", "复审": "approver", "终审": "leader"}


def approve_all(client, people, page):
    """Each review step approved by its own reviewer, in turn."""
    steps = []
    page.refresh_from_db()
    while page.workflow_in_progress:
        task = current_task_state(page).task.specific
        steps.append(task.name)
        response = act(client, people[STEP_REVIEWERS[task.name]], page, "approve")
        assert response.status_code == 302
        page.refresh_from_db()
        assert len(steps) <= 5, f"the review does not move on from {task.name}"
    return steps


def test_editor_cannot_publish(client, people, news_index, clock):
    client.force_login(people["editor"])
    url = reverse("wagtailadmin_pages:add", args=("publicity", "newspage", news_index.pk))
    response = client.post(url, news_form("编辑想直接发布", "try-publish", "action-publish"))
    assert response.status_code == 403
    assert not NewsPage.objects.filter(slug="try-publish").exists()
    page = create_news(
        client, people["editor"], news_index, "编辑保存草稿", "draft", "action-save-draft"
    )
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert 'name="action-submit"' in edit
    assert 'name="action-publish"' not in edit
    assert news_index.get_children().live().filter(pk=page.pk).exists() is False


def test_submission_reaches_the_approver_and_approval_publishes(client, people, news_index, clock):
    mail.outbox.clear()
    page = create_news(
        client, people["editor"], news_index, "温商回归大会开幕", "opening", "action-submit"
    )
    page.refresh_from_db()
    assert page.workflow_in_progress and not page.live

    task = current_task_state(page).task.specific
    assert set(task.groups.values_list("name", flat=True)) == {
        roles.PUBLICITY_EDITOR.name,
        roles.PUBLICITY_APPROVER.name,
    }
    # The approver is told by email and sees the page on their dashboard.
    assert any(people["approver"].email in message.to for message in mail.outbox)
    client.force_login(people["approver"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "温商回归大会开幕" in dashboard
    # The editor cannot approve their own submission.
    before = current_task_state(page)
    act(client, people["editor"], page, "approve")
    after = current_task_state(page)
    assert (after.pk, after.status) == (before.pk, "in_progress")

    assert approve_all(client, people, page) == ["初审", "复审", "终审"]
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert client.get(page.url).status_code == 200


def test_rejection_returns_the_page_with_the_comment(client, people, news_index, clock):
    page = create_news(
        client, people["editor"], news_index, "待修改稿件", "needs-work", "action-submit"
    )
    response = act(client, people["approver"], page, "reject", comment="请补充消息来源和图片说明")
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.filter(object_id=str(page.pk)).latest("created_at")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "请补充消息来源和图片说明"

    client.force_login(people["editor"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "请补充消息来源和图片说明" in edit
    # The editor fixes it and resubmits; the review starts again.
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(url, news_form("已修改稿件", "needs-work", "action-submit"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert current_task_state(page).task.name == "初审"


def test_scheduled_page_goes_live_at_its_time_and_expires(client, people, news_index, clock):
    page = create_news(
        client,
        people["editor"],
        news_index,
        "七月一日零点发布的预告",
        "scheduled",
        "action-submit",
        go_live_at="2026-07-01 10:00",
        expire_at="2026-07-08 18:00",
    )
    approve_all(client, people, page)
    page.refresh_from_db()
    assert not page.live
    assert page.latest_revision.approved_go_live_at == local(2026, 7, 1, 10, 0)

    clock.move_to(local(2026, 7, 1, 9, 59))
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live

    clock.move_to(local(2026, 7, 1, 10, 1))
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200

    clock.move_to(local(2026, 7, 8, 18, 1))
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get(page.url).status_code == 404


def test_campaigns_go_through_the_same_review(people, campaign_index, news_index):
    assert campaign_index.get_workflow() == news_index.get_workflow()
    assert campaign_index.get_workflow() is not None


def test_admin_speaks_chinese_to_chinese_editors(client, people):
    client.force_login(people["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="zh-hans"' in html
    assert "仪表板" in html or "控制面板" in html or "页面" in html
    profile = UserProfile.get_for_user(people["editor"])
    profile.preferred_language = "en"
    profile.save()
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="en"' in html
