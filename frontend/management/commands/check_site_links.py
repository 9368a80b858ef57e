"""Check that every internal link, image and asset of the built site resolves to a file."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frontend.publishing.linkcheck import check_links


class Command(BaseCommand):
    help = "检查静态网站的内部链接、图片与资源是否都存在 (check internal links of the build)."

    def add_arguments(self, parser):
        parser.add_argument("--site", help="站点目录，默认 STATIC_SITE_DIR / the built site")

    def handle(self, *args, site=None, **options):
        root = Path(site or settings.STATIC_SITE_DIR)
        if not root.exists():
            raise CommandError(
                f"找不到静态网站 {root}，请先运行 build_site。 (No site at {root}; run build_site.)"
            )
        problems, checked = check_links(root)
        for problem in problems:
            self.stderr.write(f"  {problem}")
        if problems:
            raise CommandError(
                f"{len(problems)} 个链接无法解析（共检查 {checked} 个）。"
                f" ({len(problems)} of {checked} references do not resolve.)"
            )
        self.stdout.write(
            self.style.SUCCESS(f"全部 {checked} 个内部链接均有效。 (All {checked} resolve.)")
        )
