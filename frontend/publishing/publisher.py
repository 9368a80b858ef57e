"""Incremental publishing: re-render only what a page change touches, file by file.

`dependencies.plan` says what to render and remove; this module does it inside the
serving build, under the site lock, each file written with a temporary file and a rename.
Without a build there is nothing to update: the first `build_site` creates the site.
"""

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale, Page

from frontend import share_cards

from . import dependencies, extras, upload, writer
from .builder import current_build
from .locks import site_lock
from .manifest import Manifest
from .renderer import Renderer

logger = logging.getLogger(__name__)

REPLAYED_ACTIONS = {
    "wagtail.publish": "publish",
    "wagtail.publish.scheduled": "publish",
    "wagtail.unpublish": "unpublish",
    "wagtail.unpublish.scheduled": "unpublish",
    "wagtail.move": "move",
    "wagtail.delete": "delete",
}


@dataclass
class PublishReport:
    rendered: set = field(default_factory=set)  # page ids rendered
    written: list = field(default_factory=list)  # files whose bytes changed
    removed: list = field(default_factory=list)  # files removed
    seconds: float = 0.0


def publish_changes(changes, site_path=None):
    """Apply a batch of `dependencies.Change`s to the serving build; None without a build."""
    site_path = Path(site_path or settings.STATIC_SITE_DIR)
    if current_build(site_path) is None:
        logger.info("No static site at %s yet; run `manage.py build_site` first.", site_path)
        return None
    with site_lock(site_path):
        root = current_build(site_path)
        report = _apply(root, list(changes))
        upload.after_publish(root, report.written + report.removed)
        return report


def publish_redirects(site_path=None):
    site_path = Path(site_path or settings.STATIC_SITE_DIR)
    if current_build(site_path) is None:
        return None
    with site_lock(site_path):
        root = current_build(site_path)
        manifest = Manifest.load(root)
        extras.write_redirects(root, manifest)
        manifest.save(root)
        upload.after_publish(root)
    return True


def _apply(root, changes):
    started = time.perf_counter()
    report = PublishReport()
    manifest = Manifest.load(root)
    plan = dependencies.plan(changes, manifest)
    renderer = Renderer(root)

    # Files that pages referenced before this run: removed at the end if none does now.
    released = set()
    for page_id in sorted(plan.remove):
        entry = manifest.pages.pop(page_id, None)
        if entry:
            for name in dependencies.page_outputs(entry):
                if writer.remove(root, name):
                    report.removed.append(name)
            released |= dependencies.page_assets(entry)
            # Its API listing and feeds, also when it leaves with an ancestor.
            plan.listings.add((entry["locale"], entry["type"]))
            plan.feeds |= dependencies.feeds_for(entry["type"], entry["locale"])
        share_cards.remove_cards(page_id)

    pages = (
        Page.objects.filter(pk__in=plan.render)
        .specific()
        .select_related("locale", for_specific_subqueries=True)
    )
    taken = {}
    for page in pages:
        only = plan.render[page.pk]
        old = manifest.pages.get(page.pk)
        if only is not None and not only:
            continue
        if old is None:
            only = None
        entry, outputs = renderer.render_page(page, only=only, previous=old)
        for name, content in outputs.items():
            if writer.write_bytes(root, name, content, skip_unchanged=True):
                report.written.append(name)
            renderer.collect_assets(content)
        taken.update(dict.fromkeys(outputs, page.pk))
        if old:
            stale = set(dependencies.page_outputs(old)) - set(dependencies.page_outputs(entry))
            for name in stale:
                # A file another page now owns (a swapped slug) must stay.
                if taken.get(name) in (None, page.pk) and writer.remove(root, name):
                    report.removed.append(name)
        if old:
            released |= dependencies.page_assets(old) - dependencies.page_assets(entry)
        if old and (old["locale"], old["type"]) != (entry["locale"], entry["type"]):
            plan.listings.add((old["locale"], old["type"]))
        manifest.pages[page.pk] = entry
        report.rendered.add(page.pk)

    if released:
        report.removed += remove_unreferenced_assets(root, manifest, released)
    if plan.sitemap:
        extras.write_sitemap(root, manifest)
    for feed, language_code in sorted(plan.feeds):
        extras.write_feed(root, feed, language_code)
    for language_code, page_type in sorted(plan.listings):
        extras.write_api_listing(root, manifest, language_code, page_type)
    if plan.listings:
        extras.write_api_indexes(
            root, manifest, Locale.objects.values_list("language_code", flat=True)
        )
    if plan.redirects:
        extras.write_redirects(root, manifest)
    if plan.not_found:
        for language_code in Locale.objects.values_list("language_code", flat=True):
            writer.write_bytes(
                root,
                dependencies.not_found_file(language_code),
                renderer.render_not_found(language_code),
            )
    report.written += plan.paths(manifest)
    manifest.save(root)
    report.seconds = time.perf_counter() - started
    logger.info(
        "Published %d page(s), %d file(s) changed, %d removed in %.3fs",
        len(report.rendered),
        len(report.written),
        len(report.removed),
        report.seconds,
    )
    return report


def remove_unreferenced_assets(root, manifest, names):
    """Remove those of `names` that no published page references any more.

    A document or share card of an unpublished page, or a file a page stopped showing
    (a document moved into a restricted collection), leaves the site with it.
    """
    referenced = set().union(*(dependencies.page_assets(e) for e in manifest.pages.values()))
    return [name for name in sorted(names - referenced) if writer.remove(root, name)]


def replay_since(site_path, since):
    """Re-apply page actions logged after `since` (publishes during a full build)."""
    from wagtail.models import PageLogEntry

    entries = PageLogEntry.objects.filter(
        timestamp__gte=since, action__in=REPLAYED_ACTIONS
    ).order_by("timestamp")
    changes = []
    for log in entries:
        changes.append(dependencies.Change(REPLAYED_ACTIONS[log.action], log.page_id))
    if not changes:
        return None
    return _apply(current_build(site_path), changes)
