"""Checks before publishing: 错敏词 with their standard form, images without alt text, links
to pages that are not live, a missing English translation."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageLogEntry

from .test_workflow import (
    act,
    create_news,
    current_task_state,
    news_form,
)

pytestmark = pytest.mark.django_db


def body_html(html):
    return {"body-0-value": get_rich_text_editor_widget().format_value(html)}


def test_the_starting_list_ships_with_the_policy_number_and_official_names(db):
    from cms.publicity.models import Wording

    wordings = {w.wrong: w for w in Wording.objects.all()}
    assert wordings["温委发[2014]27号"].correct == "温委发〔2014〕27号"
    assert wordings["温委发[2014]27号"].severity == "block"
    assert wordings["温商博物馆"].correct == "世界温商博物馆"
    assert wordings["温州帮"].severity == "block"


def test_a_wording_is_found_with_its_context_and_correct_form(news_index):
    from cms.publicity.checks import check_page
    from cms.publicity.models import NewsPage

    news = NewsPage(
        title="会议召开",
        slug="meeting",
        date=datetime.date(2026, 6, 1),
        body=[("paragraph", "<p>会议传达了温委发[2014]27号文件精神。</p>")],
    )
    news_index.add_child(instance=news)
    [finding] = [f for f in check_page(news) if f.kind == "wording"]
    assert finding.blocking
    assert finding.text == "温委发[2014]27号"
    assert finding.correct == "温委发〔2014〕27号"
    assert finding.before.endswith("传达了") and finding.after.startswith("文件精神")
    assert finding.where == "正文第 1 块（段落）"
    assert "<mark>温委发[2014]27号</mark>" in str(finding.highlighted())


def test_the_correct_form_is_not_flagged(news_index):
    from cms.publicity.checks import check_page
    from cms.publicity.models import NewsPage

    news = NewsPage(
        title="世界温商博物馆开馆",
        slug="museum",
        date=datetime.date(2026, 6, 1),
        body=[("paragraph", "<p>世界温商博物馆设在温州商会总部大厦内。</p>")],
    )
    news_index.add_child(instance=news)
    assert [f for f in check_page(news) if f.kind == "wording"] == []


def test_links_to_pages_that_are_not_live_block(news_index):
    from cms.publicity.checks import check_page
    from cms.publicity.models import NewsPage

    draft = NewsPage(
        title="草稿", slug="draft", date=datetime.date(2026, 6, 1), body=[], live=False
    )
    news_index.add_child(instance=draft)
    news = NewsPage(
        title="相关报道",
        slug="related",
        date=datetime.date(2026, 6, 1),
        body=[("paragraph", f'<p>见<a linktype="page" id="{draft.pk}">此前报道</a>。</p>')],
    )
    news_index.add_child(instance=news)
    [finding] = [f for f in check_page(news) if f.kind == "link"]
    assert finding.blocking and "草稿" in finding.message


def test_images_without_alt_text_and_missing_translations_warn(news_index, locales):
    from cms.publicity.checks import check_page
    from cms.publicity.models import NewsPage

    image = Image.objects.create(title="签约现场", file=get_test_image_file())
    news = NewsPage(
        title="签约",
        slug="signing",
        date=datetime.date(2026, 6, 1),
        body=[("image", {"image": image, "caption": ""})],
    )
    news_index.add_child(instance=news)
    findings = {f.kind: f for f in check_page(NewsPage.objects.get(pk=news.pk))}
    assert not findings["image_alt"].blocking and "签约现场" in findings["image_alt"].message
    assert not findings["translation"].blocking


def test_a_blocking_wording_stops_submission_and_shows_where(client, people, news_index, clock):
    from cms.publicity.models import NewsPage

    client.force_login(people["editor"])
    url = reverse("wagtailadmin_pages:add", args=("publicity", "newspage", news_index.pk))
    data = news_form("温州帮的故事", "story", "action-submit")
    data.update(body_html("<p>落实温委发[2014]27号精神。</p>"))
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "“温州帮”应为“温商群体”" in html
    assert "“温委发[2014]27号”应为“温委发〔2014〕27号”" in html
    assert "【温委发[2014]27号】" in html
    assert "必须修改后才能提交或发布" in html
    assert not NewsPage.objects.filter(slug="story").exists()


def test_a_blocking_wording_stops_approval_from_the_dashboard(client, people, news_index, clock):
    from cms.publicity.models import Wording

    page = create_news(client, people["editor"], news_index, "温商座谈会", "forum", "action-submit")
    # The list grows while the page waits for review.
    Wording.objects.create(wrong="座谈会", correct="恳谈会", severity="block")
    task_state = current_task_state(page)
    response = act(client, people["colleague"], page, "approve")
    assert current_task_state(page).pk == task_state.pk
    followed = client.get(response.url, follow=True)
    text = " ".join(str(m) for m in followed.context["messages"])
    assert "未能通过审核" in text and "“座谈会”应为“恳谈会”" in text


def test_a_blocking_wording_stops_publishing_by_a_site_administrator(client, people, news_index):
    from cms.publicity.models import NewsPage

    client.force_login(people["admin"])
    url = reverse("wagtailadmin_pages:add", args=("publicity", "newspage", news_index.pk))
    data = news_form("温州炒房团调查", "houses", "action-publish")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "“温州炒房团”不宜使用" in response.content.decode()
    assert not NewsPage.objects.filter(slug="houses").exists()


def test_a_warning_lets_the_page_through_and_is_kept_in_its_history(
    client, people, news_index, clock
):
    from cms.publicity.models import NewsPage

    client.force_login(people["editor"])
    url = reverse("wagtailadmin_pages:add", args=("publicity", "newspage", news_index.pk))
    data = news_form("温州老板回乡投资", "bosses", "action-submit")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = NewsPage.objects.get(slug="bosses")
    assert page.workflow_in_progress
    entry = PageLogEntry.objects.get(page=page, action="publicity.wording_warnings")
    assert entry.data["warnings"][0]["text"] == "温州老板"
    client.force_login(people["admin"])
    history = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,))).content.decode()
    assert "发布前检查提醒" in history and "“温州老板”应为“温州商人”" in history


def test_the_editor_panel_lists_findings_with_the_text_highlighted(client, people, news_index):
    from cms.publicity.models import NewsPage

    news = NewsPage(
        title="温州老板回乡",
        slug="panel",
        date=datetime.date(2026, 6, 1),
        body=[("paragraph", "<p>传达温委发[2014]27号精神。</p>")],
    )
    news_index.add_child(instance=news)
    news.save_revision()
    client.force_login(people["admin"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=(news.pk,))).content.decode()
    assert "发布前检查" in html
    assert "<mark>温委发[2014]27号</mark>" in html
    assert "<mark>温州老板</mark>" in html


def test_only_site_administrators_manage_the_wording_list(client, people):
    from cms.publicity.models import Wording

    url = reverse("wagtailsnippets_publicity_wording:add")
    data = {
        "wrong": "温州人经济圈",
        "correct": "",
        "severity": "warn",
        "exceptions": "",
        "note": "",
    }
    for who in ("editor", "approver", "leader"):
        client.force_login(people[who])
        client.post(url, data)
    assert not Wording.objects.filter(wrong="温州人经济圈").exists()
    client.force_login(people["admin"])
    response = client.post(url, {**data, "active": "on"})
    assert response.status_code == 302
    assert Wording.objects.filter(wrong="温州人经济圈").exists()
    assert Group.objects.get(name="站点管理员")
