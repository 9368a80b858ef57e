"""Keep the static site current: page and redirect changes re-render the files they touch.

Images and documents count too: a collection restriction added or lifted, or an image or
document edited, re-renders the pages that use it. Changes are collected during a
transaction and queued once it commits, as one batch for a background worker
(`frontend.publishing.queue`), so a rolled-back publish writes nothing, a publish that moves
many pages renders each file once, and the editor does not wait.
"""

import logging
import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from frontend.publishing.dependencies import Change

logger = logging.getLogger(__name__)
_pending = threading.local()


def _queue(change=None, redirects=False):
    if not getattr(settings, "PUBLISH_ON_SAVE", False):
        return
    state = getattr(_pending, "state", None)
    if state is None:
        # A dict keeps the order and drops repeats in constant time (bulk deletes queue many).
        state = _pending.state = {"changes": {}, "redirects": False}
    if change is not None:
        state["changes"].setdefault(change, None)
    state["redirects"] = state["redirects"] or redirects
    # The first callback to run applies everything queued; a rolled-back transaction's
    # changes ride along with the next commit and re-render from what the database holds.
    transaction.on_commit(_flush)


def _flush():
    state = getattr(_pending, "state", None)
    _pending.state = None
    if not state:
        return
    from frontend.publishing.queue import enqueue_changes

    try:
        enqueue_changes(state["changes"], redirects=state["redirects"])
    except Exception:
        # The database change stands; `retry_publishes` or the next full build brings the
        # files up.
        logger.exception("Queueing static publishing failed for %s", list(state["changes"]))


def on_page_published(sender, instance, **kwargs):
    _queue(Change("publish", instance.pk))


def on_page_unpublished(sender, instance, **kwargs):
    _queue(Change("unpublish", instance.pk))


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _queue(Change("delete", instance.pk))


_move_parents = threading.local()


def on_pre_page_move(sender, instance, parent_page_before, **kwargs):
    _move_parents.__dict__[instance.pk] = parent_page_before.pk


def on_post_page_move(sender, instance, parent_page_before, **kwargs):
    old_parent = _move_parents.__dict__.pop(instance.pk, parent_page_before.pk)
    _queue(Change("move", instance.pk, old_parent_id=old_parent))


def on_restriction_changed(sender, instance, **kwargs):
    # A restricted page and everything below it leave the public site (or come back).
    subtree = Page.objects.filter(path__startswith=instance.page.path)
    for page_id in subtree.values_list("pk", flat=True):
        _queue(Change("publish", page_id))


def on_redirect_changed(sender, instance, **kwargs):
    _queue(redirects=True)


def _queue_pages_using(obj):
    """Re-render the pages that use an image or document (Wagtail's reference index)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    for page_id in set(references.values_list("object_id", flat=True)):
        _queue(Change("publish", int(page_id)))


def on_collection_restriction_changed(sender, instance, **kwargs):
    # Images and documents of the collection (and those below it) appear on, or leave, the
    # pages that use them; a file no page shows any more leaves the build.
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    subtree = Collection.objects.filter(path__startswith=instance.collection.path)
    for model in (get_image_model(), get_document_model()):
        for obj in model.objects.filter(collection__in=subtree):
            _queue_pages_using(obj)


def on_media_changed(sender, instance, created=False, **kwargs):
    # An image or document moved to another collection, renamed or replaced.
    if not created:
        _queue_pages_using(instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="static-site-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="static-site-unpublished")
    post_delete.connect(on_page_deleted, dispatch_uid="static-site-deleted")
    pre_page_move.connect(on_pre_page_move, dispatch_uid="static-site-pre-move")
    post_page_move.connect(on_post_page_move, dispatch_uid="static-site-post-move")
    post_save.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="static-site-restriction-saved",
    )
    post_delete.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="static-site-restriction-deleted",
    )
    post_save.connect(
        on_redirect_changed, sender=Redirect, dispatch_uid="static-site-redirect-saved"
    )
    post_delete.connect(
        on_redirect_changed, sender=Redirect, dispatch_uid="static-site-redirect-deleted"
    )
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    for signal in (post_save, post_delete):
        signal.connect(
            on_collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"static-site-collection-restriction-{signal is post_save}",
        )
    for model in (get_image_model(), get_document_model()):
        post_save.connect(
            on_media_changed, sender=model, dispatch_uid=f"static-site-media-{model._meta.label}"
        )
