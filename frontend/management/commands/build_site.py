"""Render the whole public site as static files and swap it in atomically."""

import sys

from django.core.management.base import BaseCommand
from wagtail.models import Site

from cms.core.sites import address_mismatch
from frontend.publishing.builder import build_site


class Command(BaseCommand):
    help = "把所有已发布页面渲染为静态网站并原子切换 (build the static site and swap it in)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="站点路径（符号链接），默认 STATIC_SITE_DIR / the site symlink, "
            "each build goes to a sibling directory",
        )
        parser.add_argument(
            "--workers", type=int, default=0, help="渲染进程数，默认每核一个 / render processes"
        )

    def handle(self, *args, output=None, workers=0, **options):
        verbosity = options["verbosity"]

        def progress(done, total):
            if verbosity > 1 and (done == total or done % 200 < 40):
                self.stderr.write(f"  {done}/{total}")

        mismatch = address_mismatch(Site.objects.filter(is_default_site=True).first())
        if mismatch:
            self.stderr.write(self.style.WARNING(mismatch))
        report = build_site(output, workers=workers or None, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"已生成 {report.pages} 个页面、{report.files} 个文件 -> {report.directory} "
                f"({report.seconds:.1f}s wall, {report.pages_per_second:.1f} pages/s wall time, "
                f"{report.workers} worker(s))"
            )
        )
        sys.stdout.flush()
