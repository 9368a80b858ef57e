"""Render pages in-process, without the HTTP stack, the way Wagtail's serve view does.

A page is routed and served with a request built by RequestFactory for the site's host,
under the page's language. While a page renders, every page instance created is recorded,
so the manifest knows which pages each output shows. Media and document files the output
references are put into the build beside it.
"""

import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import storage as staticfiles_module
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.core.files.storage import FileSystemStorage, storages
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation
from wagtail.models import Page, Site

from frontend.media import is_public_media

from . import dependencies, writer
from .runcache import RunCache, recording, remember

STATIC_DIR = "static"
# Under MEDIA_ROOT but never part of the public site: originals and raw document files.
PRIVATE_MEDIA_PREFIXES = ("original_images/", "documents/")


class RenderError(RuntimeError):
    pass


class BuildStaticStorage(ManifestStaticFilesStorage):
    """Content-hashed static files inside a build; URLs are hashed even when DEBUG is on."""

    manifest_strict = True

    def url(self, name, force=True):
        return super().url(name, force=True)


def static_storage(root):
    return BuildStaticStorage(
        location=str(writer.resolve(root, STATIC_DIR)), base_url=settings.STATIC_URL
    )


@contextmanager
def using_static_storage(storage):
    """Point `{% static %}` at the build's hashed files while rendering."""
    wrapped = staticfiles_module.staticfiles_storage._wrapped
    staticfiles_module.staticfiles_storage._wrapped = storage
    try:
        yield
    finally:
        staticfiles_module.staticfiles_storage._wrapped = wrapped


class Renderer:
    def __init__(self, root):
        self.root = root
        self.factory = RequestFactory()
        self.storage = static_storage(root)
        # Root pages load here, outside any page's recording: otherwise only the first page
        # rendered would list its site's root among the pages it shows.
        self.sites = {site.pk: site for site in Site.objects.select_related("root_page")}
        # Menus, locales, breadcrumbs and settings shared by the pages of this run only.
        self.cache = RunCache()
        self.media_seen = set()
        media_url = settings.MEDIA_URL
        self.media_url = media_url if media_url.startswith("/") else None
        prefixes = [re.escape(p) for p in (self.media_url, "/documents/") if p]
        alternatives = "|".join(prefixes)
        self.asset_re = re.compile(rf"(?:{alternatives})[^\"'\s,<>()?#]+")

    # --- requests ---------------------------------------------------------------------

    def request(self, path, site=None):
        site = site or Site.objects.filter(is_default_site=True).first()
        scheme = urlsplit(settings.SITE_URL).scheme or "http"
        host = site.hostname if site else "localhost"
        port = site.port if site else 80
        if port not in (80, 443):
            host = f"{host}:{port}"
        request = self.factory.get(path, HTTP_HOST=host, secure=scheme == "https")
        request.user = AnonymousUser()
        request.session = {}
        if site:
            request._wagtail_site = site
        return request

    def page_request(self, path, site=None):
        """A request for a page's HTML, with the run's site settings already in it."""
        request = self.request(path, site)
        site = getattr(request, "_wagtail_site", None)
        if site is not None:
            prime_site_settings(request, site)
        return request

    # --- pages ------------------------------------------------------------------------

    def render_page(self, page, only=None, previous=None):
        """Outputs of a live page: (entry for the manifest, {file: bytes}).

        `only` limits a listing to some of its pages ("" is the first); `previous`, the
        manifest entry of the last rendering, supplies what the skipped pages showed.
        """
        page = page.specific
        site_id, _root_url, url = page.get_url_parts()
        site = self.sites.get(site_id)
        language_code = page.locale.language_code
        getter = getattr(page, "get_static_subpaths", None)
        outputs, recorded, types, assets = {}, {}, set(), {}
        with (
            self.cache.active(),
            translation.override(language_code),
            using_static_storage(self.storage),
        ):
            subpaths = list(getter()) if getter else []
            for subpath in [""] + subpaths:
                if only is not None and subpath not in only:
                    continue
                with recording() as recorder:
                    content = self._serve(page, url, subpath, site)
                outputs[dependencies.page_file(url, subpath)] = content
                assets[subpath] = self.asset_files(content)
                recorded[subpath] = recorder.ids - {page.pk}
                types |= recorder.types
            if only is None or "" in only:
                content = self.render_api_detail(page, site)
                outputs[dependencies.api_detail_file(page.pk)] = content
                assets[""] = assets.get("", set()) | self.asset_files(content)
        ancestor_paths = {page.path[:i] for i in range(Page.steplen, len(page.path), Page.steplen)}
        loaded = Page.objects.filter(pk__in=set().union(*recorded.values())).values_list(
            "pk", "path", "show_in_menus"
        )
        ldeps = {pk for pk, path, in_menu in loaded if path in ancestor_paths or in_menu}
        subdeps = {subpath: sorted(ids - ldeps) for subpath, ids in recorded.items()}
        if previous and only is not None:
            for subpath in [""] + subpaths:
                if subpath not in subdeps and subpath in previous.get("subdeps", {}):
                    subdeps[subpath] = previous["subdeps"][subpath]
            ldeps |= set(previous.get("ldeps", ()))
            types |= set(previous.get("types", ()))
            for subpath, files in previous.get("assets", {}).items():
                assets.setdefault(subpath, set(files))
        parent_path = page.path[: -Page.steplen]
        entry = {
            "id": page.pk,
            "url": url,
            "locale": language_code,
            "tk": str(page.translation_key),
            "type": page._meta.label,
            "title": page.title,
            "menu": page.show_in_menus,
            "parent": self.page_id_at(parent_path),
            "root": site is not None and site.root_page.translation_key == page.translation_key,
            "subpaths": subpaths,
            "lastmod": page.last_published_at.isoformat() if page.last_published_at else None,
            "deps": sorted(set().union(*map(set, subdeps.values()))),
            "ldeps": sorted(ldeps),
            "types": sorted(types - {page._meta.label}),
            # Types whose every change this page sums up (e.g. the progress page's totals).
            "aggregates": sorted(getattr(page, "static_dependency_types", ())),
            # Media and document files its outputs reference, by subpath: when no page
            # references a file any more, the publisher removes it from the build.
            "assets": {subpath: sorted(files) for subpath, files in assets.items() if files},
        }
        if getter:
            entry["subdeps"] = subdeps
        return entry, outputs

    def page_id_at(self, path):
        # Siblings share their parent: one lookup per parent and run.
        with self.cache.active():
            return remember(
                ("page-id", path),
                lambda: Page.objects.filter(path=path).values_list("pk", flat=True).first(),
            )

    def _serve(self, page, url, subpath, site):
        path = url + subpath
        request = self.page_request(path, site)
        request.LANGUAGE_CODE = translation.get_language()
        components = [part for part in subpath.split("/") if part]
        page, args, kwargs = page.route(request, components)
        response = page.serve(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code != 200:
            raise RenderError(f"{path} answered {response.status_code}")
        return response.content

    def render_not_found(self, language_code):
        with (
            self.cache.active(),
            translation.override(language_code),
            using_static_storage(self.storage),
        ):
            prefix = "/" + dependencies.locale_prefix(language_code)
            request = self.page_request(prefix + "404.html")
            request.LANGUAGE_CODE = language_code
            home = self.home_for(language_code)
            html = render_to_string(
                "404.html", {"request_path": request.path, "home": home}, request=request
            )
        return html.encode("utf-8")

    def home_for(self, language_code):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if not site:
            return None
        root = site.root_page
        return (
            Page.objects.live()
            .filter(translation_key=root.translation_key, locale__language_code=language_code)
            .first()
            or root
        ).specific

    # --- API --------------------------------------------------------------------------

    def render_api_detail(self, page, site=None):
        """The page as the read API serves it at /api/v2/pages/<id>/."""
        path = f"/api/v2/pages/{page.pk}/"
        request = self.request(path, site)
        match = resolve(path)
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code != 200:
            raise RenderError(f"API {path} answered {response.status_code}")
        return response.content

    # --- assets -----------------------------------------------------------------------

    def asset_urls(self, content):
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
        return set(self.asset_re.findall(text.replace("\\/", "/")))

    def asset_files(self, content):
        """The build-relative names of the media and document files `content` references."""
        return {unquote(url).lstrip("/") for url in self.asset_urls(content)}

    def collect_assets(self, content):
        """Copy the media and document files that `content` references into the build.

        Only what the public may see: renditions and share cards, documents through their
        public URL when their collection is public; never originals or raw document files.
        """
        for url in self.asset_urls(content):
            if url in self.media_seen:
                continue
            self.media_seen.add(url)
            self._copy_asset(url)

    def _copy_asset(self, url):
        relative = unquote(url)
        if self.media_url and url.startswith(self.media_url):
            name = relative[len(self.media_url) :]
            if name.startswith(PRIVATE_MEDIA_PREFIXES):
                return
            if not isinstance(storages["default"], FileSystemStorage):
                copy_from_storage(storages["default"], name, self.root, relative)
                return
            source = Path(settings.MEDIA_ROOT) / name
            if not source.is_file():
                regenerate_rendition(name)
            if source.is_file():
                writer.link_or_copy(source, self.root, relative)
            return
        if url.startswith("/documents/"):
            parts = relative.split("/")
            if len(parts) >= 4 and parts[2].isdigit():
                from wagtail.documents import get_document_model

                document = get_document_model().objects.filter(pk=int(parts[2])).first()
                if document and document.file and is_public_media(document):
                    try:
                        source = document.file.path
                    except NotImplementedError:
                        copy_from_storage(
                            document.file.storage, document.file.name, self.root, relative
                        )
                        return
                    writer.link_or_copy(source, self.root, relative)


def copy_from_storage(storage, name, root, relative):
    """`link_or_copy` for media in object storage: read through the storage API."""
    if writer.resolve(root, relative).exists():
        return
    if storage is storages["default"] and not storage.exists(name):
        regenerate_rendition(name)
    if storage.exists(name):
        with storage.open(name, "rb") as handle:
            writer.write_bytes(root, relative, handle.read())


def prime_site_settings(request, site):
    """Put the run's site settings where Wagtail's `for_request` looks for them first."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry

    for model in registry:
        if issubclass(model, BaseSiteSetting):
            instance = remember(
                ("site-settings", model._meta.label, site.pk),
                lambda model=model: model.for_site(site),
            )
            # As `for_request` does, for the setting's page URLs.
            instance._request = request
            setattr(request, model.get_cache_attr_name(), instance)


def regenerate_rendition(name):
    """Recreate a rendition whose record (or cached copy) outlived its file."""
    from wagtail.images import get_image_model

    rendition_model = get_image_model().get_rendition_model()
    rendition = rendition_model.objects.filter(file=name).select_related("image").first()
    if rendition is None:
        return
    image, spec = rendition.image, rendition.filter_spec
    rendition.delete()
    image.get_rendition(spec)
