"""What a build holds: one entry per published page, kept beside the files it describes.

An entry records the page's URL, locale, translation key, type, title, menu flag, parent,
listing subpaths and what its last rendering showed (``deps``: pages shown as content,
``ldeps``: ancestors and menu pages whose titles it shows, ``types``: page types shown).
"""

import json

from . import writer
from .dependencies import MANIFEST_PATH

VERSION = 1


class Manifest:
    def __init__(self, pages=None, redirect_files=None):
        self.pages = pages or {}
        self.redirect_files = redirect_files or []

    @classmethod
    def load(cls, root):
        path = writer.resolve(root, MANIFEST_PATH)
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
        writer.write_text(
            root, MANIFEST_PATH, json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        )

    def by_url(self):
        return {entry["url"]: pk for pk, entry in self.pages.items()}
