"""Benchmark the static builder against rendering one request at a time.

Without options it runs the whole benchmark: a demo database and a generated database of at
least 10,000 pages (kept under build/bench/ and reused), each measured in a subprocess:

- full build: pages per second (every live page in every locale, with its listing pages,
  API JSON, renditions, sitemap, feeds), using every core. On a fresh database the first
  build also generates every image rendition and share card; it is reported on its own
  and the build after it is the figure compared with the baseline, which runs warm too;
- baseline: the same pages and listing pages requested through Django's test client one at
  a time, the way wagtail-bakery and django-bakery build (responses are not written to disk,
  which favours the baseline);
- publish-to-file latency: an edited page is published and the time until its file and its
  listing hold the new title is taken (median of several publishes), with the task run at once;
- a menu page's publish as the editor sees it: the publish returns once its change is queued
  (median seconds), then the background worker re-renders every page (seconds, and pages/s).
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client, override_settings

BENCH_DIR = Path(settings.BASE_DIR) / "build" / "bench"


class Command(BaseCommand):
    help = "静态站点生成基准测试 (benchmark the static builder against the one-request baseline)."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=10_000, help="generated site size")
        parser.add_argument("--workers", type=int, default=0, help="render processes (0: cores)")
        parser.add_argument("--publishes", type=int, default=5, help="publishes to time")
        parser.add_argument(
            "--baseline-limit",
            type=int,
            default=1000,
            help="on the generated site, time the baseline on N pages spread evenly over it "
            "(0: all of them; the demo site is always timed in full)",
        )
        parser.add_argument("--only", choices=["demo", "generated"], help="run one size")
        parser.add_argument("--measure", metavar="LABEL", help=argparse_hidden())
        parser.add_argument("--result", help=argparse_hidden())

    def handle(self, *args, **options):
        if options["measure"]:
            result = measure(options["measure"], options)
            Path(options["result"]).write_text(json.dumps(result))
            return
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        results = []
        sizes = ["demo", "generated"] if not options["only"] else [options["only"]]
        for label in sizes:
            env = self.prepare(label, options)
            result_file = BENCH_DIR / f"{label}.json"
            command = [sys.executable, "manage.py", "bench_site", "--measure", label]
            command += ["--result", str(result_file), "--workers", str(options["workers"])]
            command += ["--publishes", str(options["publishes"])]
            limit = options["baseline_limit"] if label == "generated" else 0
            command += ["--baseline-limit", str(limit)]
            self.stderr.write(f"== measuring {label} ==")
            subprocess.run(command, env=env, check=True, cwd=settings.BASE_DIR)  # noqa: S603
            results.append(json.loads(result_file.read_text()))
        self.stdout.write(table(results))

    def prepare(self, label, options):
        """A database and media directory for one size, created once and reused."""
        database = BENCH_DIR / f"{label}.sqlite3"
        media = BENCH_DIR / f"media-{label}"
        env = dict(os.environ)
        env.update(
            DATABASE_URL=f"sqlite:///{database}",
            MEDIA_ROOT=str(media),
            DJANGO_SETTINGS_MODULE="cms.settings.dev",
            DEBUG="0",
            PUBLISH_ON_SAVE="0",
        )
        manage = [sys.executable, "manage.py"]
        stamp = BENCH_DIR / f"{label}.ready"
        if stamp.exists() and database.exists():
            return env
        if label == "demo":
            run(manage + ["migrate", "--no-input", "-v0"], env)
            run(manage + ["load_demo"], env)
        else:
            demo_env = self.prepare("demo", options)
            shutil.copyfile(BENCH_DIR / "demo.sqlite3", database)
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(Path(demo_env["MEDIA_ROOT"]), media, copy_function=os.link)
            existing = count_pages(env)
            missing = max(0, options["pages"] - existing)
            if missing:
                # A collection-heavy mix, like the museum's growth: artifacts, news, people, projects.
                mix = {"artifacts": 0.7, "news": 0.15, "merchants": 0.1, "projects": 0.05}
                counts = [f"--{kind}={int(missing * share) + 1}" for kind, share in mix.items()]
                run(manage + ["generate_content", *counts], env)
        stamp.write_text("ok")
        return env


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS


def run(command, env):
    subprocess.run(command, env=env, check=True, cwd=settings.BASE_DIR)  # noqa: S603


def count_pages(env):
    code = (
        "from frontend.publishing.dependencies import publishable_pages;"
        "print(publishable_pages().count())"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", code],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    ).stdout
    return int(out.strip().splitlines()[-1])


# --- measurements, in the subprocess of one size -------------------------------------------


def measure(label, options):
    from frontend.publishing.builder import build_site
    from frontend.publishing.manifest import Manifest

    site_path = BENCH_DIR / label / "site"
    site_path.parent.mkdir(parents=True, exist_ok=True)
    cold = None
    with override_settings(STATIC_SITE_DIR=site_path, PUBLISH_ON_SAVE=False):
        if not site_path.exists():
            # The first build also generates every rendition and share card; the timed build
            # below, like the baseline after it, finds them made.
            cold = build_site(site_path, workers=options["workers"] or None)
        report = build_site(site_path, workers=options["workers"] or None)
    manifest = Manifest.load(site_path.resolve())
    outputs = sum(1 + len(entry.get("subpaths", [])) for entry in manifest.pages.values())
    baseline = measure_baseline(manifest, options["baseline_limit"])
    latency = measure_publish(site_path, options["publishes"])
    latency.update(measure_queued_menu_publish(site_path, options["publishes"]))
    return {
        "label": label,
        "pages": report.pages,
        "outputs": outputs,
        "files": report.files,
        "workers": report.workers,
        "build_seconds": report.seconds,
        "render_seconds": report.render_seconds,
        "pages_per_second": report.pages / report.seconds,
        "cold_build_seconds": cold.seconds if cold else None,
        "outputs_per_second": outputs / report.seconds,
        **baseline,
        **latency,
    }


def measure_baseline(manifest, limit):
    """The same outputs through the test client, one request at a time.

    For each page: its HTML, its listing pages and its API JSON, as a one-request-at-a-time
    exporter would fetch them to publish the same site. On a large site `limit` pages spread
    evenly over it are timed.
    """
    client = Client(HTTP_HOST=default_host())
    entries = sorted(manifest.pages.values(), key=lambda e: e["url"])
    if limit and limit < len(entries):
        stride = len(entries) / limit
        entries = [entries[int(i * stride)] for i in range(limit)]
    requests = 0
    started = time.perf_counter()
    for entry in entries:
        urls = [entry["url"] + subpath for subpath in [""] + entry.get("subpaths", [])]
        urls.append(f"/api/v2/pages/{entry['id']}/")
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            requests += 1
    seconds = time.perf_counter() - started
    return {
        "baseline_pages": len(entries),
        "baseline_requests": requests,
        "baseline_seconds": seconds,
        "baseline_pages_per_second": len(entries) / seconds,
    }


def default_host():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "localhost"
    return site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"


def measure_publish(site_path, publishes):
    """Seconds from pressing publish to the page and its listing holding the new title."""
    from cms.publicity.models import NewsPage
    from frontend.publishing import dependencies

    root = site_path.resolve()
    timings = {}
    candidates = {
        "news": NewsPage.objects.live().order_by("-date").first(),
    }
    from museum.models import ArtifactPage

    candidates["artifact"] = ArtifactPage.objects.live().order_by("path").last()
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(STATIC_SITE_DIR=site_path, PUBLISH_ON_SAVE=True, TASKS=immediate):
        for kind, page in candidates.items():
            if page is None:
                continue
            samples = []
            original = page.title
            parent = page.get_parent().specific
            for n in range(publishes):
                page.title = f"{original}（第{n + 1}次修订）"
                revision = page.save_revision()
                started = time.perf_counter()
                with transaction.atomic():
                    revision.publish()
                samples.append(time.perf_counter() - started)
                html = (root / dependencies.page_file(page.url)).read_text("utf-8")
                if page.title not in html:
                    raise CommandError(f"{page.url} was not updated by publishing")
            page.title = original
            with transaction.atomic():
                page.save_revision().publish()
            listing = root / dependencies.page_file(parent.url)
            if not listing.is_file():
                raise CommandError(f"listing {parent.url} missing after publishing")
            timings[f"publish_{kind}_seconds"] = statistics.median(samples)
    return timings


def measure_queued_menu_publish(site_path, publishes):
    """A menu page's publish: the editor's wait (queueing) and the worker's re-render after."""
    from django_tasks_db.management.commands.db_worker import Worker
    from wagtail.models import Page

    from frontend.publishing import dependencies

    page = Page.objects.live().filter(show_in_menus=True, depth=3).order_by("path").first()
    if page is None:
        return {}
    page = page.specific
    home = page.get_parent().specific
    root = site_path.resolve()
    database = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    original = page.title
    requests, renders = [], []
    with override_settings(STATIC_SITE_DIR=site_path, PUBLISH_ON_SAVE=True, TASKS=database):
        for n in range(publishes + 1):
            page.title = original if n == publishes else f"{original}（第{n + 1}次修订）"
            revision = page.save_revision()
            started = time.perf_counter()
            with transaction.atomic():
                revision.publish()
            requests.append(time.perf_counter() - started)
            started = time.perf_counter()
            Worker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="bench",
                excluded_queue_names=[],
            ).run()
            renders.append(time.perf_counter() - started)
            html = (root / dependencies.page_file(home.url)).read_text("utf-8")
            if page.title not in html:
                raise CommandError(f"the menu on {home.url} was not updated by the worker")
    pages = dependencies.publishable_pages().count()
    return {
        "publish_menu_request_seconds": statistics.median(requests),
        "publish_menu_worker_seconds": statistics.median(renders),
        "publish_menu_worker_pages_per_second": pages / statistics.median(renders),
    }


def table(results):
    rows = [
        ("pages (live, all locales)", "pages", "{:,}"),
        ("outputs (pages + listing pages)", "outputs", "{:,}"),
        ("render processes", "workers", "{}"),
        ("first build incl. renditions, s", "cold_build_seconds", "{:.1f}"),
        ("full build, seconds", "build_seconds", "{:.1f}"),
        ("full build, pages/s", "pages_per_second", "{:.1f}"),
        ("full build, outputs/s", "outputs_per_second", "{:.1f}"),
        ("baseline pages timed (HTML, listing pages, JSON)", "baseline_pages", "{:,}"),
        ("baseline requests", "baseline_requests", "{:,}"),
        ("baseline (test client, 1 at a time), pages/s", "baseline_pages_per_second", "{:.1f}"),
        ("speed-up vs baseline", "ratio", "{:.2f}x"),
        ("publish news -> file, median s", "publish_news_seconds", "{:.3f}"),
        ("publish artifact -> file, median s", "publish_artifact_seconds", "{:.3f}"),
        ("publish menu page, editor waits, median s", "publish_menu_request_seconds", "{:.3f}"),
        ("  then the worker re-renders, median s", "publish_menu_worker_seconds", "{:.1f}"),
        ("  worker re-render, pages/s", "publish_menu_worker_pages_per_second", "{:.1f}"),
    ]
    for result in results:
        result["ratio"] = result["pages_per_second"] / result["baseline_pages_per_second"]
    labels = [r["label"] for r in results]
    width = max(len(name) for name, _key, _fmt in rows) + 2
    lines = ["".join([f"{'':<{width}}"] + [f"{label:>14}" for label in labels])]
    for name, key, fmt in rows:
        cells = [fmt.format(r[key]) if r.get(key) is not None else "-" for r in results]
        lines.append("".join([f"{name:<{width}}"] + [f"{cell:>14}" for cell in cells]))
    return "\n".join(lines) + "\n"
