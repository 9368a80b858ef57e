"""What every page of one build or publish run shares: menus, locales, breadcrumbs, settings.

A `Renderer` makes one `RunCache` and opens it around each page it renders; template tags
ask `remember` for a value by key and compute it on the first miss. Nothing outlives the
renderer: each share of a full build and each publish gets a new one, so a publish
renders from what the database holds. A page published, unpublished, moved or deleted in
this process empties every cache as well. Outside a run (live views, previews) `remember`
just computes.

Pages instantiated while a value is computed are kept with it and replayed into the
active recorders on every hit, so each page's manifest lists the same pages it would
without the cache.
"""

import contextvars
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_init
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

_current = contextvars.ContextVar("static_run_cache", default=None)
_recorders = contextvars.ContextVar("static_page_recorders", default=())
_generation = 0


class Recorder:
    """Collects the pages instantiated while one output (or one cached value) renders."""

    def __init__(self):
        self.ids = set()
        self.types = set()

    def add(self, instance):
        if instance.pk:
            self.ids.add(instance.pk)
            if type(instance) is not Page:
                self.types.add(instance._meta.label)


def _on_post_init(sender, instance, **kwargs):
    recorders = _recorders.get()
    if recorders and isinstance(instance, Page):
        for recorder in recorders:
            recorder.add(instance)


post_init.connect(_on_post_init, weak=False, dispatch_uid="static-publish-recorder")


@contextmanager
def recording():
    """Record the pages instantiated inside the block; blocks nest."""
    recorder = Recorder()
    token = _recorders.set(_recorders.get() + (recorder,))
    try:
        yield recorder
    finally:
        _recorders.reset(token)


class RunCache:
    def __init__(self):
        self.values = {}
        self.generation = _generation

    @contextmanager
    def active(self):
        token = _current.set(self)
        try:
            yield self
        finally:
            _current.reset(token)


def in_run():
    return _current.get() is not None


def remember(key, compute):
    """`compute()`, once per run for `key`; outside a run, every time."""
    cache = _current.get()
    if cache is None:
        return compute()
    if cache.generation != _generation:
        cache.values.clear()
        cache.generation = _generation
    try:
        value, ids, types = cache.values[key]
    except KeyError:
        with recording() as recorder:
            value = compute()
        cache.values[key] = (value, frozenset(recorder.ids), frozenset(recorder.types))
        return value
    for recorder in _recorders.get():
        recorder.ids |= ids
        recorder.types |= types
    return value


def _invalidate(sender=None, instance=None, **kwargs):
    global _generation
    if instance is None or isinstance(instance, Page):
        _generation += 1


for _signal in (page_published, page_unpublished, post_page_move, post_delete):
    _signal.connect(_invalidate, weak=False, dispatch_uid=f"static-run-cache-{id(_signal)}")
