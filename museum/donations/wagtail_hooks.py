"""Donations in the Wagtail admin, for curators and site administrators only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import policy_registry

from museum.models.collection import ArtifactPage

from . import admin_views
from .models import Donation


class DonationViewSet(ModelViewSet):
    model = Donation
    name = "donations_admin"
    url_prefix = "donations"
    icon = "mail"
    menu_label = _("藏品捐赠")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = admin_views.DonationIndexView
    inspect_view_class = admin_views.DonationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "reference",
        "title",
        "donor_name",
        "country",
        "category",
        "status",
        "created_at",
    ]
    # Searched in the database, never through the search index: donor data stays out of it.
    search_fields = [
        "reference",
        "title",
        "donor_name",
        "email",
        "phone",
        "wechat",
        "country",
        "city",
    ]
    search_backend_name = None
    list_per_page = 50
    # Needed to build the generic create/edit views, which the permission policy never allows.
    form_fields = ["status"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("photo/<int:pk>/<int:photo_id>/", admin_views.photo, name="photo"),
            path("transition/<int:pk>/", admin_views.transition, name="transition"),
            path("accession/<int:pk>/", admin_views.accession_view, name="accession"),
        ]

    def get_permissions_to_register(self):
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Donation),
            codename__in=[
                "view_donation",
                "review_donation",
                "accession_donation",
                "delete_donation",
            ],
        )


donation_viewset = DonationViewSet()


@hooks.register("register_admin_viewset")
def register_donation_viewset():
    return donation_viewset


@hooks.register("register_page_header_buttons")
def donation_link_on_artifact(page, user, view_name, next_url=None):
    """The artifact's side of the link: back to the donation it came from."""
    if not isinstance(page.specific_deferred, ArtifactPage):
        return
    if not policy_registry.get_by_type(Donation).user_has_permission(user, "view"):
        return
    for donation in Donation.objects.filter(artifact_id=page.pk).only("pk", "reference"):
        yield Button(
            _("捐赠记录 %(reference)s") % {"reference": donation.reference},
            url=reverse("donations_admin:inspect", args=(donation.pk,)),
            icon_name="mail",
            priority=90,
        )
