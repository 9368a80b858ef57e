"""The static site and media in an S3-compatible object store (moto's TEST server, see
tests/object_store.py): builds and publishes upload what changed, nothing lands on local disk,
and a configured CDN is told which URLs to purge."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.storage import storages

from cms.storage import HTML_CACHE, IMMUTABLE_CACHE
from frontend.publishing import dependencies, upload
from frontend.publishing.builder import build_site
from tests.object_store import tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def s3_site(object_storage, small_site, settings, site_dir):
    """The small site with media, photos and the site in buckets; builds render in a work dir."""
    settings.STATIC_SITE_DIR = object_storage.work_dir
    return small_site


@pytest.fixture
def put_count():
    """Counts PutObject requests the site storage sends."""
    counts = {"PutObject": 0, "DeleteObject": 0}

    def count(event_name, **kwargs):
        counts[event_name.split(".")[-1]] += 1

    events = storages["site"].connection.meta.client.meta.events
    events.register("before-call.s3.PutObject", count)
    events.register("before-call.s3.DeleteObject", count)
    yield counts
    events.unregister("before-call.s3.PutObject", count)
    events.unregister("before-call.s3.DeleteObject", count)


def test_build_and_publish_serve_from_the_bucket_and_write_nothing_locally(
    s3_site, object_storage, settings, site_dir, django_capture_on_commit_callbacks
):
    store = object_storage
    media_root = settings.MEDIA_ROOT
    build_site(workers=1)

    keys = store.keys(store.site)
    exhibit = s3_site["exhibit"]
    exhibit_file = dependencies.page_file(exhibit.url)
    assert "index.html" in keys and exhibit_file in keys and "sitemap.xml" in keys
    # No twins: an object store cannot pick between them.
    assert not [k for k in keys if k.endswith((".gz", ".br"))]

    status, headers, body = store.public_get(store.site, exhibit_file)
    assert status == 200 and "桥头纽扣市场" in body.decode()
    assert headers.get("Content-Type") == "text/html; charset=utf-8"
    assert headers.get("Cache-Control") == HTML_CACHE
    css = next(k for k in keys if k.startswith("static/") and k.endswith(".css"))
    status, headers, _ = store.public_get(store.site, css)
    assert (status, headers.get("Cache-Control")) == (200, IMMUTABLE_CACHE)
    assert headers.get("Content-Type").startswith("text/css")
    rendition = next(k for k in keys if k.startswith("media/images/"))
    status, headers, _ = store.public_get(store.site, rendition)
    assert (status, headers.get("Cache-Control")) == (200, IMMUTABLE_CACHE)
    # The upload manifest is in the bucket, but nobody outside may read it.
    assert upload.MANIFEST in keys
    assert store.public_get(store.site, upload.MANIFEST)[0] == 403

    # Originals and renditions are in the media bucket, which is not public.
    media_keys = store.keys(store.media)
    original = next(k for k in media_keys if k.startswith("media/original_images/"))
    assert store.public_get(store.media, original)[0] == 403

    settings.PUBLISH_ON_SAVE = True
    exhibit.title = "桥头纽扣市场（新）"
    with django_capture_on_commit_callbacks(execute=True):
        exhibit.save_revision().publish()
    status, _, body = store.public_get(store.site, exhibit_file)
    assert status == 200 and "桥头纽扣市场（新）" in body.decode()

    assert tree(media_root) == []
    assert tree(media_root.parent) == []
    assert tree(site_dir.parent) == []


def test_a_second_build_uploads_nothing_and_a_publish_only_what_changed(
    s3_site, object_storage, put_count, settings, django_capture_on_commit_callbacks
):
    build_site(workers=1)
    first = put_count["PutObject"]
    assert first > 20

    put_count.update(PutObject=0, DeleteObject=0)
    build_site(workers=1)
    assert put_count == {"PutObject": 0, "DeleteObject": 0}

    settings.PUBLISH_ON_SAVE = True
    news = s3_site["news"][1]
    news.title = "温商回归项目签约仪式举行"
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    # The page, its listing and the files that list it; then the upload manifest.
    assert 2 < put_count["PutObject"] < first / 2
    status, _, body = object_storage.public_get(
        object_storage.site, dependencies.page_file(news.url)
    )
    assert "温商回归项目签约仪式举行" in body.decode()

    # A page that leaves the site leaves the bucket, after everything else.
    put_count.update(PutObject=0, DeleteObject=0)
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    assert put_count["DeleteObject"] >= 1
    assert dependencies.page_file(news.url) not in object_storage.keys(object_storage.site)


class PurgeRecorder(BaseHTTPRequestHandler):
    requests = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.requests.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, PurgeRecorder.requests
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_changed_urls_from_the_cdn(
    s3_site, object_storage, purge_server, settings, django_capture_on_commit_callbacks
):
    server, requests = purge_server
    settings.SITE_URL = "https://wzmuseum.example"
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    build_site(workers=1)
    assert requests  # the first upload: everything is new
    requests.clear()

    settings.PUBLISH_ON_SAVE = True
    news = s3_site["news"][1]
    news.title = "温商回归项目签约仪式举行"
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    purged = {path for host, path in requests}
    assert {host for host, path in requests} == {"wzmuseum.example"}
    news_dir = "/" + dependencies.page_file(news.url).removesuffix("index.html")
    index_dir = "/" + dependencies.page_file(s3_site["news_index"].url).removesuffix("index.html")
    assert {news_dir, news_dir + "index.html", index_dir} <= purged
    exhibit_dir = "/" + dependencies.page_file(s3_site["exhibit"].url).removesuffix("index.html")
    assert exhibit_dir not in purged
    assert "/" + upload.MANIFEST not in purged

    # A build that changes nothing purges nothing.
    requests.clear()
    build_site(workers=1)
    assert requests == []


def test_without_a_frontend_cache_nothing_is_purged(settings):
    settings.WAGTAILFRONTENDCACHE = {}
    from frontend.publishing.purge import purge_files

    assert purge_files(["index.html"]) == []
