"""Paginated listings that a static site can serve: `page/<n>/` routes instead of `?page=n`."""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.shortcuts import redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin, path


class ListingPageMixin(RoutablePageMixin):
    """Index pages list their children one page at a time under `page/<n>/`.

    Page 1 is the index page itself, so every listing page has exactly one URL, and
    `get_static_subpaths()` tells the static publisher which extra pages to write.
    """

    paginate_by = 12
    # Site search ranks index pages below the content they list.
    search_navigation = True

    def get_listing(self):
        raise NotImplementedError

    def get_paginator(self):
        return Paginator(self.get_listing(), self.paginate_by, allow_empty_first_page=True)

    def get_listing_page(self, number):
        try:
            return self.get_paginator().page(number)
        except EmptyPage as exc:
            raise Http404("No such listing page") from exc

    def listing_page_url(self, number):
        """The URL of listing page `number`, relative to the site root."""
        base = self.get_url() or ""
        if number <= 1:
            return base
        return base + self.reverse_subpage("listing_page", args=[number]).lstrip("/")

    def get_static_subpaths(self):
        paginator = self.get_paginator()
        return [f"page/{number}/" for number in paginator.page_range if number > 1]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if "listing_page" not in context:
            context["listing_page"] = self.get_listing_page(1)
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("page/<int:number>/", name="listing_page")
    def listing_page_route(self, request, number):
        if number == 1:
            return redirect(self.get_url(request), permanent=True)
        listing_page = self.get_listing_page(number)
        return self.render(request, context_overrides={"listing_page": listing_page})
