"""The full build: render everything into a fresh directory, then swap it in at once.

`site` is a symlink to `site.<timestamp>`; a new build is written to a sibling directory
and the symlink is replaced with `os.replace` on a temporary symlink, so a web server
sees either the old site or the new one. A build that fails or is killed before the swap
leaves the previous site serving; its half-written directory is removed (or, after a
kill, by the next build). Full builds of one site take turns (the "build" lock in the
database), so one never deletes another's half-written directory.
"""

import logging
import multiprocessing
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles.finders import get_finders
from django.db import connection, connections
from django.utils import timezone
from wagtail.models import Locale, Page

from . import dependencies, extras, upload, writer
from .locks import site_lock
from .manifest import Manifest, remove_build_metadata
from .renderer import STATIC_DIR, Renderer, static_storage

logger = logging.getLogger(__name__)

KEEP_PREVIOUS_BUILDS = 1
CHUNK_SIZE = 40


@dataclass
class BuildReport:
    directory: Path = None
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    workers: int = 1
    render_seconds: float = 0.0
    written: list = field(default_factory=list)

    @property
    def pages_per_second(self):
        """Pages over the build's wall time (static files, pages, generated files, swap)."""
        return self.pages / self.seconds if self.seconds else 0.0


# --- locking and the symlink switch -------------------------------------------------------


def current_build(site_path):
    """The directory the site serves, or None before the first build."""
    site_path = Path(site_path)
    if not site_path.exists():
        return None
    return site_path.resolve()


def swap_in(site_path, build_dir):
    """Point `site_path` at `build_dir` with a single rename of a symlink."""
    site_path = Path(site_path)
    if site_path.exists() and not site_path.is_symlink():
        # A plain directory from elsewhere: move it aside once so the symlink can take over.
        site_path.rename(site_path.with_name(f"{site_path.name}.previous-{int(time.time())}"))
    temporary = site_path.with_name(f".{site_path.name}.swap-{os.getpid()}")
    if temporary.is_symlink():
        temporary.unlink()
    os.symlink(build_dir.name, temporary)
    os.replace(temporary, site_path)


def prune_old_builds(site_path, keep):
    """Remove builds other than the serving one and the `keep` newest before it."""
    site_path = Path(site_path)
    serving = current_build(site_path)
    builds = sorted(
        (
            p
            for p in site_path.parent.glob(f"{site_path.name}.*")
            if p.is_dir() and not p.is_symlink()
        ),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    kept = 0
    for build in builds:
        if build == serving:
            continue
        if build.name.endswith(".partial") or kept >= keep:
            shutil.rmtree(build, ignore_errors=True)
            remove_build_metadata(build)
        else:
            kept += 1
    # Metadata of builds removed by hand or by a killed run.
    for metadata in site_path.parent.glob(f".{site_path.name}.*.manifest.json"):
        build = metadata.with_name(metadata.name[1 : -len(".manifest.json")])
        if not build.is_dir():
            metadata.unlink(missing_ok=True)


# --- static assets ------------------------------------------------------------------------


def public_static_apps():
    """The project's own apps; third-party static (the admin's, Wagtail's) stays out."""
    base = Path(settings.BASE_DIR).resolve()
    names = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.parts:
            names.add(config.name)
    return names


def collect_static(root):
    """Copy the public apps' static files into the build and hash their names."""
    from django.contrib.staticfiles.finders import AppDirectoriesFinder, FileSystemFinder

    public = public_static_apps()
    found = {}
    for finder in get_finders():
        if isinstance(finder, AppDirectoriesFinder):
            for app, storage in finder.storages.items():
                if app in public:
                    for path in _list_storage(storage):
                        found.setdefault(path, storage)
        elif isinstance(finder, FileSystemFinder):
            for path, storage in finder.list(["CVS", ".*", "*~"]):
                found.setdefault(path, storage)
    target = static_storage(root)
    for path, source in found.items():
        with source.open(path) as handle:
            writer.write_bytes(root, f"{STATIC_DIR}/{path}", handle.read())
    paths = {path: (target, path) for path in found}
    for _original, _processed, error in target.post_process(paths):
        if isinstance(error, Exception):
            raise error
    # Pages name the hashed copies only; an unhashed one would be served under a name whose
    # content changes, which no cache header can make safe.
    for original, hashed in target.hashed_files.items():
        if hashed != original:
            writer.remove(root, f"{STATIC_DIR}/{original}")
    writer.compress_tree(writer.resolve(root, STATIC_DIR))
    return len(found)


def _list_storage(storage, directory=""):
    directories, files = storage.listdir(directory)
    for name in files:
        if name.startswith(".") or name.endswith("~"):
            continue
        yield f"{directory}/{name}" if directory else name
    for name in directories:
        yield from _list_storage(storage, f"{directory}/{name}" if directory else name)


def keep_unchanged_mtimes(previous, build_dir):
    """Give files whose bytes equal the previous build's its modification time.

    A full build writes every file anew; without this every ETag and Last-Modified would
    move with each build and a CDN or browser would fetch the whole site again.
    """
    if previous is None or not previous.is_dir():
        return 0
    kept = 0
    for path in build_dir.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        old = previous / path.relative_to(build_dir)
        try:
            old_stat, new_stat = old.stat(), path.stat()
            if old_stat.st_mtime_ns == new_stat.st_mtime_ns or old_stat.st_size != new_stat.st_size:
                continue
            if old.read_bytes() != path.read_bytes():
                continue
            os.utime(path, ns=(old_stat.st_atime_ns, old_stat.st_mtime_ns))
            kept += 1
        except OSError:
            continue
    return kept


# --- rendering in workers -----------------------------------------------------------------


def _render_chunk(root, page_ids):
    """Render a share of the pages; returns their manifest entries and the files written."""
    renderer = Renderer(root)
    pages = (
        Page.objects.filter(pk__in=page_ids)
        .specific()
        .select_related("locale", for_specific_subqueries=True)
    )
    entries, files = [], 0
    for page in pages:
        entry, outputs = renderer.render_page(page)
        for name, content in outputs.items():
            writer.write_bytes(root, name, content)
            renderer.collect_assets(content)
            files += 1
        entries.append(entry)
    return entries, files


def _worker_init():
    # The parent closed its connections before forking; each worker opens its own.
    for conn in connections.all(initialized_only=True):
        conn.connection = None


def _worker_render(args):
    root, page_ids = args
    return _render_chunk(root, page_ids)


def worker_count(requested=None):
    if requested:
        return requested
    configured = getattr(settings, "STATIC_SITE_WORKERS", 0)
    return configured or os.cpu_count() or 1


def listing_page_ids(page_ids):
    """Pages with listing subpaths: the longest to render, so they are handed out first."""
    heavy = set()
    for content_type in ContentType.objects.filter(
        pk__in=Page.objects.filter(pk__in=page_ids).values("content_type").distinct()
    ):
        model = content_type.model_class()
        if model is not None and hasattr(model, "get_static_subpaths"):
            heavy.update(
                Page.objects.filter(pk__in=page_ids, content_type=content_type).values_list(
                    "pk", flat=True
                )
            )
    return heavy


def render_pages(root, page_ids, workers, progress=None):
    # Listing pages go first, one per share, so no process is left with a long one at the
    # end; small shares of the rest keep both processes busy, large ones save round trips.
    heavy = listing_page_ids(page_ids) if workers > 1 else set()
    light = [pk for pk in page_ids if pk not in heavy]
    size = max(1, min(CHUNK_SIZE, len(light) // (max(workers, 1) * 4)))
    chunks = [[pk] for pk in page_ids if pk in heavy]
    chunks += [light[i : i + size] for i in range(0, len(light), size)]
    entries, files = [], 0
    if workers > 1 and connection.in_atomic_block:
        logger.info("Rendering in one process: the caller holds a transaction workers cannot see.")
        workers = 1
    if workers <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            chunk_entries, chunk_files = _render_chunk(root, chunk)
            entries += chunk_entries
            files += chunk_files
            if progress:
                progress(len(entries), len(page_ids))
        return entries, files, 1
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_worker_init) as pool:
        for chunk_entries, chunk_files in pool.imap_unordered(
            _worker_render, [(root, chunk) for chunk in chunks]
        ):
            entries += chunk_entries
            files += chunk_files
            if progress:
                progress(len(entries), len(page_ids))
    return entries, files, workers


def write_generated(root, manifest, renderer):
    """Everything besides the pages: 404s, sitemap, robots, feeds, API listings, redirects."""
    language_codes = list(Locale.objects.values_list("language_code", flat=True))
    for language_code in language_codes:
        writer.write_bytes(
            root,
            dependencies.not_found_file(language_code),
            renderer.render_not_found(language_code),
        )
        for feed in dependencies.FEED_TYPES:
            extras.write_feed(root, feed, language_code)
    extras.write_sitemap(root, manifest)
    extras.write_robots(root)
    pairs = {(e["locale"], e["type"]) for e in manifest.pages.values()}
    for language_code, page_type in sorted(pairs):
        extras.write_api_listing(root, manifest, language_code, page_type)
    extras.write_api_indexes(root, manifest, language_codes)
    extras.write_redirects(root, manifest)
    extras.write_headers(root)


def build_site(site_path=None, workers=None, progress=None):
    """Render the whole site into a fresh directory and switch `site_path` to it.

    A second build of the same site waits for the first to finish.
    """
    with site_lock(site_path or settings.STATIC_SITE_DIR, purpose="build", timeout=None):
        return _build_site(site_path, workers, progress)


def _build_site(site_path=None, workers=None, progress=None):
    started = time.perf_counter()
    started_at = timezone.now()
    site_path = Path(site_path or settings.STATIC_SITE_DIR)
    if not site_path.is_absolute():
        site_path = Path.cwd() / site_path
    site_path.parent.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    build_dir = site_path.with_name(f"{site_path.name}.{stamp}.partial")
    build_dir.mkdir()
    report = BuildReport(workers=worker_count(workers))
    try:
        collect_static(build_dir)
        page_ids = list(
            dependencies.publishable_pages().order_by("path").values_list("pk", flat=True)
        )
        render_started = time.perf_counter()
        entries, files, report.workers = render_pages(build_dir, page_ids, report.workers, progress)
        report.render_seconds = time.perf_counter() - render_started
        manifest = Manifest({entry["id"]: entry for entry in entries})
        renderer = Renderer(build_dir)
        write_generated(build_dir, manifest, renderer)
        keep_unchanged_mtimes(current_build(site_path), build_dir)
        final_dir = site_path.with_name(f"{site_path.name}.{stamp}")
        build_dir.rename(final_dir)
        build_dir = final_dir
        manifest.save(final_dir)
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        remove_build_metadata(build_dir)
        raise
    with site_lock(site_path):
        previous = current_build(site_path)
        try:
            swap_in(site_path, final_dir)
        except BaseException:
            shutil.rmtree(final_dir, ignore_errors=True)
            remove_build_metadata(final_dir)
            raise
        # From here on `final_dir` is what the site serves: nothing may remove it. A failed
        # replay leaves the complete new build serving and is reported to the caller.
        # Pages published while this build rendered may have been rendered before the
        # change; bring them up to date before anyone else writes.
        from .publisher import replay_since

        replay_since(site_path, started_at)
        upload.after_publish(final_dir, previous=previous)
    prune_old_builds(site_path, KEEP_PREVIOUS_BUILDS)
    report.directory = final_dir
    report.pages = len(entries)
    report.files = files
    report.seconds = time.perf_counter() - started
    return report
