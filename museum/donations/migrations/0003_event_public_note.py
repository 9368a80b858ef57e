"""A public note on each status change, and a history for donations that lack one.

Donations whose trail does not reach their current status (rows changed outside the admin)
get the missing steps, dated by what the row knows: received at submission, the current
status at the last update, so the donor's status page never shows an empty history.
"""

from django.db import migrations, models


def fill_history(apps, schema_editor):
    Donation = apps.get_model("donations", "Donation")
    DonationEvent = apps.get_model("donations", "DonationEvent")
    for donation in Donation.objects.all().iterator():
        statuses = set(donation.events.values_list("to_status", flat=True))
        if "received" not in statuses:
            event = DonationEvent.objects.create(
                donation=donation, from_status="", to_status="received", note=""
            )
            # auto_now_add ignores the value given on create.
            DonationEvent.objects.filter(pk=event.pk).update(created_at=donation.created_at)
        if donation.status not in statuses and donation.status != "received":
            event = DonationEvent.objects.create(
                donation=donation, from_status="", to_status=donation.status, note=""
            )
            when = donation.accessioned_at or donation.updated_at
            DonationEvent.objects.filter(pk=event.pk).update(created_at=when)


class Migration(migrations.Migration):
    dependencies = [("donations", "0002_donor_credit")]

    operations = [
        migrations.AddField(
            model_name="donationevent",
            name="public_note",
            field=models.TextField(blank=True, max_length=1000, verbose_name="给捐赠人的说明"),
        ),
        migrations.RunPython(fill_history, migrations.RunPython.noop),
    ]
