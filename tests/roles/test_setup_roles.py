"""setup_roles is idempotent, fills in sections created later, and attaches the workflow."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from cms.core import roles
from cms.publicity.models import CampaignIndexPage, NewsIndexPage

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything setup_roles manages, as comparable data."""
    names = [role.name for role in roles.ROLES]
    return {
        "groups": sorted(Group.objects.filter(name__in=names).values_list("pk", "name")),
        "model": sorted(
            Group.objects.filter(name__in=names).values_list("name", "permissions__codename")
        ),
        "pages": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page_id", "permission__codename"
            )
        ),
        "collections": sorted(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection__name", "permission__codename"
            )
        ),
        "workflows": sorted(
            Workflow.objects.values_list("pk", "name", "workflow_tasks__task__name", "active")
        ),
        "workflow_pages": sorted(WorkflowPage.objects.values_list("page_id", "workflow__name")),
    }


def run():
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    return out.getvalue()


def test_running_twice_gives_the_same_groups_and_permissions(setup_roles):
    first = snapshot()
    assert len(first["groups"]) == len(roles.ROLES)
    run()
    assert snapshot() == first


def test_groups_have_stable_chinese_names(setup_roles):
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "宣传编辑",
        "宣传审核",
        "博物馆策展",
        "招商专员",
        "站点管理员",
    }


def test_runs_before_the_sections_exist_and_fills_them_in_later(home_page):
    output = run()
    assert "尚无 publicity.NewsIndexPage" in output
    editors = Group.objects.get(name="宣传编辑")
    assert not GroupPagePermission.objects.filter(group=editors).exists()

    news_index = NewsIndexPage(title="新闻", slug="news")
    home_page.add_child(instance=news_index)
    output = run()
    assert "新闻" in output
    granted = set(
        GroupPagePermission.objects.filter(group=editors).values_list(
            "page_id", "permission__codename"
        )
    )
    assert {(news_index.pk, "add_page"), (news_index.pk, "change_page")} <= granted
    assert (news_index.pk, "publish_page") not in granted
    assert news_index.get_workflow().name == "宣传稿件三审"


def test_extra_permissions_on_a_managed_group_are_reconciled_away(setup_roles, sections):
    editors = Group.objects.get(name="宣传编辑")
    news_index = sections["news"][0]
    GroupPagePermission.objects.create(group=editors, page=news_index, permission_type="publish")
    run()
    assert not GroupPagePermission.objects.filter(
        group=editors, page=news_index, permission__codename="publish_page"
    ).exists()


def test_workflow_on_news_and_campaigns_in_every_locale(sections, locales):
    news_index = sections["news"][0]
    english_news = news_index.copy_for_translation(locales["en"], copy_parents=True)
    run()

    workflow = Workflow.objects.get(name="宣传稿件三审")
    tasks = [wt.task.specific for wt in workflow.workflow_tasks.order_by("sort_order")]
    assert [task.name for task in tasks] == ["初审", "复审", "终审"]
    assert [sorted(task.groups.values_list("name", flat=True)) for task in tasks] == [
        sorted(["宣传编辑", "宣传审核"]),
        ["宣传审核"],
        sorted(["分管领导", "站点管理员"]),
    ]
    assert [task.not_by_author for task in tasks] == [True, False, False]
    attached = set(WorkflowPage.objects.filter(workflow=workflow).values_list("page_id", flat=True))
    expected = set(NewsIndexPage.objects.values_list("pk", flat=True)) | set(
        CampaignIndexPage.objects.values_list("pk", flat=True)
    )
    assert english_news.pk in expected
    assert attached == expected
    for section in ("news", "campaigns"):
        assert sections[section][1].get_workflow() == workflow
    # Other sections keep whatever workflow they had; ours is not on them.
    assert sections["projects"][1].get_workflow() != workflow
    # English news pages are covered by the editors' permissions as well.
    assert GroupPagePermission.objects.filter(
        group__name="宣传编辑", page=english_news, permission__codename="change_page"
    ).exists()


def test_wagtail_default_groups_and_workflow_are_removed(home_page):
    """Wagtail's migrations leave "Moderators" able to publish from the root, with their own workflow."""
    from wagtail.models import Page, Task

    root = Page.get_first_root_node()
    assert Group.objects.filter(name__in=roles.WAGTAIL_DEFAULT_GROUPS).count() == 2
    assert root.get_workflow().name in roles.WAGTAIL_DEFAULT_WORKFLOW

    output = run()
    assert "Moderators" in output  # the deleted group, named in the command's report
    assert not Group.objects.filter(name__in=roles.WAGTAIL_DEFAULT_GROUPS).exists()
    assert (
        not GroupPagePermission.objects.filter(page=root)
        .exclude(group__name__in=[role.name for role in roles.ROLES])
        .exists()
    )
    default = Workflow.objects.get(name__in=roles.WAGTAIL_DEFAULT_WORKFLOW)
    assert not default.active and not default.workflow_pages.exists()
    assert not Task.objects.get(name__in=roles.WAGTAIL_DEFAULT_TASK).active
    assert Page.get_first_root_node().get_workflow() is None
    assert home_page.get_workflow() is None

    before = snapshot()
    run()  # idempotent: nothing left to remove, nothing else changes
    assert snapshot() == before
