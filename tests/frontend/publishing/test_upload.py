"""frontend/publishing/upload.py on a small tree against moto's S3-compatible TEST server."""

import pytest
from django.core.files.storage import storages

from frontend.publishing import upload


@pytest.fixture
def calls(object_storage):
    """The PutObject and DeleteObject requests the site storage sends, in order."""
    sent = []

    def record(event_name, params, **kwargs):
        sent.append((event_name.split(".")[-1], params["Key"]))

    events = storages["site"].connection.meta.client.meta.events
    events.register("before-parameter-build.s3.PutObject", record)
    events.register("before-parameter-build.s3.DeleteObject", record)
    yield sent
    events.unregister("before-parameter-build.s3.PutObject", record)
    events.unregister("before-parameter-build.s3.DeleteObject", record)


def write(root, files):
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def test_only_changed_files_are_sent_assets_first_removals_last(tmp_path, object_storage, calls):
    root = tmp_path / "build"
    write(
        root,
        {
            "index.html": b"<img src=/media/images/a.jpg>",
            "media/images/a.jpg": b"jpeg",
            "static/site.0123456789ab.css": b"body{}",
            "old/index.html": b"old",
            "index.html.gz": b"twin",
            ".tmp-x~": b"half-written",
        },
    )
    upload.sync(root)
    puts = [key for op, key in calls if op == "PutObject"]
    assert puts == [
        "media/images/a.jpg",
        "static/site.0123456789ab.css",
        "index.html",
        "old/index.html",
        upload.MANIFEST,
    ]

    calls.clear()
    assert upload.sync(root).changed == []
    assert calls == []

    write(root, {"index.html": b"<p>new</p>", "media/images/b.jpg": b"jpeg2"})
    (root / "old" / "index.html").unlink()
    report = upload.sync(root)
    assert report.uploaded == ["media/images/b.jpg", "index.html"]
    assert report.deleted == ["old/index.html"]
    assert calls == [
        ("PutObject", "media/images/b.jpg"),
        ("PutObject", "index.html"),
        ("PutObject", upload.MANIFEST),
        ("DeleteObject", "old/index.html"),
        ("PutObject", upload.MANIFEST),
    ]
    assert sorted(object_storage.keys(object_storage.site)) == sorted(
        [
            upload.MANIFEST,
            "index.html",
            "media/images/a.jpg",
            "media/images/b.jpg",
            "static/site.0123456789ab.css",
        ]
    )


def test_a_lost_manifest_sends_everything_again(tmp_path, object_storage, calls):
    """The manifest is the record of what was uploaded: without it everything goes again."""
    root = tmp_path / "build"
    write(root, {"index.html": b"home"})
    upload.sync(root)
    object_storage.client.delete_object(Bucket=object_storage.site, Key=upload.MANIFEST)
    calls.clear()
    assert upload.sync(root).uploaded == ["index.html"]
