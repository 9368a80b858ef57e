"""Calendars of the publicity department: campaigns by phase and channel, tours by month.

The same calculations feed the admin calendar and the public calendar section, so both
always agree on what is upcoming, running and past.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PHASES = [("running", _("进行中")), ("upcoming", _("即将开始")), ("past", _("已结束"))]
# The policy plans two to three investment tours home a month.
TOURS_PER_MONTH = (2, 3)


def today():
    return timezone.localdate()


def phase(start, end, on):
    if start > on:
        return "upcoming"
    if end < on:
        return "past"
    return "running"


@dataclass
class ChannelGroup:
    channel: object
    phases: dict = field(default_factory=dict)

    @property
    def total(self):
        return sum(len(items) for items in self.phases.values())


@dataclass
class CampaignCalendar:
    on: datetime.date
    phases: dict
    by_channel: list
    cancelled: list
    months: list
    rows: list

    def phase_list(self):
        return [(key, label, self.phases[key]) for key, label in PHASES]


def month_starts(first, count):
    months = []
    year, month = first.year, first.month
    for _i in range(count):
        months.append(datetime.date(year, month, 1))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return months


def _month_end(month_start):
    following = month_starts(month_start, 2)[1]
    return following - datetime.timedelta(days=1)


def build_campaign_calendar(campaigns, on=None, months_before=2, months_after=6, first_month=None):
    """Group ``campaigns`` (CampaignPage objects) by phase and by channel, plus a month grid.

    Cancelled campaigns are left out of the phases and channels and listed apart.
    """
    on = on or today()
    campaigns = list(campaigns)
    cancelled = [c for c in campaigns if c.status == "cancelled"]
    active = [c for c in campaigns if c.status != "cancelled"]
    phases = {key: [] for key, _label in PHASES}
    for campaign in active:
        phases[phase(campaign.start_date, campaign.end_date, on)].append(campaign)
    phases["running"].sort(key=lambda c: (c.end_date, c.title))
    phases["upcoming"].sort(key=lambda c: (c.start_date, c.title))
    phases["past"].sort(key=lambda c: (c.end_date, c.title), reverse=True)

    channels = {}
    without_channel = ChannelGroup(None, {key: [] for key, _label in PHASES})
    for key, _label in PHASES:
        for campaign in phases[key]:
            campaign_channels = list(campaign.channels.all())
            if not campaign_channels:
                without_channel.phases[key].append(campaign)
            for channel in campaign_channels:
                group = channels.setdefault(
                    channel.pk, ChannelGroup(channel, {k: [] for k, _l in PHASES})
                )
                group.phases[key].append(campaign)
    by_channel = [channels[pk] for pk in sorted(channels)]
    if without_channel.total:
        by_channel.append(without_channel)

    if first_month is not None:
        first = first_month.replace(day=1)
    else:
        first = on.replace(day=1)
        for _i in range(months_before):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
    months = month_starts(first, months_before + 1 + months_after)
    last = _month_end(months[-1])
    rows = []
    for campaign in sorted(active, key=lambda c: (c.start_date, c.title)):
        if campaign.end_date < months[0] or campaign.start_date > last:
            continue
        cells = [
            campaign.start_date <= _month_end(month) and campaign.end_date >= month
            for month in months
        ]
        rows.append({"campaign": campaign, "cells": cells})
    return CampaignCalendar(on, phases, by_channel, cancelled, months, rows)


@dataclass
class TourMonth:
    month: datetime.date
    tours: list

    @property
    def on_plan(self):
        low, _high = TOURS_PER_MONTH
        return len(self.tours) >= low


def build_tour_calendar(events, on=None):
    """Investment tours grouped by month: upcoming months first (soonest first), then past."""
    on = on or today()
    months = {}
    for event in events:
        key = event.start_date.replace(day=1)
        months.setdefault(key, []).append(event)
    for tours in months.values():
        tours.sort(key=lambda e: (e.start_date, e.title))
    current = on.replace(day=1)
    upcoming = [TourMonth(m, months[m]) for m in sorted(months) if m >= current]
    past = [TourMonth(m, months[m]) for m in sorted(months, reverse=True) if m < current]
    return {"upcoming": upcoming, "past": past, "per_month": TOURS_PER_MONTH, "on": on}
