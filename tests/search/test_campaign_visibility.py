"""Campaigns the site keeps back (planned, cancelled) are found by no search, as they are
shown on no page: search asks the same visibility rule as the static site."""

import pytest

from cms.publicity.factories import CampaignIndexPageFactory, CampaignPageFactory
from cms.publicity.models import CampaignPage
from search import interface


def found(q):
    return [hit.page_id for hit in interface.search(q).results]


@pytest.mark.django_db
@pytest.mark.parametrize("rebuild", [False, True], ids=["on publish", "full rebuild"])
def test_campaigns_kept_back_are_not_searchable(home_page, rebuild):
    index = CampaignIndexPageFactory(parent=home_page)
    planned = CampaignPageFactory(
        parent=index, title="新生代回家看看计划", status=CampaignPage.Status.PLANNED
    )
    approved = CampaignPageFactory(parent=index, title="世界温商大会回家看看")
    for page in (planned, approved):
        interface.index(page)
    if rebuild:
        interface.rebuild()
    assert found("回家看看") == [approved.pk]
    assert [s["title"] for s in interface.suggest("回家看看")] == [approved.title]

    # Approval brings the campaign in; cancelling it takes it out again.
    planned.status = CampaignPage.Status.APPROVED
    planned.save_revision().publish()
    interface.index(planned)
    assert planned.pk in found("新生代")
    planned.status = CampaignPage.Status.CANCELLED
    planned.save_revision().publish()
    interface.index(planned)
    assert found("新生代") == []
