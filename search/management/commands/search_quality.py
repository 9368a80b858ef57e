"""Print recall@10 and MRR of the labelled query set for this project's search and for plain
Wagtail database search of the same pages, measured in the same run.

The corpus is built inside a transaction that is rolled back, so the database is left as it was.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.core.models import HomePage
from search import interface, quality


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "搜索质量：标注查询集的 recall@10 与 MRR (search quality on the labelled query set)"

    def add_arguments(self, parser):
        parser.add_argument("--corpus", default=str(quality.DEFAULT_CORPUS))
        parser.add_argument("--queries", default=str(quality.DEFAULT_QUERIES))
        parser.add_argument("--per-query", action="store_true", help="print every query's scores")

    def handle(self, *args, corpus, queries, per_query, **options):
        try:
            with transaction.atomic():
                Locale.objects.get_or_create(language_code="zh-hans")
                home = HomePage(title="搜索质量评测", slug="search-quality-home")
                Page.get_first_root_node().add_child(instance=home)
                home.save_revision().publish()
                Site.objects.create(hostname="search-quality.invalid", port=80, root_page=home)
                report = quality.compare(
                    home, quality.load(corpus), quality.load(queries)["queries"]
                )
                self.print_report(report, per_query)
                raise Rollback
        except Rollback:
            pass

    def print_report(self, report, per_query):
        ours, wagtail = report["ours"], report["wagtail"]
        self.stdout.write(f"Queries: {len(ours['rows'])}; backend: {interface.backend_name()}")
        self.stdout.write(f"{'':24}{'recall@10':>10}{'MRR':>8}")
        self.stdout.write(f"{'this project':24}{ours['recall_at_10']:>10.3f}{ours['mrr']:>8.3f}")
        self.stdout.write(
            f"{'Wagtail database search':24}{wagtail['recall_at_10']:>10.3f}{wagtail['mrr']:>8.3f}"
        )
        kinds = sorted({r["kind"] for r in ours["rows"]})
        for kind in kinds:
            mine = [r for r in ours["rows"] if r["kind"] == kind]
            theirs = [r for r in wagtail["rows"] if r["kind"] == kind]
            self.stdout.write(
                f"  {kind:22}{sum(r['recall'] for r in mine) / len(mine):>10.3f}"
                f"{sum(r['rr'] for r in mine) / len(mine):>8.3f}   wagtail "
                f"{sum(r['recall'] for r in theirs) / len(theirs):.3f} "
                f"{sum(r['rr'] for r in theirs) / len(theirs):.3f}"
            )
        if per_query:
            for mine, theirs in zip(ours["rows"], wagtail["rows"], strict=True):
                self.stdout.write(
                    f"  {mine['q']:24} ours {mine['recall']:.2f}/{mine['rr']:.2f}  "
                    f"wagtail {theirs['recall']:.2f}/{theirs['rr']:.2f}"
                )
