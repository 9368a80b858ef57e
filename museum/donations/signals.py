"""Keep private files in step with their rows, and release accessioned photos on publication."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published

from museum.models.collection import ArtifactPage

from .models import DonationPhoto


@receiver(post_delete, sender=DonationPhoto)
def remove_photo_file(sender, instance, **kwargs):
    name = instance.file.name
    storage = instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@receiver(page_published, sender=ArtifactPage)
def release_donated_images(sender, instance, **kwargs):
    """Images of an accessioned donation stay in a restricted collection until the artifact is live."""
    from .accession import release_images

    release_images(instance)
