"""Live pages that their page type keeps off the public site.

A page type may define a classmethod ``hidden_from_public()`` returning the live pages
of its type the public must not see (campaigns not approved, for instance). The static
site, its feeds and sitemap, and the read API all leave those out through this one rule.
"""

from django.db.models import Q
from wagtail.models import get_page_models


def hidden_from_public_q():
    """A ``Q`` on page ``pk`` matching every page some page type hides; empty if none."""
    condition = Q(pk__in=[])
    for model in get_page_models():
        hidden = model.__dict__.get("hidden_from_public")
        if hidden is not None:
            condition |= Q(pk__in=model.hidden_from_public().values("pk"))
    return condition


def is_hidden_from_public(page):
    hidden = getattr(page.specific_class, "hidden_from_public", None)
    return hidden is not None and hidden().filter(pk=page.pk).exists()
