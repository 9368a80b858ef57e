"""Images and documents on the public site: shown only when `cms.core.visibility` allows.

The restricted collections are looked up once per build or publish run (`remember`), and
on every call outside one (live views, previews).
"""

from cms.core import visibility

from .publishing.runcache import remember


def is_public_media(obj):
    restricted = remember("restricted-collections", visibility.restricted_collection_ids)
    return visibility.is_public_media(obj, restricted)


def public_media(obj):
    """`obj` when the public may see it, else None."""
    return obj if obj is not None and is_public_media(obj) else None


# What of MEDIA_ROOT the public may fetch by URL: image renditions (of public images) and
# share cards. Originals (`original_images/`) and raw document files (`documents/`, served
# through Wagtail's document view, which checks collection restrictions) never.
PUBLIC_MEDIA_PREFIXES = ("images/", "share-cards/")


def is_public_media_path(path):
    """Whether a path under MEDIA_ROOT may be served to anyone."""
    from wagtail.images import get_image_model

    if ".." in path.split("/") or not path.startswith(PUBLIC_MEDIA_PREFIXES):
        return False
    if path.startswith("images/"):
        rendition_model = get_image_model().get_rendition_model()
        rendition = rendition_model.objects.filter(file=path).select_related("image").first()
        return rendition is not None and is_public_media(rendition.image)
    return True


def serve_public_media(request, path, document_root=None):
    """The development server's /media/: only what `is_public_media_path` allows."""
    from django.http import Http404
    from django.views.static import serve

    if not is_public_media_path(path):
        raise Http404(path)
    return serve(request, path, document_root=document_root)
