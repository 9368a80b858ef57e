"""generate_content writes valid, live, renderable pages in bulk, and --clear removes exactly them."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from cms.projects.models import ProjectIndexPage, ProjectPage, ProjectProgressUpdate
from cms.publicity.models import NewsIndexPage, NewsPage
from museum.models import (
    ArtifactImage,
    ArtifactPage,
    CollectionIndexPage,
    MerchantBusinessLocation,
    MerchantHistoryPage,
    MerchantIndexPage,
    MuseumPage,
)

NO_PROBLEMS = ([], [], [], [], [])
CJK = re.compile(r"[\u4e00-\u9fff]{2,}")


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def indexes(home_page, locales):
    museum = publish_child(home_page, MuseumPage(title="世界温商博物馆", slug="museum"))
    return {
        "artifacts": publish_child(museum, CollectionIndexPage(title="馆藏", slug="collection")),
        "merchants": publish_child(museum, MerchantIndexPage(title="温商人物", slug="merchants")),
        "news": publish_child(home_page, NewsIndexPage(title="新闻", slug="news")),
        "projects": publish_child(home_page, ProjectIndexPage(title="招商项目", slug="projects")),
    }


@pytest.fixture
def editor_news(indexes):
    """A page an editor made, whose slug merely starts like a generated one."""
    return publish_child(
        indexes["news"],
        NewsPage(
            title="编辑撰写的新闻",
            slug="generated-by-editor",
            date="2026-01-05",
            body=[{"type": "paragraph", "value": "<p>温商回归</p>"}],
        ),
    )


def generate(**counts):
    call_command("generate_content", batch_size=7, verbosity=0, **counts)


def test_generated_pages_form_a_valid_live_tree(indexes, client):
    generate(artifacts=30, news=20, merchants=10, projects=12)

    assert Page.find_problems() == NO_PROBLEMS
    expected = {
        "artifacts": (ArtifactPage, 30),
        "news": (NewsPage, 20),
        "merchants": (MerchantHistoryPage, 10),
        "projects": (ProjectPage, 12),
    }
    for key, (model, count) in expected.items():
        parent = Page.objects.get(pk=indexes[key].pk)
        children = model.objects.child_of(parent)
        assert children.count() == count
        assert parent.numchild == count
        assert children.filter(live=True, slug__startswith="gen-").count() == count
        for page in children:
            assert page.url_path == f"{parent.url_path}{page.slug}/"
            assert page.locale_id == parent.locale_id
            assert page.first_published_at and CJK.search(page.title)
        # Each page renders at its URL like any page an editor made.
        sample = children.order_by("?").first()
        response = client.get(sample.get_url())
        assert response.status_code == 200
        assert sample.title in response.content.decode()

    assert ArtifactImage.objects.filter(artifact__slug__startswith="gen-").count() == 30
    assert MerchantBusinessLocation.objects.count() == 20
    assert ProjectProgressUpdate.objects.count() == 12
    assert len(set(Page.objects.values_list("translation_key", flat=True))) == Page.objects.count()

    response = client.get("/api/v2/pages/?type=museum.ArtifactPage&limit=1")
    assert response.json()["meta"]["total_count"] == 30


def test_generated_pages_are_editable_without_revisions(indexes, client):
    generate(news=2)
    page = NewsPage.objects.get(slug="gen-news-000001")
    assert page.latest_revision is None
    admin = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(admin)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_generation_continues_after_existing_children(editor_news, indexes):
    generate(news=3)
    generate(news=4)
    children = NewsPage.objects.child_of(indexes["news"]).order_by("path")
    assert [p.slug for p in children] == ["generated-by-editor"] + [
        f"gen-news-{n:06d}" for n in range(1, 8)
    ]
    assert Page.find_problems() == NO_PROBLEMS


def test_clear_removes_exactly_the_generated_pages(editor_news, indexes):
    generate(artifacts=9, news=5, merchants=4, projects=3)
    before_images = ArtifactImage.objects.count()
    assert before_images == 9

    call_command("generate_content", "--clear", verbosity=0)

    assert not Page.objects.filter(slug__startswith="gen-").exists()
    assert list(NewsPage.objects.values_list("slug", flat=True)) == ["generated-by-editor"]
    assert ArtifactImage.objects.count() == 0
    assert MerchantBusinessLocation.objects.count() == 0
    for key, remaining in (("artifacts", 0), ("news", 1), ("merchants", 0), ("projects", 0)):
        assert Page.objects.get(pk=indexes[key].pk).numchild == remaining
    assert Page.find_problems() == NO_PROBLEMS

    # After a clear, generation starts again from the beginning.
    generate(news=1)
    assert NewsPage.objects.filter(slug="gen-news-000001").exists()


def test_missing_index_page_is_a_clear_error_and_changes_nothing(home_page):
    before = Page.objects.count()
    with pytest.raises(CommandError, match="load_demo"):
        generate(artifacts=5)
    assert Page.objects.count() == before


@pytest.mark.parametrize("arguments", [{}, {"news": -1}, {"news": 1, "batch_size": 0}])
def test_bad_arguments_are_refused(indexes, arguments):
    before = Page.objects.count()
    options = {"batch_size": 7, **arguments}
    with pytest.raises(CommandError):
        call_command("generate_content", verbosity=0, **options)
    assert Page.objects.count() == before
