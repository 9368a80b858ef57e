"""The 发布前检查 panel of the news and campaign editor."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from cms.publicity.checks import check_page


class ChecksPanel(Panel):
    """What the checks before publishing find in the draft, with the text highlighted.

    It shows the last saved draft; saving again refreshes it. Submitting, approving and
    publishing run the same checks on what is being sent.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("发布前检查"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "publicity/admin/checks_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            findings = check_page(self.instance) if self.instance.pk else []
            context["saved"] = bool(self.instance.pk)
            context["blocking"] = [finding for finding in findings if finding.blocking]
            context["warnings"] = [finding for finding in findings if not finding.blocking]
            return context
