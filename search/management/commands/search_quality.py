"""Score the labelled queries: this project's search beside plain Wagtail database search and a
bigram-OR baseline of the same pages, measured in the same run.

Without `--set`, the demo-style corpus and its queries (tests/search/corpus.json and
queries.json). With `--set PATH`, a set of documents and queries (the format of
tests/search/devset.json): its documents are published as news pages, beside the demo site when
`--with-demo` is given. Everything is built inside a transaction that is rolled back, so the
database and its index are left as they were.
"""

import json
import logging

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.core.models import HomePage
from search import interface, quality

ENGINES = [
    ("ours", "this project"),
    ("wagtail", "Wagtail database search"),
    ("bigram_or", "bigram OR"),
]
METRICS = [("recall_at_10", "recall@10"), ("mrr", "MRR@10"), ("ndcg_at_10", "nDCG@10")]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "搜索质量：标注查询集的 recall@10、MRR@10、nDCG@10 与零结果数 (search quality on a labelled set)"

    def add_arguments(self, parser):
        parser.add_argument("--corpus", default=str(quality.DEFAULT_CORPUS))
        parser.add_argument("--queries", default=str(quality.DEFAULT_QUERIES))
        parser.add_argument(
            "--set",
            dest="set_path",
            metavar="PATH",
            help="a set of documents and queries (format of tests/search/devset.json)",
        )
        parser.add_argument(
            "--with-demo",
            action="store_true",
            help="with --set: load the demo site and put the set's documents beside its pages",
        )
        parser.add_argument("--per-query", action="store_true", help="print every query's scores")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, corpus, queries, set_path, with_demo, per_query, json, **options):
        if options["verbosity"] < 2:
            # Per-page publish and task messages would bury the report.
            for name in ("wagtail", "django_tasks"):
                logging.getLogger(name).setLevel(logging.WARNING)
        if with_demo and not set_path:
            raise CommandError("--with-demo needs --set PATH.")
        try:
            spec = quality.load(set_path) if set_path else None
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read the set {set_path}: {exc}") from exc
        try:
            with transaction.atomic():
                if spec is not None:
                    home = self.demo_home() if with_demo else self.fresh_home()
                    report = quality.compare_set(home, spec, with_demo=with_demo)
                else:
                    report = quality.compare(
                        self.fresh_home(), quality.load(corpus), quality.load(queries)["queries"]
                    )
                report.pop("pages")
                if json:
                    self.print_json(report)
                else:
                    self.print_report(report, per_query)
                raise Rollback
        except Rollback:
            pass

    def fresh_home(self):
        Locale.objects.get_or_create(language_code="zh-hans")
        home = HomePage(title="搜索质量评测", slug="search-quality-home")
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        Site.objects.create(hostname="search-quality.invalid", port=80, root_page=home)
        return home

    def demo_home(self):
        call_command("load_demo", skip_index=True, verbosity=0, stdout=self.stderr)
        return Site.objects.get(is_default_site=True).root_page.specific

    def print_json(self, report):
        data = {"backend": interface.backend_name(), **report}
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))

    def print_report(self, report, per_query):
        ours = report["ours"]
        self.stdout.write(f"Queries: {ours['queries']}; backend: {interface.backend_name()}")
        header = "".join(f"{label:>11}" for _key, label in METRICS) + f"{'zero':>6}"
        self.stdout.write(f"{'':26}{header}")
        for kind in [None, *sorted(ours["kinds"])]:
            if kind is not None:
                count = ours["kinds"][kind]["queries"]
                self.stdout.write(f"{kind} ({count})")
            for key, label in ENGINES:
                figures = report[key] if kind is None else report[key]["kinds"][kind]
                values = "".join(f"{figures[m]:>11.3f}" for m, _label in METRICS)
                self.stdout.write(f"  {label:24}{values}{figures['zero_results']:>6}")
        if per_query:
            rows = zip(*(report[key]["rows"] for key, _label in ENGINES), strict=True)
            for mine, theirs, naive in rows:
                self.stdout.write(
                    f"  [{mine['kind']}] {mine['q']}: ours {mine['recall']:.2f}/{mine['rr']:.2f} "
                    f"top {mine['top']}  wagtail {theirs['recall']:.2f}/{theirs['rr']:.2f}  "
                    f"bigram {naive['recall']:.2f}/{naive['rr']:.2f}"
                )
