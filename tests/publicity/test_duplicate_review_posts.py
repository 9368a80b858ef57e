"""Issue #10: one click on 批准 acts on one review step, however often it reaches the server.

Wagtail 8's autosave posted the editor's form with the hidden approval inputs that
``workflow-action.js`` adds on the click, before the form's own submission: 初审 and 复审
were approved by one click, and the late POST at the last step failed or unpublished.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from cms.core.workflow_guard import TASK_STATE_INPUT

from .test_workflow import create_news, current_task_state, news_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, people, news_index, clock):
    return create_news(
        client, people["editor"], news_index, "温商座谈会召开", "zuotanhui", "action-submit"
    )


def approve_form(task_state_id=None):
    extra = {"action-workflow-action": "true", "workflow-action-name": "approve"}
    if task_state_id is not None:
        extra[TASK_STATE_INPUT] = str(task_state_id)
    data = news_form("温商座谈会召开", "zuotanhui", "next", **extra)
    data["next"] = ""
    return data


def approved_by(page):
    state = WorkflowState.objects.for_instance(page).order_by("-pk").first()
    return [
        (task_state.task.name, task_state.finished_by.username)
        for task_state in TaskState.objects.filter(
            workflow_state=state, status=TaskState.STATUS_APPROVED
        ).order_by("pk")
    ]


def test_the_edit_form_names_the_step_it_was_rendered_for(client, people, submitted):
    client.force_login(people["approver"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=(submitted.pk,))).content.decode()
    first = current_task_state(submitted)
    assert f'name="{TASK_STATE_INPUT}" value="{first.pk}"' in html


def test_an_autosave_carrying_an_approval_approves_nothing(client, people, submitted):
    client.force_login(people["approver"])
    first = current_task_state(submitted)
    revisions = submitted.revisions.count()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(submitted.pk,)),
        approve_form(first.pk),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert "自动保存" in response.json()["error_message"]
    assert current_task_state(submitted).pk == first.pk
    assert submitted.revisions.count() == revisions
    assert approved_by(submitted) == []


def test_the_same_approval_posted_twice_approves_one_step(client, people, submitted):
    # 宣传审核 may approve 初审 and 复审: the second POST of one click must not do both.
    client.force_login(people["approver"])
    url = reverse("wagtailadmin_pages:edit", args=(submitted.pk,))
    first = current_task_state(submitted)
    assert client.post(url, approve_form(first.pk)).status_code == 302
    response = client.post(url, approve_form(first.pk))
    assert response.status_code == 302
    assert response.url == url
    assert approved_by(submitted) == [("初审", "approver")]
    assert current_task_state(submitted).task.name == "复审"
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("已经处理过" in message for message in shown)


def test_a_repeated_last_approval_neither_fails_nor_unpublishes(client, people, submitted):
    from .test_workflow import act

    act(client, people["colleague"], submitted, "approve")
    act(client, people["approver"], submitted, "approve")
    last = current_task_state(submitted)
    url = reverse("wagtailadmin_pages:edit", args=(submitted.pk,))
    client.force_login(people["leader"])
    assert client.post(url, approve_form(last.pk)).status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    live_revision = submitted.live_revision_id
    # The same POST again, from someone who can still open the published page.
    client.force_login(people["admin"])
    response = client.post(url, approve_form(last.pk))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live and not submitted.has_unpublished_changes
    assert submitted.live_revision_id == live_revision == submitted.latest_revision_id
    assert [name for name, _ in approved_by(submitted)] == ["初审", "复审", "终审"]


def test_after_the_last_approval_the_leader_lands_on_the_dashboard(client, people, submitted):
    from .test_workflow import act

    act(client, people["colleague"], submitted, "approve")
    act(client, people["approver"], submitted, "approve")
    last = current_task_state(submitted)
    client.force_login(people["leader"])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(submitted.pk,)), approve_form(last.pk)
    )
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert client.get(response.url).status_code == 200
