"""What every backend shares: walking the page tree for a rebuild and shaping hits."""

import time

from django.db.models import Prefetch
from django.utils.translation import get_language
from modelsearch import index as msindex

from cms.core.visibility import hidden_from_public_q

from ..documents import (
    build_document,
    facet_labels,
    halls_by_path,
    indexed_page_models,
    unpublished_paths,
)
from ..interface import FacetCount

IMAGE_SPEC = "fill-400x300|format-webp"
BATCH_SIZE = 500


def iter_documents(stdout=None):
    """Documents for every live public page, model by model, in batches."""
    halls = halls_by_path()
    dead_paths = unpublished_paths()
    hidden = hidden_from_public_q()
    for model in indexed_page_models():
        queryset = (
            model.objects.live()
            .public()
            .exclude(hidden)
            .exact_type(model)
            .filter(depth__gt=1)
            .select_related("locale")
        )
        prefetch = [
            f.field_name for f in model.get_search_fields() if isinstance(f, msindex.RelatedFields)
        ]
        for name in ("business_locations", "gallery_images"):
            if hasattr(model, name) and name not in prefetch:
                prefetch.append(name)
        if "gallery_images" in prefetch:
            prefetch.remove("gallery_images")
            prefetch.append(Prefetch("gallery_images"))
        queryset = queryset.prefetch_related(*prefetch).order_by("pk")
        count = 0
        for page in queryset.iterator(chunk_size=BATCH_SIZE):
            document = build_document(page, known_public=True, halls=halls, dead_paths=dead_paths)
            if document is not None:
                count += 1
                yield document
        if stdout is not None and count:
            stdout.write(f"  {model._meta.label}: {count}")


def facet_payload(counts, lang):
    """{name: [(value, count)]} -> {name: [FacetCount]} with labels, most frequent first."""
    out = {}
    for name, pairs in counts.items():
        labels = facet_labels(name, [v for v, _ in pairs], lang or get_language())
        ordered = sorted(pairs, key=lambda p: (-p[1], p[0]))
        if name in ("era", "year"):
            ordered = sorted(pairs, key=lambda p: p[0])
        out[name] = [FacetCount(value=v, label=labels.get(v, v), count=c) for v, c in ordered]
    return out


def image_url(image):
    from cms.core.visibility import is_public_media

    # A result never shows an image from a restricted collection.
    if image is None or not is_public_media(image):
        return None
    try:
        return image.get_rendition(IMAGE_SPEC).url
    except Exception:  # a missing source file must not break a result list
        return None


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.ms = round((time.perf_counter() - self.start) * 1000, 2)
