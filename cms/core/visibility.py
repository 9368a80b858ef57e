"""What the public may see: the one rule every public output asks.

A page is public when it is live, no ancestor below the tree root is unpublished (a page
under a draft is not reachable: Wagtail's site search and our menus never show it) and no
view restriction covers it, and its page type does not keep it back (a type may define a
classmethod ``hidden_from_public()`` returning the live pages of its type the public must not
see: campaigns not approved, for instance). An image or a document is public when no view restriction
covers its collection or a collection above it. The static site, the read APIs, search
results, share cards and the redirect files all ask here; none decides on its own.

Each function computes from the database when called; callers that ask often within one
request or one build pass the sets they already computed (``hidden_paths``,
``restricted_ids``).
"""

from django.db.models import Q
from wagtail.models import Collection, CollectionViewRestriction, Page, get_page_models


def _under_any(paths):
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def restricted_collection_ids():
    """Ids of the collections under a view restriction, their sub-collections included."""
    paths = set(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return frozenset()
    return frozenset(Collection.objects.filter(_under_any(paths)).values_list("pk", flat=True))


def unpublished_parent_paths():
    """Tree paths of unpublished pages that have children: their subtrees are unreachable."""
    return frozenset(
        Page.objects.filter(live=False, depth__gt=1, numchild__gt=0).values_list("path", flat=True)
    )


def hidden_page_paths():
    """Tree paths whose whole subtree the public never sees (one query)."""
    hidden = Page.objects.filter(
        Q(view_restrictions__isnull=False) | Q(live=False, depth__gt=1, numchild__gt=0)
    )
    return frozenset(hidden.values_list("path", flat=True).distinct())


def exclude_subtrees(queryset, paths):
    """`queryset` without the pages at or below any of `paths`."""
    return queryset.exclude(_under_any(paths)) if paths else queryset


def hidden_from_public_q():
    """A ``Q`` on page ``pk`` matching every live page its page type hides; empty if none."""
    condition = Q(pk__in=[])
    for model in get_page_models():
        if model.__dict__.get("hidden_from_public") is not None:
            condition |= Q(pk__in=model.hidden_from_public().values("pk"))
    return condition


def is_hidden_from_public(page):
    hidden = getattr(page.specific_class, "hidden_from_public", None)
    return hidden is not None and hidden().filter(pk=page.pk).exists()


def public_pages(queryset=None):
    """The pages an anonymous visitor may reach."""
    queryset = Page.objects.all() if queryset is None else queryset
    return exclude_subtrees(queryset.live(), hidden_page_paths()).exclude(hidden_from_public_q())


def is_public_page(page, hidden_paths=None):
    if page is None or not page.live:
        return False
    paths = hidden_page_paths() if hidden_paths is None else hidden_paths
    if any(page.path.startswith(path) for path in paths):
        return False
    return not is_hidden_from_public(page)


def is_public_media(obj, restricted_ids=None):
    """An image or a document outside every restricted collection."""
    if obj is None:
        return False
    ids = restricted_collection_ids() if restricted_ids is None else restricted_ids
    return obj.collection_id not in ids


def public_redirects(queryset):
    """Redirects an anonymous visitor may follow: to a URL, or to a public page."""
    return queryset.filter(
        Q(redirect_page__isnull=True) | Q(redirect_page__in=public_pages().values("pk"))
    )
