"""Workflow emails to zh-hans editors and reviewers are Chinese, subject and body."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.models import WorkflowState

from cms.core import roles
from cms.publicity.models import NewsIndexPage, NewsPage

from .conftest import zh_hans_user
from .latin import latin_words

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def news_form(action):
    return {
        "title": "温商回归大会开幕",
        "slug": "opening",
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


def act(client, user, page, action, comment=""):
    state = WorkflowState.objects.active().get(object_id=str(page.pk)).current_task_state
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    assert client.post(url, {"comment": comment}).status_code == 302


def test_workflow_emails_are_chinese(client, home_page):
    index = NewsIndexPage(title="新闻", slug="news")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    call_command("setup_roles", verbosity=0)
    people = {}
    for role in (roles.PUBLICITY_EDITOR, roles.PUBLICITY_APPROVER, roles.SITE_ADMINISTRATOR):
        people[role.key] = zh_hans_user(role.key)
        people[role.key].groups.add(Group.objects.get(name=role.name))
    people["second_approver"] = zh_hans_user("second_approver")
    people["second_approver"].groups.add(Group.objects.get(name=roles.PUBLICITY_APPROVER.name))
    # Superusers are told of every submission to a workflow.
    people["root"] = zh_hans_user("root", is_superuser=True, is_staff=True)
    editor = people[roles.PUBLICITY_EDITOR.key]
    mail.outbox.clear()

    client.force_login(editor)
    add = reverse("wagtailadmin_pages:add", args=("publicity", "newspage", index.pk))
    assert client.post(add, news_form("action-submit")).status_code == 302
    page = NewsPage.objects.get(slug="opening")
    act(client, people[roles.PUBLICITY_APPROVER.key], page, "reject", "请补充签约金额。")
    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert client.post(edit, news_form("action-submit")).status_code == 302
    # 三审: 初审 and 复审 by the approvers, 终审 by a site administrator.
    act(client, people[roles.PUBLICITY_APPROVER.key], page, "approve")
    act(client, people["second_approver"], page, "approve")
    act(client, people[roles.SITE_ADMINISTRATOR.key], page, "approve")
    page.refresh_from_db()
    assert page.live

    # Submitted (to the reviewers), rejected and approved (to the editor), each step's hand-over.
    assert len(mail.outbox) >= 4
    assert any(editor.email in message.to for message in mail.outbox)
    assert any(people["root"].email in message.to for message in mail.outbox)
    offenders = {}
    for message in mail.outbox:
        recipient = message.to[0]
        allowed = {recipient, recipient.split("@")[0], page.title, page.url_path}
        for user in people.values():
            allowed |= {user.username, user.email}
        texts = [message.subject, LINK.sub(" ", message.body)]
        texts += [LINK.sub(" ", body) for body, _type in getattr(message, "alternatives", [])]
        for word, context in latin_words(texts, allowed).items():
            offenders.setdefault(word, (message.subject, context))
    assert not offenders, offenders
