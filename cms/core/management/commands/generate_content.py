"""Bulk-generate pages for benchmarks (static publishing, search), or remove them again."""

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from cms.core.demo import bulk


class Command(BaseCommand):
    help = (
        "批量生成用于性能测试的页面（藏品、新闻、温商人物、招商项目），或用 --clear 删除它们。"
        "需先运行 load_demo。"
    )

    def add_arguments(self, parser):
        for name, label in (
            ("artifacts", "藏品"),
            ("news", "新闻"),
            ("merchants", "温商人物"),
            ("projects", "招商项目"),
        ):
            parser.add_argument(
                f"--{name}",
                type=int,
                default=0,
                metavar="N",
                help=f"生成 N 个{label}页面（generate N {name} pages）",
            )
        parser.add_argument(
            "--clear",
            action="store_true",
            help="先删除所有已生成的页面（slug 以 gen- 开头）；不带数量时只删除",
        )
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="每批插入的页面数（default 1000）"
        )
        parser.add_argument("--seed", type=int, default=2026, help="随机种子（default 2026）")

    def handle(self, *args, **options):
        counts = {name: options[name] for name in bulk.KINDS}
        bad = [name for name, n in counts.items() if n < 0]
        if bad:
            raise CommandError(f"数量不能为负数：{', '.join(bad)} / counts must not be negative")
        if options["batch_size"] < 1:
            raise CommandError(
                "--batch-size 必须是正整数 / --batch-size must be a positive integer"
            )
        if not options["clear"] and not any(counts.values()):
            raise CommandError(
                "请至少指定一种数量，例如 --artifacts 1000，或使用 --clear。"
                " / Give at least one count, e.g. --artifacts 1000, or --clear."
            )

        if options["verbosity"] < 2:
            for name in ("wagtail", "django_tasks"):
                logging.getLogger(name).setLevel(logging.WARNING)
        # Every index page must exist before anything is written, so a bad call changes nothing.
        locale = Locale.objects.get(language_code="zh-hans")
        for name, count in counts.items():
            if count:
                try:
                    bulk.find_parent(bulk.KINDS[name], locale)
                except bulk.MissingParentError as error:
                    raise CommandError(
                        f"找不到“{error}”栏目页，请先运行 load_demo。 / The index page for {name} "
                        "does not exist; run load_demo first."
                    ) from error

        if options["clear"]:
            started = time.monotonic()
            removed = bulk.clear(list(bulk.KINDS))
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"已删除生成的页面 / removed generated pages: {removed}（{elapsed:.1f}s）"
            )

        generator = bulk.ContentGenerator(seed=options["seed"], batch_size=options["batch_size"])
        total, total_time, total_cpu = 0, 0.0, 0.0
        for name, count in counts.items():
            if not count:
                continue
            started, cpu = time.monotonic(), time.process_time()
            generator.generate(name, count)
            elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
            total += count
            total_time += elapsed
            total_cpu += cpu
            self.stdout.write(
                f"{name}: {count} 页 / pages in {elapsed:.1f}s "
                f"({count / elapsed:,.0f} 页/秒 pages/s; CPU {cpu:.1f}s)"
            )
        if total:
            # CPU time of this process shows the generator's own cost when the machine is busy.
            self.stdout.write(
                self.style.SUCCESS(
                    f"共生成 {total} 页，用时 {total_time:.1f}s，{total / total_time:,.0f} 页/秒 "
                    f"/ generated {total} pages in {total_time:.1f}s, {total / total_time:,.0f} pages/s "
                    f"(CPU {total_cpu:.1f}s, {total / max(total_cpu, 1e-9):,.0f} pages per CPU second)"
                )
            )
            self.stdout.write(
                "生成的页面未写入搜索索引；需要时运行搜索索引重建命令。"
                " / Generated pages are not in the search index; rebuild it when needed."
            )
