"""Steps of the worker-recovery test, each run in its own process against a real database.

`python -m tests.frontend.publishing.worker_site setup|publish|state` with the settings and
DATABASE_URL, STATIC_SITE_DIR and MEDIA_ROOT of the test's own environment.
"""

import json
import sys

import django

# Enough that a kill after the tenth page lands in the middle of the batch.
PAGES = 50


def setup():
    """A home page, a news index and PAGES news items, then a full build."""
    from wagtail.models import Locale, Page

    from cms.core.factories import HomePageFactory, make_default_site
    from cms.publicity.factories import NewsIndexPageFactory, NewsPageFactory
    from frontend.publishing.builder import build_site

    Locale.objects.get_or_create(language_code="zh-hans")
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(slug="home")
    make_default_site(home)
    news_index = NewsIndexPageFactory(parent=home, show_in_menus=True, slug="news")
    for n in range(PAGES):
        NewsPageFactory(parent=news_index, title=f"温商回归项目签约 {n}", slug=f"signing-{n}")
    build_site(workers=1)


def publish():
    """Retitle and publish every news item in one transaction: one batch of PAGES changes."""
    from django.db import transaction

    from cms.publicity.models import NewsPage

    with transaction.atomic():
        for page in NewsPage.objects.order_by("pk"):
            page.title = f"{page.title}（更新）"
            page.save_revision().publish()


def state():
    """The publish rows by status, and the publish task rows by status, as JSON."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from frontend.models import StaticPublish
    from frontend.publishing.queue import publish_batch

    rows = StaticPublish.objects.values("status").annotate(n=Count("pk"))
    tasks = (
        DBTaskResult.objects.filter(task_path=publish_batch.module_path)
        .values("status")
        .annotate(n=Count("pk"))
    )
    print(
        json.dumps(
            {
                "publishes": {row["status"]: row["n"] for row in rows},
                "tasks": {row["status"]: row["n"] for row in tasks},
            }
        )
    )


if __name__ == "__main__":
    django.setup()
    {"setup": setup, "publish": publish, "state": state}[sys.argv[1]]()
