"""Every internal href, src and srcset of every HTML file resolves to a file in the build.

Backend endpoints (search, donations, the live API, the admin) are not part of the static
site; links under BACKEND_URL, or under those paths when the backend shares the origin,
are not checked.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings

BACKEND_PATHS = ("/admin/", "/api/", "/search/", "/donate/", "/donations/", "/django-admin/")


@dataclass(frozen=True)
class Problem:
    page: str
    url: str

    def __str__(self):
        return f"{self.page}: {self.url}"


class _References(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "poster"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        for name in ("srcset", "imagesrcset"):
            if attrs.get(name):
                for candidate in attrs[name].split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.urls.append(url)


def _is_backend(url):
    backend = getattr(settings, "BACKEND_URL", "")
    if backend and url.startswith(backend):
        return True
    path = urlsplit(url).path
    # The backend's views are localised too: /en/search/ is as dynamic as /search/.
    first, _slash, rest = path.lstrip("/").partition("/")
    if first in {code for code, _name in settings.LANGUAGES}:
        path = "/" + rest
    return path.startswith(BACKEND_PATHS)


def _site_origins():
    origins = set()
    for url in (settings.SITE_URL, getattr(settings, "STATIC_API_URL", "")):
        parts = urlsplit(url)
        if parts.scheme and parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}")
    return origins


def resolves(root, path):
    target = root / unquote(path).lstrip("/")
    if path.endswith("/"):
        return (target / "index.html").is_file()
    return target.is_file() or (target / "index.html").is_file()


def check_links(root):
    """(problems, number of references checked) for the build at `root`."""
    root = Path(root).resolve()
    origins = _site_origins()
    problems, checked = [], 0
    for html_file in sorted(root.rglob("*.html")):
        relative = "/" + str(html_file.relative_to(root))
        page_url = relative[: -len("index.html")] if relative.endswith("/index.html") else relative
        parser = _References()
        parser.feed(html_file.read_text("utf-8"))
        for raw in parser.urls:
            url = raw.strip()
            if url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")) or _is_backend(url):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                origin = f"{parts.scheme or 'https'}://{parts.netloc}"
                if origin not in origins:
                    continue  # external
                url = parts.path or "/"
            absolute = urljoin(page_url, urlsplit(url).path)
            checked += 1
            if not resolves(root, absolute):
                problems.append(Problem(relative, raw))
    return problems, checked
