"""What a build holds: one entry per published page, kept beside the files it describes.

An entry records the page's URL, locale, translation key, type, title, menu flag, parent,
listing subpaths and what its last rendering showed (``deps``: pages shown as content,
``ldeps``: ancestors and menu pages whose titles it shows, ``types``: page types shown).

The manifest names page ids, translation keys and the dependency graph, so it is kept
beside the build directory (``.site.<stamp>.manifest.json``), never inside the served tree.
"""

import json
from pathlib import Path

from . import writer

VERSION = 1


class Manifest:
    def __init__(self, pages=None, redirect_files=None):
        self.pages = pages or {}
        self.redirect_files = redirect_files or []

    @classmethod
    def load(cls, root):
        path = manifest_path(root)
        if not path.is_file():
            return cls()
        data = json.loads(path.read_text("utf-8"))
        pages = {int(pk): entry for pk, entry in data.get("pages", {}).items()}
        return cls(pages, data.get("redirect_files", []))

    def save(self, root):
        data = {
            "version": VERSION,
            "pages": {str(pk): self.pages[pk] for pk in sorted(self.pages)},
            "redirect_files": sorted(self.redirect_files),
        }
        path = manifest_path(root)
        writer.write_text(
            path.parent, path.name, json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        )

    def by_url(self):
        return {entry["url"]: pk for pk, entry in self.pages.items()}


def manifest_path(root):
    """Where the manifest of the build at `root` lives: a hidden file beside it."""
    root = Path(root)
    return root.parent / f".{root.name}.manifest.json"


def remove_build_metadata(root):
    manifest_path(root).unlink(missing_ok=True)
