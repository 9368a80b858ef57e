"""Accession: an accepted donation becomes a draft ArtifactPage with the donor's photos as Wagtail images."""

import os

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Locale

from museum.models.collection import ArtifactImage, ArtifactPage, CollectionIndexPage

from .models import Donation, DonationIntent, DonationStatus
from .services import TransitionError, notify_pending, record_event

PENDING_COLLECTION = "捐赠藏品（待发布）"


class AccessionError(Exception):
    pass


def pending_collection():
    """A collection hidden from the public image API (login required) until the artifact is live."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PENDING_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=PENDING_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def release_images(artifact):
    """On publication, the artifact's images leave the pending collection for the root one."""
    pending = Collection.objects.filter(name=PENDING_COLLECTION).first()
    if pending is None or not artifact.donations.exists():
        return
    image_ids = artifact.gallery_images.values_list("image_id", flat=True)
    get_image_model().objects.filter(pk__in=list(image_ids), collection=pending).update(
        collection=Collection.get_first_root_node()
    )


def _paragraphs(text):
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.splitlines() if part.strip())


def _collection_index():
    default = Locale.get_default()
    return (
        CollectionIndexPage.objects.filter(locale=default).first()
        or CollectionIndexPage.objects.first()
    )


def _unique_slug(parent, base):
    slug, n = base, 1
    siblings = parent.get_children()
    while siblings.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _provenance(donation):
    """How the object came to the museum, credited as the donor chose; nothing else about them
    (city, country, contact details) leaves the donation record."""
    intent = {
        DonationIntent.DONATE: pgettext("provenance", "捐赠"),
        DonationIntent.LOAN: pgettext("provenance", "出借"),
        DonationIntent.DIGITAL: pgettext("provenance", "提供数字副本"),
    }[DonationIntent(donation.intent)]
    date = timezone.localtime(donation.created_at).strftime("%Y-%m-%d")
    text = _("%(credit)s 于 %(date)s %(intent)s。") % {
        "credit": donation.credit_line(),
        "date": date,
        "intent": intent,
    }
    html = f"<p>{escape(text)}</p>"
    if donation.story and donation.consent_display:
        html += _paragraphs(donation.story)
    return html


def accession(donation_id, accession_number, note, user, public_photo_ids=(), public_note=""):
    """Create the draft artifact, copy the photos the curator chose for the public (none unless
    chosen) and move the donation to accessioned, at once."""
    written = []
    try:
        with transaction.atomic():
            donation = Donation.objects.select_for_update().get(pk=donation_id)
            if donation.status != DonationStatus.ACCEPTED or donation.artifact_id:
                raise TransitionError(f"{donation.status} -> accessioned")
            index = _collection_index()
            if index is None:
                raise AccessionError(_("还没有馆藏目录页，请先在博物馆首页下创建馆藏目录。"))
            artifact = ArtifactPage(
                title=donation.title,
                slug=_unique_slug(index, slugify(accession_number) or f"donation-{donation.pk}"),
                locale=index.locale,
                live=False,
                accession_number=accession_number,
                object_type=donation.category,
                era=donation.era or _("年代待考"),
                description=_paragraphs(donation.description),
                provenance=_provenance(donation),
                donor=donation.credit_line(),
                owner=user,
            )
            index.add_child(instance=artifact)
            collection = pending_collection()
            Image = get_image_model()
            chosen = donation.photos.filter(pk__in=list(public_photo_ids))
            for position, photo in enumerate(chosen, start=1):
                with photo.file.open("rb") as fh:
                    image = Image(
                        title=f"{donation.title} {position}",
                        collection=collection,
                        uploaded_by_user=user,
                        file=ImageFile(fh, name=os.path.basename(photo.file.name)),
                    )
                    image.save()
                written.append(image.file.name)
                ArtifactImage.objects.create(artifact=artifact, image=image, sort_order=position)
            artifact.save_revision(user=user, log_action=True)
            from_status = donation.status
            donation.artifact = artifact
            donation.accession_number = accession_number
            donation.accessioned_at = timezone.now()
            donation.status = DonationStatus.ACCESSIONED
            donation.save()
            record_event(
                donation,
                from_status,
                DonationStatus.ACCESSIONED,
                note,
                user,
                public_note=public_note,
            )
    except BaseException:
        storage = get_image_model()._meta.get_field("file").storage
        for name in written:
            storage.delete(name)
        raise
    transaction.on_commit(lambda: notify_pending(donation))
    return artifact
