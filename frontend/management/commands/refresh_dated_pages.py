"""Re-render the static pages whose content follows the date (the campaign and tour calendars).

A campaign moves from upcoming to running on its start date without anyone publishing
anything, so the pages that sort by today's date are re-rendered once a day (cron, just
after midnight) instead of rebuilding the whole site.
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page, get_page_models

from frontend.publishing.dependencies import Change
from frontend.publishing.publisher import publish_changes


def dated_pages():
    """Live public pages whose type sets ``static_refresh_daily``, in every locale."""
    models = [model for model in get_page_models() if getattr(model, "static_refresh_daily", False)]
    return list(Page.objects.live().public().exact_type(*models).order_by("path"))


class Command(BaseCommand):
    help = "重新生成随日期变化的静态页面（宣传活动与考察日历） / re-render the pages that follow the date"

    def handle(self, *args, **options):
        pages = dated_pages()
        report = publish_changes([Change("publish", page.pk) for page in pages])
        if report is None:
            raise CommandError(
                "尚无静态网站，请先运行 build_site / no static site yet: run build_site first"
            )
        self.stdout.write(
            f"已刷新 {len(pages)} 个页面：重写 {len(report.written)} 个文件，用时 {report.seconds:.2f}s "
            f"/ refreshed {len(pages)} pages: {len(report.written)} files rewritten"
        )
