"""The edit form of news and campaigns: the checks before publishing hold at every step."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms.core.forms import BasePageForm
from cms.publicity.checks import blocking_findings

#: Buttons of the page editor that move a page toward publication.
CHECKED_ACTIONS = ("action-submit", "action-publish", "action-restart-workflow")


class PublicityPageForm(BasePageForm):
    def moves_toward_publication(self):
        if any(self.data.get(name) for name in CHECKED_ACTIONS):
            return True
        return (
            bool(self.data.get("action-workflow-action"))
            and self.data.get("workflow-action-name") == "approve"
        )

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not self.moves_toward_publication():
            return
        findings = blocking_findings(self.instance)
        for finding in findings:
            field = finding.field if finding.field in self.fields else None
            text = finding.message
            if finding.text:
                text += _("：“…%(before)s【%(text)s】%(after)s…”") % {
                    "before": finding.before,
                    "text": finding.text,
                    "after": finding.after,
                }
            self.add_error(field, ValidationError(f"{finding.where}：{text}"))
        if findings:
            self.add_error(
                None,
                ValidationError(
                    _("有 %(count)d 处必须修改后才能提交或发布，见下方标出的位置。")
                    % {"count": len(findings)}
                ),
            )
