"""Upload the static site to object storage, changed files only, the old version serving meanwhile.

With STORAGES["site"] configured (S3_SITE_BUCKET), builds and incremental publishes still
render into a local working copy (STATIC_SITE_DIR points at STATIC_SITE_WORK_DIR, a private
directory nobody serves); `sync` then makes the bucket match it:

1. every file of the working copy is hashed (MD5, as S3 ETags of single-part uploads) and
   compared with the upload manifest, an object in the bucket listing what was uploaded and
   its hash; only files whose hash differs are sent;
2. assets go first (hashed static files, renditions, share cards, documents), then HTML, JSON,
   XML and the rest that names them, so no page is served before what it shows;
3. the manifest is written, and only then files that left the site are deleted.

A sync killed half-way leaves the bucket serving a mix of complete old and new files (each
object is replaced whole) and the old manifest, so the next sync sends the rest again. The
precompressed `.gz`/`.br` twins stay local: an object store cannot choose between them. The
caller holds the site lock, whose name follows the bucket (locks.lock_name), so two hosts never
upload one site at once.
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages

from .writer import COMPRESSED_TWINS

logger = logging.getLogger(__name__)

ALIAS = "site"
MANIFEST = ".wzm-upload-manifest.json"
# Uploaded after everything else: the files that name other files.
DOCUMENT_SUFFIXES = {".html", ".json", ".xml", ".txt", ".rss", ".atom"}


@dataclass
class SyncReport:
    uploaded: list = field(default_factory=list)
    deleted: list = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self):
        return self.uploaded + self.deleted


def enabled():
    return ALIAS in settings.STORAGES


def site_storage():
    return storages[ALIAS]


def target_name():
    """The bucket and prefix, naming the site's lock the same on every host."""
    options = settings.STORAGES[ALIAS].get("OPTIONS", {})
    return f"s3://{options.get('bucket_name', '')}/{options.get('location', '')}"


def local_files(root):
    """{relative name: md5} of what the site serves, without twins and hidden files."""
    root = Path(root)
    files = {}
    for path in root.rglob("*"):
        if not path.is_file() or path.suffix in COMPRESSED_TWINS:
            continue
        relative = path.relative_to(root)
        # Hidden files (temporary files of a writer, anything internal) are never published.
        if any(part.startswith(".") for part in relative.parts):
            continue
        relative = relative.as_posix()
        files[relative] = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
    return files


def load_manifest(storage):
    if not storage.exists(MANIFEST):
        return {}
    with storage.open(MANIFEST, "rb") as handle:
        return json.loads(handle.read().decode("utf-8")).get("files", {})


def save_manifest(storage, files):
    data = json.dumps({"version": 1, "files": files}, sort_keys=True, separators=(",", ":"))
    # Private whatever the bucket's default: it names every file, as the build's manifest does.
    _save(storage, MANIFEST, data.encode("utf-8"), acl="private")


def _save(storage, name, content, acl=None):
    params = storage.get_object_parameters(name)
    if acl:
        params["ACL"] = acl
    obj = storage.bucket.Object(storage._normalize_name(name))
    if "ContentType" not in params:
        params["ContentType"] = "application/octet-stream"
    if "ACL" not in params and storage.default_acl:
        params["ACL"] = storage.default_acl
    obj.put(Body=content, **params)


def upload_order(name):
    return (Path(name).suffix in DOCUMENT_SUFFIXES, name)


def sync(root, storage=None):
    """Make the bucket serve the working copy at `root`; returns what changed."""
    storage = storage or site_storage()
    root = Path(root).resolve()
    local = local_files(root)
    remote = load_manifest(storage)
    report = SyncReport()
    uploaded = dict(remote)
    for name in sorted((n for n in local if remote.get(n) != local[n]), key=upload_order):
        _save(storage, name, (root / name).read_bytes())
        uploaded[name] = local[name]
        report.uploaded.append(name)
    report.unchanged = len(local) - len(report.uploaded)
    gone = sorted(set(remote) - set(local))
    if report.uploaded or gone:
        save_manifest(storage, {**uploaded, **{n: local[n] for n in local}})
    for name in gone:
        storage.delete(name)
        report.deleted.append(name)
    if gone:
        save_manifest(storage, local)
    logger.info(
        "Uploaded %d file(s), deleted %d, %d unchanged",
        len(report.uploaded),
        len(report.deleted),
        report.unchanged,
    )
    return report


def after_publish(root, changed=None, previous=None):
    """What builds and publishes call once their files are written: upload, then purge.

    `changed` names the files a publish wrote or removed; a full build gives the `previous`
    build directory instead (or neither, the first time). Returns the sync report or None.
    """
    if root is None:
        return None
    report = None
    if enabled():
        report = sync(root)
        changed = report.changed
    elif (
        changed is None and previous is not None and getattr(settings, "WAGTAILFRONTENDCACHE", None)
    ):
        # Hashing both builds is only worth it when a CDN is told what changed.
        old, new = local_files(previous), local_files(root)
        changed = sorted(n for n in set(old) | set(new) if old.get(n) != new.get(n))
    if changed:
        from .purge import purge_files

        purge_files(changed)
    return report
