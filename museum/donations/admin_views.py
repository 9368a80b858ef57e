"""Curators' views in the Wagtail admin: list, detail with photos, status moves and accession."""

import django_filters
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.permissions import policy_registry

from museum.models.collection import ObjectType

from .accession import AccessionError, accession
from .forms import AccessionForm, StatusChangeForm
from .models import Donation, DonationPhoto, DonationStatus
from .services import DONOR_FIELDS, TransitionError, change_status


def _policy():
    return policy_registry.get_by_type(Donation)


def _require(user, action):
    if not _policy().user_has_permission(user, action):
        raise PermissionDenied


def _country_choices():
    countries = Donation.objects.order_by("country").values_list("country", flat=True).distinct()
    return [(country, country) for country in countries]


class DonationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("状态"), choices=DonationStatus.choices)
    category = django_filters.ChoiceFilter(label=gettext_lazy("类别"), choices=ObjectType.choices)
    country = django_filters.ChoiceFilter(
        label=gettext_lazy("国家或地区"), choices=_country_choices
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("提交日期"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Donation
        fields = ["status", "category", "country", "created_at"]


class DonationIndexView(generic.IndexView):
    filterset_class = DonationFilterSet


class DonationInspectView(generic.InspectView):
    template_name = "donations/admin/inspect.html"
    fields = [
        "reference",
        "status",
        "created_at",
        *DONOR_FIELDS,
        "language",
        "accession_number",
        "accessioned_at",
    ]

    def get_object(self, queryset=None):
        return get_object_or_404(Donation.objects.select_related("chamber", "artifact"), pk=self.pk)

    def get_language_display_value(self):
        return dict(settings.LANGUAGES).get(self.object.language, self.object.language)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        donation = self.object
        user = self.request.user
        context["photos"] = [
            (photo, reverse("donations_admin:photo", args=(donation.pk, photo.pk)))
            for photo in donation.photos.all()
        ]
        context["events"] = donation.events.select_related("actor")
        context["notifications"] = donation.notifications.all()
        if _policy().user_has_permission(user, "review") and any(
            status != DonationStatus.ACCESSIONED for status in donation.allowed_transitions()
        ):
            context["status_form"] = StatusChangeForm(donation=donation)
            context["status_url"] = reverse("donations_admin:transition", args=(donation.pk,))
        if (
            _policy().user_has_permission(user, "accession")
            and donation.status == DonationStatus.ACCEPTED
        ):
            context["accession_form"] = AccessionForm(
                initial={"accession_number": suggested_accession_number(donation)},
                donation=donation,
            )
            context["credit_line"] = donation.credit_line()
            context["accession_url"] = reverse("donations_admin:accession", args=(donation.pk,))
        if donation.artifact_id:
            context["artifact_edit_url"] = reverse(
                "wagtailadmin_pages:edit", args=(donation.artifact_id,)
            )
        return context


def suggested_accession_number(donation):
    """WZM-<year>-D<donation number>: the D keeps donated objects apart from the founding collection."""
    year = donation.reference.split("-")[1]
    return f"WZM-{year}-D{donation.pk:06d}"


def photo(request, pk, photo_id):
    """Donation photos are private: served only to those who may see donations."""
    _require(request.user, "view")
    item = get_object_or_404(DonationPhoto, pk=photo_id, donation_id=pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=f"image/{item.format.lower()}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def transition(request, pk):
    _require(request.user, "review")
    donation = get_object_or_404(Donation, pk=pk)
    form = StatusChangeForm(request.POST, donation=donation)
    if form.is_valid():
        try:
            change_status(
                donation.pk,
                form.cleaned_data["to_status"],
                form.cleaned_data["note"],
                request.user,
                public_note=form.cleaned_data["public_note"],
            )
        except TransitionError:
            messages.error(request, _("该捐赠的状态已被他人更改，请刷新后重试。"))
        else:
            messages.success(
                request,
                _("%(reference)s 已变更为“%(status)s”。")
                % {
                    "reference": donation.reference,
                    "status": DonationStatus(form.cleaned_data["to_status"]).label,
                },
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("donations_admin:inspect", pk)


@require_POST
def accession_view(request, pk):
    _require(request.user, "accession")
    donation = get_object_or_404(Donation, pk=pk)
    form = AccessionForm(request.POST, donation=donation)
    if form.is_valid():
        try:
            artifact = accession(
                donation.pk,
                form.cleaned_data["accession_number"],
                form.cleaned_data["note"],
                request.user,
                public_photo_ids=form.cleaned_data["public_photos"],
                public_note=form.cleaned_data["public_note"],
            )
        except TransitionError:
            messages.error(request, _("只有已接受的捐赠才能入藏。"))
        except AccessionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("已创建藏品草稿“%(title)s”，请补充信息后提交发布。") % {"title": artifact.title},
            )
            return redirect("wagtailadmin_pages:edit", artifact.pk)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("donations_admin:inspect", pk)
