"""Keep the index in step with the page tree: publish, unpublish, move, delete, privacy.

Updates are queued as background tasks (`search.tasks`) once the surrounding transaction
commits, so a rolled-back publish never reaches the index, the index never sees half-written
pages, and the editor does not wait for it.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import interface, tasks

logger = logging.getLogger(__name__)


def _safely(action, *args):
    try:
        action(*args)
    except Exception:
        # A search outage must never block editors from publishing; `search_index update`
        # repairs the index later.
        logger.exception("search index update failed")


def _reindex_pages(page_ids):
    for page in Page.objects.filter(pk__in=page_ids).specific():
        _safely(interface.index, page)


def _reindex_subtree(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    _reindex_pages(ids)


def _queue(task, *args):
    transaction.on_commit(lambda: _safely(task.enqueue, *args))


def on_published(sender, instance, **kwargs):
    _queue(tasks.reindex_pages, [instance.pk])


def on_unpublished(sender, instance, **kwargs):
    # Unpublishing a page takes its whole subtree off the public site.
    _queue(tasks.reindex_subtree, instance.pk)


def on_moved_or_renamed(sender, instance, **kwargs):
    # Descendants' URLs change with their ancestor's.
    _queue(tasks.reindex_subtree, instance.pk)


def on_page_deleted(sender, instance, **kwargs):
    # post_delete fires for the specific model and again for its Page row: act once.
    if isinstance(instance, Page) and type(instance) is Page:
        _queue(tasks.delete_page, instance.pk)


def on_restriction_changed(sender, instance, **kwargs):
    _queue(tasks.reindex_subtree, instance.page_id)


def connect():
    page_published.connect(on_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_moved_or_renamed, dispatch_uid="search_page_moved")
    page_slug_changed.connect(on_moved_or_renamed, dispatch_uid="search_page_slug_changed")
    post_delete.connect(on_page_deleted, dispatch_uid="search_page_deleted")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved"
    )
    post_delete.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="search_restriction_deleted",
    )
