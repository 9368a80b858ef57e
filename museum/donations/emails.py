"""Emails to donors, in the language they used on the form."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import DonationNotification, DonationStatus

logger = logging.getLogger(__name__)


def backend_base():
    return getattr(settings, "BACKEND_URL", "") or settings.WAGTAILADMIN_BASE_URL


def render_notification(notification):
    donation = notification.donation
    with translation.override(donation.language or settings.LANGUAGE_CODE):
        context = {
            "donation": donation,
            "status": notification.status,
            "status_label": DonationStatus(notification.status).label,
            "status_url": backend_base() + reverse("donations:status"),
        }
        subject = _("【世界温商博物馆】捐赠 %(reference)s：%(status)s") % {
            "reference": donation.reference,
            "status": context["status_label"],
        }
        body = render_to_string("donations/email/notification.txt", context)
    return subject, body


def send_notification(notification):
    """Send one notification; returns True when sent, records the failure otherwise."""
    subject, body = render_notification(notification)
    try:
        send_mail(subject, body, None, [notification.donation.email], fail_silently=False)
    except Exception as exc:  # any backend error: SMTP, DNS, a misconfigured backend
        DonationNotification.objects.filter(pk=notification.pk).update(
            attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        logger.warning(
            "Email for donation %s (%s) failed: %s",
            notification.donation.reference,
            notification.status,
            exc,
        )
        return False
    DonationNotification.objects.filter(pk=notification.pk).update(
        attempts=F("attempts") + 1, sent_at=timezone.now(), last_error=""
    )
    return True


def send_pending(notifications):
    sent = failed = 0
    for notification in notifications.select_related("donation").order_by("created_at", "pk"):
        if send_notification(notification):
            sent += 1
        else:
            failed += 1
    return sent, failed
