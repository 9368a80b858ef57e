"""Donor emails as a background task: the donor's request and the curator's action only queue.

What is owed is kept in `DonationNotification` rows, so a task lost with its worker or a failed
send is picked up by `retry_donation_emails`.
"""

from django_tasks import task


@task()
def notify_donor(donation_id):
    from .emails import send_pending
    from .models import DonationNotification

    send_pending(DonationNotification.objects.filter(donation_id=donation_id, sent_at__isnull=True))
