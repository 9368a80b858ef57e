"""The investment-promotion staff's listings: projects, chambers and tours under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from cms.chambers.views import ChamberListingViewSet
from cms.events.views import EventListingViewSet

from .views import ProjectListingViewSet


class InvestmentListingsGroup(ViewSetGroup):
    menu_label = _("招商数据")
    menu_icon = "table"
    menu_order = 260
    items = (ProjectListingViewSet, ChamberListingViewSet, EventListingViewSet)


@hooks.register("register_admin_viewset")
def register_investment_listings():
    return InvestmentListingsGroup()
