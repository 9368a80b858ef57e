"""Benchmark of the configured search backend: indexing throughput and query latency.

Measures what is in the database. `--artifacts N` first asks the demo generator
(`manage.py generate_content --artifacts N`) for N more artifacts, e.g. 100000 on top of
`load_demo`; `--documents N` asks for as many as the site needs to have N live pages (none when
it has them, so a rerun on the same database measures the same site). `--embedded` measures the
embedded backend whatever the settings say. The load average is printed before and after. Latency is reported for all queries and separately for broad ones (at least
`--broad` hits, e.g. 温州 on a generated corpus) and narrow ones, since the two are limited by
different costs. Not a test: it prints figures, it asserts nothing.
"""

import os
import statistics
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search import interface, quality
from search.models import IndexEntry

# Typical public queries: common and rare words, compounds, traditional, pinyin, English,
# with and without facet filters.
WORKLOAD = [
    ("温商", {}),
    ("温州", {}),
    ("纽扣", {}),
    ("博物馆", {}),
    ("溫商", {}),
    ("供销员 账本", {}),
    ("wenshang", {}),
    ("ws", {}),
    ("merchant", {}),
    ("温州", {"type": ["artifact"]}),
    ("温商", {"era": ["1980"]}),
    ("项目", {"stage": ["signed"]}),
]


class Command(BaseCommand):
    help = "搜索性能基准：索引吞吐量与查询延迟 (search benchmark)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--artifacts", type=int, default=0, help="generate this many artifacts first"
        )
        parser.add_argument("--rounds", type=int, default=20, help="times each workload query runs")
        parser.add_argument("--skip-rebuild", action="store_true")
        parser.add_argument(
            "--broad", type=int, default=1000, help="a query with at least this many hits is broad"
        )
        parser.add_argument("--per-query", action="store_true", help="print each query's figures")
        parser.add_argument(
            "--documents", type=int, default=0, help="generate artifacts up to this many pages"
        )
        parser.add_argument("--embedded", action="store_true", help="use the embedded backend")

    def handle(self, *args, artifacts, rounds, skip_rebuild, broad, per_query, **options):
        if options["embedded"]:
            settings.SEARCH_BACKEND = "embedded"
        if options["documents"]:
            from wagtail.models import Page

            artifacts += max(0, options["documents"] - Page.objects.live().count())
            if not artifacts:
                skip_rebuild = skip_rebuild or IndexEntry.objects.exists()
        self.stdout.write(_load("before"))
        if artifacts:
            try:
                call_command("generate_content", artifacts=artifacts, stdout=self.stdout)
            except CommandError as exc:
                raise CommandError(f"generate_content is needed for --artifacts: {exc}") from exc
        self.stdout.write(f"Backend: {interface.backend_name()} on {connection.vendor}")
        if not skip_rebuild:
            stats = interface.rebuild()
            rate = stats["documents"] / stats["seconds"] if stats["seconds"] else 0
            self.stdout.write(
                f"Indexing: {stats['documents']} documents in {stats['seconds']:.1f} s = "
                f"{rate:.0f} documents/s"
            )
        self.stdout.write(f"Index entries: {IndexEntry.objects.count()}")
        queries = WORKLOAD + [
            (q["q"], {}) for q in quality.load(quality.DEFAULT_QUERIES)["queries"]
        ]
        for q, filters in queries[:3]:
            interface.search(q, filters=filters)  # warm caches and the segmenter
        timings = {}  # (q, filters) -> [ms]
        totals = {}
        for _ in range(rounds):
            for q, filters in queries:
                started = time.perf_counter()
                result = interface.search(q, filters=filters, lang="zh-hans")
                key = (q, tuple(sorted((k, tuple(v)) for k, v in filters.items())))
                timings.setdefault(key, []).append((time.perf_counter() - started) * 1000)
                totals[key] = (result.total, getattr(result, "total_is_estimate", False))
        every = sorted(ms for runs in timings.values() for ms in runs)
        self.stdout.write(
            f"Queries: {len(every)} ({len(timings)} distinct x {rounds}); "
            + _figures(every)
            + f"; mean hits {statistics.mean(t for t, _ in totals.values()):.0f}"
        )
        for label, keys in (
            (f"broad (>= {broad} hits)", [k for k in timings if totals[k][0] >= broad]),
            ("narrow", [k for k in timings if totals[k][0] < broad]),
        ):
            runs = sorted(ms for k in keys for ms in timings[k])
            if runs:
                self.stdout.write(f"  {label}: {len(keys)} distinct; " + _figures(runs))
        if per_query:
            for key, runs in sorted(timings.items(), key=lambda kv: -statistics.median(kv[1])):
                total, estimate = totals[key]
                self.stdout.write(
                    f"  {statistics.median(runs):8.1f} ms  {total}{'+' if estimate else ''} hits  "
                    f"{key[0]} {dict(key[1]) or ''}"
                )
        started = time.perf_counter()
        for _ in range(rounds):
            interface.suggest("wens", lang="zh-hans")
        self.stdout.write(f"Suggest: {(time.perf_counter() - started) * 1000 / rounds:.1f} ms mean")
        self.stdout.write(_load("after"))


def _load(when):
    one, five, fifteen = os.getloadavg()
    return f"Load average {when}: {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


def _figures(runs):
    """p50, p95 and max of sorted timings in ms."""
    p95 = runs[max(0, int(len(runs) * 0.95) - 1)]
    return f"p50 {statistics.median(runs):.1f} ms, p95 {p95:.1f} ms, max {runs[-1]:.1f} ms"
