"""Index updates as background tasks: the editor's publish queues them, the worker runs them.

A failure is logged, never raised into the editor's request; `search_index update` repairs.
"""

from django_tasks import task


@task()
def reindex_pages(page_ids):
    from .signals import _reindex_pages

    _reindex_pages(page_ids)


@task()
def reindex_subtree(page_id):
    from .signals import _reindex_subtree

    _reindex_subtree(page_id)


@task()
def delete_page(page_id):
    from . import interface
    from .signals import _safely

    _safely(interface.delete, page_id)
