"""Representative checks through the admin's own views, not just the permission API."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.publicity.models import NewsPage

pytestmark = pytest.mark.django_db


def news_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "listing_image": "",
        "date": page.date.isoformat(),
        "byline": page.byline,
        "campaign": "",
        "body": streamfield([("paragraph", rich_text("<p>签约仪式在温州举行。</p>"))]),
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_editor_posting_publish_does_not_publish(client, users, sections):
    news = sections["news"][1]
    client.force_login(users.publicity_editor)
    response = client.post(
        edit_url(news), news_form(news, title="编辑擅自发布的标题", **{"action-publish": "1"})
    )
    # Refused outright, not quietly saved as a draft.
    assert response.status_code == 403
    news = NewsPage.objects.get(pk=news.pk)
    assert news.title == "签约新闻"  # the live title is untouched
    assert not news.has_unpublished_changes


def test_approver_cannot_publish_through_the_edit_view(client, users, sections):
    news = sections["news"][1]
    client.force_login(users.publicity_approver)
    response = client.post(
        edit_url(news), news_form(news, title="审核后发布的标题", **{"action-publish": "1"})
    )
    assert response.status_code == 403
    assert NewsPage.objects.get(pk=news.pk).title == "签约新闻"


def test_editor_cannot_open_other_sections(client, users, sections):
    client.force_login(users.publicity_editor)
    hall = sections["museum"][1]
    response = client.get(edit_url(hall))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != edit_url(hall)
    assert client.get(edit_url(sections["news"][1])).status_code == 200


def test_curator_cannot_unpublish_news(client, users, sections):
    news = sections["news"][1]
    client.force_login(users.curator)
    client.post(reverse("wagtailadmin_pages:unpublish", args=(news.pk,)))
    assert Page.objects.get(pk=news.pk).live


def test_editor_sees_submit_for_review_as_main_action(client, users, sections):
    client.force_login(users.publicity_editor)
    html = client.get(edit_url(sections["news"][1])).content.decode()
    footer = html[html.index("footer__container") :]
    first_button = footer[footer.index("<button") : footer.index(">", footer.index("<button"))]
    assert 'name="action-submit"' in first_button
    assert "action-save" in footer  # saving a draft is still offered
    assert 'name="action-publish"' not in html


def test_editor_submission_starts_the_three_step_review(client, users, sections):
    news = sections["news"][1]
    client.force_login(users.publicity_editor)
    response = client.post(
        edit_url(news), news_form(news, title="待审核的标题", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    news = NewsPage.objects.get(pk=news.pk)
    state = news.current_workflow_state
    assert state is not None and state.workflow.name == "宣传稿件三审"
    assert state.current_task_state.task.name == "初审"
    first = state.current_task_state.task.specific

    def actions(user, task):
        return [name for name, *_ in task.get_actions(news, user)]

    # The author does not review their own submission.
    assert "approve" not in actions(users.publicity_editor, first)
    assert "approve" not in actions(users.site_administrator, first)
    assert "approve" in actions(users.publicity_approver, first)
    state.current_task_state.approve(user=users.publicity_approver)

    state.refresh_from_db()
    second = state.current_task_state.task.specific
    assert second.name == "复审"
    assert "approve" in actions(users.publicity_approver, second)
    state.current_task_state.approve(user=users.publicity_approver)

    state.refresh_from_db()
    third = state.current_task_state.task.specific
    assert third.name == "终审"
    assert "approve" not in actions(users.publicity_approver, third)
    assert "approve" in actions(users.site_administrator, third)
    assert "approve" in actions(users.publicity_leader, third)
    assert NewsPage.objects.get(pk=news.pk).title == "签约新闻"  # not yet published

    state.current_task_state.approve(user=users.publicity_leader)
    news = NewsPage.objects.get(pk=news.pk)
    assert news.title == "待审核的标题" and news.live


def test_channel_snippet_admin(client, users):
    from cms.core.wagtail_hooks import ChannelViewSet
    from cms.publicity.models import Channel

    channel = Channel.objects.get_or_create(
        code="wechat", defaults={"name": "微信", "name_en": "WeChat"}
    )[0]
    url = reverse(ChannelViewSet().get_url_name("list"))
    client.force_login(users.site_administrator)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert channel.name in html and channel.name_en in html and channel.code in html
    client.force_login(users.curator)
    assert client.get(url).status_code in (302, 403)
