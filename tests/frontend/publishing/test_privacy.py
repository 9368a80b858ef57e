"""Nothing private reaches a published file, the read APIs or search results.

A restricted collection holds an image and a document, each carrying a unique marker (in
the document's bytes and title, in the image's title and file name); a public page uses
both. Whatever is built or published, no byte of either may appear anywhere.
"""

import hashlib
import json
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.core.factories import DocumentFactory, ImageFactory, document_block, image_block, paragraph
from frontend import share_cards
from frontend.publishing import dependencies, publisher
from frontend.publishing.builder import build_site
from frontend.publishing.manifest import manifest_path
from museum.factories import ArtifactImageFactory
from museum.models import ExhibitPage

pytestmark = pytest.mark.django_db

IMAGE_MARKER = "qzximgmark7"
DOCUMENT_MARKER = "QZXDOCMARK9"
PUBLIC_DOCUMENT_MARKER = "QZXPUBDOC3"


def leaks(root, *markers):
    """Every file under `root` whose name or bytes hold one of `markers`."""
    found = []
    for path in Path(root).rglob("*"):
        name = str(path.relative_to(root))
        if any(marker in name.lower() for marker in map(str.lower, markers)):
            found.append(name)
        elif path.is_file():
            content = path.read_bytes()
            if any(marker.encode() in content for marker in markers):
                found.append(name)
    return found


@pytest.fixture
def private_media(small_site):
    """A login-restricted collection (and a sub-collection) used by a public exhibit."""
    root = Collection.get_first_root_node()
    archive = root.add_child(name="捐赠档案（内部）")
    inner = archive.add_child(name="待审核")
    CollectionViewRestriction.objects.create(collection=archive, restriction_type="login")
    image = ImageFactory(
        title=f"捐赠者照片 {IMAGE_MARKER}",
        collection=inner,
        file__filename=f"donor-{IMAGE_MARKER}.jpg",
    )
    document = DocumentFactory(title=f"捐赠登记表 {DOCUMENT_MARKER}", collection=archive)
    document.file.save(
        f"register-{DOCUMENT_MARKER}.txt",
        ContentFile(f"登记表 {DOCUMENT_MARKER} 联系电话".encode()),
    )
    public_document = DocumentFactory(title=f"展览手册 {PUBLIC_DOCUMENT_MARKER}")
    exhibit = ExhibitPage.objects.get(pk=small_site["other_exhibit"].pk)
    exhibit.hero_image = image
    exhibit.listing_image = image
    exhibit.body = [
        paragraph(
            f'鹿城鞋业。<a linktype="document" id="{document.pk}">内部登记表</a>'
            f' <a linktype="document" id="{public_document.pk}">手册</a>'
            f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="内嵌照片"/>'
        ),
        image_block(image, "捐赠者照片"),
        document_block(document, "登记表"),
        document_block(public_document, "展览手册"),
    ]
    exhibit.save_revision().publish()
    artifact = small_site["artifacts"][1]
    artifact.gallery_images.all().delete()
    ArtifactImageFactory(artifact=artifact, image=image)
    artifact.save_revision().publish()
    exhibit.refresh_from_db()
    return {"image": image, "document": document, "public": public_document, "page": exhibit}


def original_digests(*objects):
    return {hashlib.sha256(obj.file.open("rb").read()).hexdigest() for obj in objects}


def assert_nothing_private(root, private_media):
    assert leaks(root, IMAGE_MARKER, DOCUMENT_MARKER) == []
    originals = original_digests(private_media["image"], private_media["document"])
    for path in Path(root).rglob("*"):
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in originals, path


def api_texts(client, page):
    urls = [
        f"/api/v2/pages/{page.pk}/",
        f"/api/v3/pages/{page.pk}/",
        "/api/v2/pages/?fields=*&limit=100",
        "/api/v2/pages/?type=museum.ExhibitPage&fields=*",
        "/api/v2/pages/?type=museum.ArtifactPage&fields=*",
        "/api/v2/images/?fields=*&limit=100",
        "/api/v2/documents/?fields=*&limit=100",
        "/api/v3/pages/?limit=100",
    ]
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        texts.append(response.content.decode())
    return texts


def test_restricted_image_and_document_never_reach_the_public(
    client, settings, private_media, site_dir, django_capture_on_commit_callbacks
):
    from search import interface

    settings.PUBLISH_ON_SAVE = True
    page = private_media["page"]
    build_site(workers=1)
    root = site_dir.resolve()

    html = (root / dependencies.page_file(page.url)).read_text("utf-8")
    assert "鹿城鞋业" in html and "内部登记表" in html
    assert_nothing_private(site_dir, private_media)

    # An incremental publish of the page, and of a page showing it, keeps it so.
    page.title = "鞋都崛起（修订）"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "鞋都崛起（修订）" in (root / dependencies.page_file(page.url)).read_text("utf-8")
    assert_nothing_private(site_dir, private_media)

    # Neither the read APIs nor search results carry them.
    for text in api_texts(client, page):
        assert IMAGE_MARKER not in text.lower() and DOCUMENT_MARKER not in text
    interface.rebuild()
    for query in ("鞋都崛起", "供销员账本", IMAGE_MARKER, DOCUMENT_MARKER):
        response = client.get("/api/search/", {"q": query})
        assert response.status_code == 200
        data = response.json()
        # Everything but the query the answer echoes.
        text = json.dumps([data["results"], data["facets"], data["suggestions"]])
        assert IMAGE_MARKER not in text.lower() and DOCUMENT_MARKER not in text
        if query in (IMAGE_MARKER, DOCUMENT_MARKER):
            assert data["total"] == 0
    assert "鞋都崛起" in client.get("/api/search/", {"q": "鞋都崛起"}).content.decode()

    # Unpublishing leaves no file of the page behind: HTML, JSON, share card, documents.
    card_dir = f"share-cards/{page.pk}"
    assert (root / "media" / card_dir).is_dir()
    public_copy = root / "documents" / str(private_media["public"].pk)
    assert public_copy.is_dir(), "the public document is published with the page"
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not (root / dependencies.page_file(page.url)).exists()
    assert not (root / dependencies.api_detail_file(page.pk)).exists()
    assert not (root / "media" / card_dir).exists()
    assert not default_storage.exists(f"{card_dir}/") or not default_storage.listdir(card_dir)[1]
    assert not public_copy.exists()
    assert leaks(site_dir, PUBLIC_DOCUMENT_MARKER, "鞋都崛起") == []
    assert_nothing_private(site_dir, private_media)


def test_restricted_document_is_neither_linked_nor_copied(client, private_media, site_dir):
    build_site(workers=1)
    page = private_media["page"]
    html = (site_dir / dependencies.page_file(page.url)).read_text("utf-8")

    restricted, public = private_media["document"], private_media["public"]
    assert f"/documents/{restricted.pk}/" not in html
    assert not (site_dir / "documents" / str(restricted.pk)).exists()
    assert f"/documents/{public.pk}/" in html
    assert (site_dir / "documents" / str(public.pk)).is_dir()
    # The rich-text link keeps its words, without the address.
    assert re.search(r"<a>内部登记表</a>", html)


def test_restricted_image_is_not_rendered_anywhere(client, private_media, site_dir):
    build_site(workers=1)
    page, image = private_media["page"], private_media["image"]
    html = (site_dir / dependencies.page_file(page.url)).read_text("utf-8")

    # No picture, and no caption left without its picture.
    assert "/media/images/donor-" not in html and "捐赠者照片" not in html
    # The share image falls back to a generated card.
    assert "/media/share-cards/" in html
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert api["listing_image"] is None and api["hero_image"] is None
    assert api["body"][1]["value"]["image"] is None
    listing = client.get("/api/v2/pages/?type=museum.ExhibitPage&fields=listing_image").json()
    assert {item["id"]: item["listing_image"] for item in listing["items"]}[page.pk] is None
    artifact = client.get(f"/api/v2/pages/{private_media['page'].pk}/").json()
    assert artifact["hero_image"] is None
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404


def test_originals_and_document_files_are_not_public_media(client, rf, settings, private_media):
    from django.http import Http404

    from frontend.media import is_public_media_path, serve_public_media

    public_image = ImageFactory()
    rendition = public_image.get_rendition("fill-400x300")
    private_rendition = private_media["image"].get_rendition("fill-400x300")
    original = public_image.file.name
    document_file = private_media["public"].file.name

    assert is_public_media_path(rendition.file.name)
    response = serve_public_media(
        rf.get("/media/" + rendition.file.name), rendition.file.name, settings.MEDIA_ROOT
    )
    assert response.status_code == 200
    for path in (original, document_file, private_rendition.file.name, "images/../x"):
        assert not is_public_media_path(path)
        with pytest.raises(Http404):
            serve_public_media(rf.get("/media/" + path), path, settings.MEDIA_ROOT)

    # The API offers a rendition, never the original upload.
    data = client.get(f"/api/v2/images/{public_image.pk}/").json()
    assert "original_images" not in data["meta"]["download_url"]
    assert data["meta"]["download_url"].startswith("/media/images/")
    listed = client.get("/api/v2/images/").content.decode()
    assert "original_images" not in listed
    v3 = client.get(f"/api/v3/images/{public_image.pk}/").json()
    assert "original_images" not in v3["meta"]["download_url"]
    # Public documents go through Wagtail's serve view, which checks their collection.
    assert private_media["public"].url.startswith(f"/documents/{private_media['public'].pk}/")
    assert client.get(private_media["document"].url).status_code in (302, 403)


def test_share_cards_have_no_revision_id_and_leave_with_the_page(
    settings, small_site, site_dir, django_capture_on_commit_callbacks
):
    settings.PUBLISH_ON_SAVE = True
    news = small_site["news"][0]
    first = share_cards.get_card(news)
    assert re.fullmatch(rf"share-cards/{news.pk}/[0-9a-f]{{24}}\.png", first)
    # A new revision with the same text keeps the card; its address names no revision.
    news.save_revision().publish()
    news.refresh_from_db()
    assert share_cards.get_card(news) == first
    assert str(news.live_revision_id) not in Path(first).stem.split("-")

    build_site(workers=1)
    root = site_dir.resolve()
    card = root / "media" / share_cards.get_card(news)
    assert card.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    assert not card.exists()
    assert not (root / "media" / "share-cards" / str(news.pk)).exists()
    assert not default_storage.exists(first)


def test_build_metadata_is_outside_the_served_tree(small_site, site_dir):
    Redirect.add_redirect("/old-museum", redirect_to=small_site["museum"], is_permanent=True)
    build_site(workers=1)
    root = site_dir.resolve()

    assert not (root / ".manifest.json").exists()
    assert not (root / "redirects.nginx.conf").exists()
    assert manifest_path(root).is_file() and root not in manifest_path(root).parents
    nginx = site_dir.parent / "redirects.nginx.conf"
    assert f'"/old-museum/" "{small_site["museum"].url}";' in nginx.read_text()


def test_redirects_to_private_targets_are_not_exported(
    client, settings, small_site, site_dir, django_capture_on_commit_callbacks
):
    settings.PUBLISH_ON_SAVE = True
    hall = small_site["hall"]
    PageViewRestriction.objects.create(
        page=hall, restriction_type=PageViewRestriction.PASSWORD, password="preview"
    )
    Redirect.add_redirect("/old-hall", redirect_to=hall, is_permanent=True)
    Redirect.add_redirect("/old-draft", redirect_to=small_site["draft_news"], is_permanent=True)
    Redirect.add_redirect("/old-museum", redirect_to=small_site["museum"], is_permanent=True)
    build_site(workers=1)
    root = site_dir.resolve()

    netlify = (root / "_redirects").read_text()
    nginx = (site_dir.parent / "redirects.nginx.conf").read_text()
    for text in (netlify, nginx):
        assert "/old-museum" in text
        assert "/old-hall" not in text and hall.url not in text
        assert "/old-draft" not in text and "draft-news" not in text
    assert not (root / "old-hall/index.html").exists()

    listed = client.get("/api/v3/redirects/?limit=100").json()["items"]
    assert {item["old_path"] for item in listed} == {"/old-museum"}
    hidden = Redirect.objects.get(old_path="/old-draft")
    assert client.get(f"/api/v3/redirects/{hidden.pk}/").status_code == 404
    shown = Redirect.objects.get(old_path="/old-museum")
    assert client.get(f"/api/v3/redirects/{shown.pk}/").status_code == 200

    # When its target is published, the redirect is exported with the next publish.
    with django_capture_on_commit_callbacks(execute=True):
        small_site["draft_news"].save_revision().publish()
    assert "/old-draft" in (root / "_redirects").read_text()


def test_live_page_under_an_unpublished_parent_is_not_published(
    client, settings, small_site, site_dir, django_capture_on_commit_callbacks
):
    settings.PUBLISH_ON_SAVE = True
    hall = small_site["hall"]
    build_site(workers=1)
    root = site_dir.resolve()
    exhibit = ExhibitPage.objects.get(pk=small_site["exhibit"].pk)
    exhibit_file = root / dependencies.page_file(exhibit.url)
    assert exhibit_file.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        hall.unpublish()
    exhibit.refresh_from_db()
    assert exhibit.live
    assert not exhibit_file.exists()
    assert exhibit.full_url not in (root / "sitemap.xml").read_text()
    assert not (root / dependencies.api_detail_file(exhibit.pk)).exists()
    for url in (f"/api/v2/pages/{exhibit.pk}/", f"/api/v3/pages/{exhibit.pk}/"):
        assert client.get(url).status_code == 404
    for url in ("/api/v2/pages/?limit=100", "/api/v3/pages/?limit=100"):
        assert exhibit.pk not in {item["id"] for item in client.get(url).json()["items"]}
    linking = client.get(f"/api/v2/pages/{small_site['artifacts'][0].pk}/").content.decode()
    assert hall.title not in linking

    # A full build agrees.
    build_site(workers=1)
    root = site_dir.resolve()
    assert not (root / dependencies.page_file(exhibit.url)).exists()
    # Neither the live child nor a link to its unpublished parent (breadcrumbs) anywhere.
    assert leaks(root, exhibit.title, f'href="{hall.url}"') == []

    # Published again, the parent brings its live children back.
    with django_capture_on_commit_callbacks(execute=True):
        hall.save_revision().publish()
    assert (root / dependencies.page_file(exhibit.url)).is_file()


def test_an_error_after_the_swap_leaves_the_new_site_serving(small_site, site_dir, monkeypatch):
    build_site(workers=1)
    old = site_dir.resolve()

    def failing_replay(site_path, since):
        raise RuntimeError("injected failure while replaying publishes")

    monkeypatch.setattr(publisher, "replay_since", failing_replay)
    with pytest.raises(RuntimeError, match="injected"):
        build_site(workers=1)

    serving = site_dir.resolve()
    assert serving.is_dir() and serving != old
    assert (site_dir / "index.html").is_file()
    assert (site_dir / dependencies.page_file(small_site["exhibit"].url)).is_file()
    assert manifest_path(serving).is_file()
    assert old.is_dir()


def test_restricting_a_collection_later_takes_its_files_off_the_site(
    settings, small_site, site_dir, django_capture_on_commit_callbacks
):
    settings.PUBLISH_ON_SAVE = True
    root_collection = Collection.get_first_root_node()
    archive = root_collection.add_child(name="展览资料")
    image = ImageFactory(collection=archive, file__filename=f"later-{IMAGE_MARKER}.jpg")
    document = DocumentFactory(title=f"资料 {DOCUMENT_MARKER}", collection=archive)
    exhibit = ExhibitPage.objects.get(pk=small_site["other_exhibit"].pk)
    exhibit.body = [image_block(image, "旧影", alt_text="旧影"), document_block(document, "资料")]
    exhibit.save_revision().publish()
    build_site(workers=1)
    root = site_dir.resolve()
    assert leaks(root, IMAGE_MARKER) and (root / "documents" / str(document.pk)).is_dir()

    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(collection=archive, restriction_type="login")

    html = (root / dependencies.page_file(exhibit.url)).read_text("utf-8")
    assert f"/documents/{document.pk}/" not in html and "/media/images/later-" not in html
    assert not (root / "documents" / str(document.pk)).exists()
    assert leaks(root, IMAGE_MARKER, DOCUMENT_MARKER) == []


def test_pages_under_an_unpublished_parent_are_not_shown_on_other_pages(
    settings, small_site, site_dir, django_capture_on_commit_callbacks
):
    settings.PUBLISH_ON_SAVE = True
    build_site(workers=1)
    root = site_dir.resolve()
    artifact, exhibit = small_site["artifacts"][0], small_site["exhibit"]
    assert artifact.url in (root / dependencies.page_file(exhibit.url)).read_text("utf-8")

    with django_capture_on_commit_callbacks(execute=True):
        small_site["collection"].unpublish()

    artifact.refresh_from_db()
    assert artifact.live
    # The exhibit that embedded it no longer links to (or names) the unreachable artifact.
    html = (root / dependencies.page_file(exhibit.url)).read_text("utf-8")
    assert artifact.url not in html and artifact.title not in html
    build_site(workers=1)
    html = (site_dir / dependencies.page_file(exhibit.url)).read_text("utf-8")
    assert artifact.url not in html and artifact.title not in html
