"""Benchmark of the configured search backend: indexing throughput and query latency.

Measures what is in the database. `--artifacts N` first asks the demo generator
(`manage.py generate_content --artifacts N`) for N more artifacts, e.g. 100000 on top of
`load_demo`. Not a test: it prints figures, it asserts nothing.
"""

import statistics
import time

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
        parser.add_argument("--artifacts", type=int, default=0, help="generate this many artifacts first")
        parser.add_argument("--rounds", type=int, default=20, help="times each workload query runs")
        parser.add_argument("--skip-rebuild", action="store_true")

    def handle(self, *args, artifacts, rounds, skip_rebuild, **options):
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
        queries = WORKLOAD + [(q["q"], {}) for q in quality.load(quality.DEFAULT_QUERIES)["queries"]]
        for q, filters in queries[:3]:
            interface.search(q, filters=filters)  # warm caches and the segmenter
        timings, totals = [], []
        for _ in range(rounds):
            for q, filters in queries:
                started = time.perf_counter()
                result = interface.search(q, filters=filters, lang="zh-hans")
                timings.append((time.perf_counter() - started) * 1000)
                totals.append(result.total)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[int(len(timings) * 0.95) - 1]
        self.stdout.write(
            f"Queries: {len(timings)} ({len(queries)} distinct x {rounds}); "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms; "
            f"mean hits {statistics.mean(totals):.0f}"
        )
        started = time.perf_counter()
        for _ in range(rounds):
            interface.suggest("wens", lang="zh-hans")
        self.stdout.write(f"Suggest: {(time.perf_counter() - started) * 1000 / rounds:.1f} ms mean")
