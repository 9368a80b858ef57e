"""Which files a page change touches, and where each output lives in the build.

This module is the only place that knows it. A change to a page affects:

- the page itself, in its locale, with its listing subpaths (``page/2/`` ...), and its
  static API JSON; if it is no longer live and public, its files are removed instead;
- its translations (their language switch points at it);
- its parent, and its former parent after a move: the listing pages that show or showed
  it, and those whose items shift when it arrives, leaves or changes place;
- every page whose last rendering showed it (recorded while rendering: cards, embeds,
  featured items on home) and the home page of its locale when home showed pages of its
  type (a new item is not yet among the recorded ones); pages that sum up every page of
  its type (``static_dependency_types``, e.g. the progress page), in every locale;
- its previous and next siblings when it arrives or moves (their prev/next links);
- pages it links to in Wagtail's reference index or many-to-many fields (a hall or a
  merchant listing the artifacts that point at it), and, when it arrives, leaves or is
  renamed, the pages that link to it (an exhibit embedding a new artifact);
- when its title, URL or menu flag changed: its descendants (breadcrumbs and URLs) and
  the pages that show its title; when it (or the page it translates) is shown in menus,
  every page and every locale's 404 page: each locale's menu lists the menu pages,
  untranslated ones as they are; the 404 pages too when the home page changes;
- the sitemap, the static API listing of its type and locale, the news or campaign feeds
  of its locale, and after a move or redirect change the redirect files.
"""

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from wagtail.models import Page, ReferenceIndex

# Page types that have feeds, keyed by the feed's name.
FEED_TYPES = {"news": "publicity.NewsPage", "campaigns": "publicity.CampaignPage"}

SITEMAP_PATH = "sitemap.xml"
ROBOTS_PATH = "robots.txt"
NETLIFY_REDIRECTS_PATH = "_redirects"
# Written beside the site directory, not in it: nginx includes it, visitors never fetch it.
NGINX_REDIRECTS_PATH = "redirects.nginx.conf"


def nginx_redirects_file(site_dir):
    """The nginx redirect map: beside the served directory (nginx includes it; it is no file
    of the site)."""
    return Path(site_dir).parent / NGINX_REDIRECTS_PATH


# --- where outputs live --------------------------------------------------------------


def page_file(url, subpath=""):
    """The HTML file of a page URL (``/en/museum/`` -> ``en/museum/index.html``)."""
    path = urlsplit(url).path.lstrip("/") + subpath
    if path and not path.endswith("/"):
        path += "/"
    return path + "index.html"


def locale_prefix(language_code):
    """The URL prefix of a locale: the default language lives at ``/``."""
    if language_code == settings.LANGUAGE_CODE:
        return ""
    return f"{language_code}/"


def not_found_file(language_code):
    return locale_prefix(language_code) + "404.html"


def feed_files(feed, language_code):
    prefix = locale_prefix(language_code)
    return [f"{prefix}feeds/{feed}.rss", f"{prefix}feeds/{feed}.atom"]


def api_base_path():
    """The path part of STATIC_API_URL, where the static JSON is written."""
    path = urlsplit(settings.STATIC_API_URL).path.strip("/")
    return path + "/" if path else ""


def api_base_url():
    url = settings.STATIC_API_URL
    return url if url.endswith("/") else url + "/"


def api_detail_file(page_id):
    return f"{api_base_path()}pages/{page_id}.json"


def api_listing_file(language_code, page_type):
    return f"{api_base_path()}pages/{language_code}/{page_type}.json"


def api_locale_index_file(language_code):
    return f"{api_base_path()}pages/{language_code}/index.json"


def api_root_file():
    return f"{api_base_path()}index.json"


def page_outputs(entry):
    """Every file a published page owns, from its manifest entry."""
    files = [page_file(entry["url"], subpath) for subpath in [""] + entry.get("subpaths", [])]
    files.append(api_detail_file(entry["id"]))
    return files


def page_assets(entry):
    """The media and document files a published page's outputs reference."""
    return {name for files in entry.get("assets", {}).values() for name in files}


# --- what a change touches -------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """Something happened to a page: ``publish``, ``unpublish``, ``move`` or ``delete``."""

    kind: str
    page_id: int
    old_parent_id: int | None = None


@dataclass
class Plan:
    # page id -> None (every output of the page) or the set of listing subpaths to render,
    # "" being the page itself
    render: dict = field(default_factory=dict)
    remove: set = field(default_factory=set)  # page ids whose files go
    listings: set = field(default_factory=set)  # (language_code, page type) API listings
    feeds: set = field(default_factory=set)  # (feed name, language_code)
    sitemap: bool = False
    redirects: bool = False
    not_found: bool = False  # every locale's 404 page (it shows the menu and home)

    def add(self, page_id, subpaths=None):
        if page_id in self.render and self.render[page_id] is None:
            return
        if subpaths is None:
            self.render[page_id] = None
        else:
            self.render.setdefault(page_id, set()).update(subpaths)

    def add_all(self, page_ids):
        for page_id in page_ids:
            self.add(page_id)

    def paths(self, manifest):
        """The generated files (not page files) this plan rewrites."""
        out = []
        if self.sitemap:
            out.append(SITEMAP_PATH)
        if self.redirects:
            out.append(NETLIFY_REDIRECTS_PATH)
        if self.not_found:
            out += [not_found_file(code) for code, _name in settings.LANGUAGES]
        for feed, language_code in sorted(self.feeds):
            out += feed_files(feed, language_code)
        for language_code, page_type in sorted(self.listings):
            out += [
                api_listing_file(language_code, page_type),
                api_locale_index_file(language_code),
            ]
        if self.listings:
            out.append(api_root_file())
        return out


def publishable_pages():
    """Pages the static site carries: public (`cms.core.visibility`) and below the tree root."""
    from cms.core.visibility import public_pages

    return public_pages().filter(depth__gt=1)


def is_publishable(page):
    return (
        page is not None
        and page.depth > 1
        and publishable_pages().filter(pk=page.pk).exists()
        and page.get_url_parts() is not None
    )


def page_type(page):
    return page.specific_class._meta.label if page.specific_class else page._meta.label


def feeds_for(page_type_label, language_code):
    return {(feed, language_code) for feed, label in FEED_TYPES.items() if label == page_type_label}


def related_page_ids(page, inbound=True):
    """Pages linked with `page` in the reference index and through many-to-many fields.

    Outbound links (pages it points at, which may list it: its hall, its merchants, its
    campaign) always; inbound links (pages that point at it) when `inbound`: those that
    already showed it are known from their last rendering.
    """
    from django.contrib.contenttypes.models import ContentType

    page_ct = ContentType.objects.get_for_model(Page).pk
    ids = {
        int(object_id)
        for to_ct, object_id in ReferenceIndex.get_references_for_object(page).values_list(
            "to_content_type_id", "to_object_id"
        )
        if to_ct == page_ct
    }
    specific = page.specific
    for model_field in specific._meta.get_fields():
        if isinstance(model_field, models.ManyToManyField) and issubclass(
            model_field.related_model, Page
        ):
            ids.update(getattr(specific, model_field.name).values_list("pk", flat=True))
    if inbound:
        ids.update(
            int(object_id)
            for base_ct, object_id in ReferenceIndex.get_references_to(page).values_list(
                "base_content_type_id", "object_id"
            )
            if base_ct == page_ct
        )
        for relation in specific._meta.related_objects:
            if relation.many_to_many and issubclass(relation.related_model, Page):
                accessor = relation.get_accessor_name()
                ids.update(getattr(specific, accessor).values_list("pk", flat=True))
    ids.discard(page.pk)
    return ids


def plan(changes, manifest):
    """The Plan for a batch of changes, against the manifest of the current build."""
    result = Plan()
    entries = manifest.pages
    for change in changes:
        old = entries.get(change.page_id)
        page = None
        if change.kind != "delete":
            page = Page.objects.filter(pk=change.page_id).select_related("locale").first()
        live = is_publishable(page)
        result.sitemap = True
        if change.kind == "move" or live != (old is not None):
            # Redirect files list only redirects to public pages: one that arrives or leaves
            # may add or drop some.
            result.redirects = True

        if live:
            result.add(page.pk)
            new = {
                "url": page.get_url_parts()[2],
                "title": page.title,
                "menu": page.show_in_menus,
                "type": page_type(page),
                "locale": page.locale.language_code,
            }
        else:
            if old:
                result.remove.add(change.page_id)
            if page is None and old is None:
                continue
            new = None
        current = new or old
        if page is not None:
            current = current or {
                "type": page_type(page),
                "locale": page.locale.language_code,
                "url": None,
                "title": page.title,
                "menu": page.show_in_menus,
            }
        language_code = current["locale"]
        result.listings.add((language_code, current["type"]))
        result.feeds |= feeds_for(current["type"], language_code)
        if old and (old["locale"], old["type"]) != (language_code, current["type"]):
            result.listings.add((old["locale"], old["type"]))

        label_changed = (
            old is None
            or new is None
            or old["title"] != new["title"]
            or old["url"] != new["url"]
            or old.get("menu") != new["menu"]
        )

        # Translations show a language switch that points at this page.
        if page is not None:
            result.add_all(
                Page.objects.filter(translation_key=page.translation_key)
                .exclude(pk=page.pk)
                .values_list("pk", flat=True)
            )
        elif old:
            result.add_all(
                pk for pk, e in entries.items() if e.get("tk") == old.get("tk") and pk != old["id"]
            )

        # Parent listings, before and after a move: the listing pages that show or showed it.
        parents = {change.old_parent_id, old.get("parent") if old else None}
        if page is not None:
            parents.add(_parent_id(page))
        for parent_id in filter(None, parents):
            result.add(
                parent_id, listing_subpaths(parent_id, entries.get(parent_id), change.page_id)
            )

        # Pages whose last rendering showed this page; home when it showed pages of this type.
        for pk, entry in entries.items():
            if change.page_id in entry.get("deps", ()):
                subdeps = entry.get("subdeps")
                if subdeps:
                    result.add(pk, {sp for sp, ids in subdeps.items() if change.page_id in ids})
                else:
                    result.add(pk)
            elif label_changed and change.page_id in entry.get("ldeps", ()):
                result.add(pk)
            elif current["type"] in entry.get("aggregates", ()):
                # Totals over every page of a type, in any locale.
                result.add(pk)
            elif (
                entry.get("root")
                and entry["locale"] == language_code
                and current["type"] in entry.get("types", ())
            ):
                result.add(pk)

        if page is not None:
            result.add_all(related_page_ids(page, inbound=label_changed))
        if live and (old is None or change.kind == "move"):
            # Neighbours link to their previous and next sibling.
            siblings = page.get_siblings().live()
            result.add_all(
                filter(
                    None,
                    [
                        siblings.filter(path__lt=page.path)
                        .order_by("-path")
                        .values_list("pk", flat=True)
                        .first(),
                        siblings.filter(path__gt=page.path)
                        .order_by("path")
                        .values_list("pk", flat=True)
                        .first(),
                    ],
                )
            )

        if live and old is None:
            # Pages below a page that comes back (published again, restriction lifted) were
            # unreachable while it was away.
            result.add_all(publishable_pages().descendant_of(page).values_list("pk", flat=True))
        if label_changed and old:
            # Descendants carry this page in their URL and breadcrumbs.
            prefix = old["url"]
            result.add_all(
                pk
                for pk, entry in entries.items()
                if entry["url"].startswith(prefix) and pk != change.page_id
            )
            if page is not None:
                result.add_all(publishable_pages().descendant_of(page).values_list("pk", flat=True))
        if label_changed and _in_menu(page, old, new):
            # Every locale's menu lists the root's menu pages, untranslated ones as they are.
            result.add_all(entries)
            result.not_found = True
        if label_changed and ((old and old.get("root")) or _is_site_root(page)):
            # The 404 pages link home by its title.
            result.not_found = True

    # Whatever is rendered must still be publishable; the rest goes.
    candidates = set(result.render) - result.remove
    live_ids = set(publishable_pages().filter(pk__in=candidates).values_list("pk", flat=True))
    result.remove |= {pk for pk in candidates - live_ids if pk in entries}
    # Pages that showed one that leaves with it (a live page below an unpublished one).
    showing = {
        pk
        for pk, entry in entries.items()
        if pk not in result.remove and result.remove.intersection(entry.get("deps", ()))
    }
    for pk in showing - live_ids:
        result.render[pk] = None
    live_ids |= set(publishable_pages().filter(pk__in=showing).values_list("pk", flat=True))
    result.render = {pk: result.render[pk] for pk in live_ids}
    return result


def _in_menu(page, old, new):
    """The page, or the page it translates (whose place it takes in its locale's menu), is
    shown in menus."""
    if (old and old.get("menu")) or (new and new["menu"]):
        return True
    if page is None:
        return False
    return Page.objects.filter(translation_key=page.translation_key, show_in_menus=True).exists()


def _is_site_root(page):
    from wagtail.models import Site

    return page is not None and (
        Site.objects.filter(root_page__translation_key=page.translation_key).exists()
    )


def _subpath(number):
    return "" if number == 1 else f"page/{number}/"


def _number(subpath):
    return int(subpath.strip("/").split("/")[-1]) if subpath else 1


def listing_subpaths(parent_id, parent_entry, page_id):
    """The pages of a paginated listing that show, or showed, `page_id`; None for all of them.

    An edit that keeps the item on the same listing page re-renders that page only; an item
    that moves shifts every listing page between its old and new place; an arrival or a
    departure changes the total every listing page shows ("共 128 条"), and a change in the
    number of listing pages every page's pagination links: all of them.
    """
    parent = Page.objects.filter(pk=parent_id).first()
    if parent is None or parent_entry is None:
        return None
    parent = parent.specific
    if not (hasattr(parent, "get_listing") and getattr(parent, "paginate_by", None)):
        return None
    per_page = parent.paginate_by
    ids = list(parent.get_listing().values_list("pk", flat=True))
    before = [""] + list(parent_entry.get("subpaths", []))
    count_now = max(1, -(-len(ids) // per_page))
    if count_now != len(before):
        return None
    new_number = ids.index(page_id) // per_page + 1 if page_id in ids else None
    old_number = None
    for subpath, shown in parent_entry.get("subdeps", {}).items():
        if page_id in shown:
            old_number = _number(subpath)
    if new_number and old_number:
        low, high = sorted((new_number, old_number))
    elif new_number or old_number:
        return None
    else:
        return set()
    return {_subpath(number) for number in range(low, high + 1)}


def _parent_id(page):
    parent_path = page.path[: -Page.steplen]
    if not parent_path:
        return None
    return Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()
