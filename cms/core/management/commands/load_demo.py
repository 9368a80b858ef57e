"""Build the demo site from the merchant homecoming policy (idempotent).

Every page, image and document is keyed on a stable slug, code or title, so a second run
finds what the first one made and creates nothing. Pages made by ``generate_content``
are left alone.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.core.demo.builder import DemoBuilder, deferred_indexing, page_counts
from cms.projects.demo import add_platform_pages
from museum.donations.demo import add_donation_page


class Command(BaseCommand):
    help = (
        "载入演示内容：展厅、展项、藏品、温商人物、商会、招商项目、考察、宣传与新闻（可重复运行）"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-index",
            action="store_true",
            help="不在结束时更新搜索索引（Skip the search index update）",
        )

    def handle(self, *args, **options):
        if options["verbosity"] < 2:
            # Per-page publish and task messages would bury the summary.
            for name in ("wagtail", "django_tasks"):
                logging.getLogger(name).setLevel(logging.WARNING)
        started = time.monotonic()
        with transaction.atomic():
            builder = DemoBuilder()
            with deferred_indexing():
                created = builder.build()
                add_platform_pages(builder)
                add_donation_page(builder)
            builder.finish()
        built = time.monotonic() - started
        if not options["skip_index"]:
            call_command("update_index", verbosity=0)
            call_command("search_index", "rebuild", verbosity=0)
        total = time.monotonic() - started

        self.stdout.write(
            self.style.SUCCESS(
                f"演示内容已就绪 / demo content ready: 新建 {sum(created.values())} 个页面与译文，"
                f"{builder.images.created} 张图片；用时 {built:.1f}s（含索引 {total:.1f}s）"
            )
        )
        if created:
            self.stdout.write(
                "新建 / created: " + ", ".join(f"{k} {v}" for k, v in sorted(created.items()))
            )
        self.stdout.write(f"{'类型 / type':<34}{'中文':>6}{'English':>9}{'live':>7}")
        for label, row in sorted(page_counts().items()):
            if row["zh-hans"] or row["en"]:
                self.stdout.write(f"{label:<34}{row['zh-hans']:>6}{row['en']:>9}{row['live']:>7}")
