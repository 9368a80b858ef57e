"""Keeps one click on a review button to one review action.

Wagtail 8's editor autosaves the edit form whenever its data changes, and
``workflow-action.js`` adds the hidden inputs ``action-workflow-action`` and
``workflow-action-name`` to that form on the click of 批准. The autosave request then
carries the approval too: one click approved the current step (autosave) and the next
(the form's own submission), and at the last step the late one saved the pre-publish
page over the published one. An autosave (a request that does not accept HTML) is
never allowed to act on the review or publish; and an approval is applied only to the
step the form was rendered for.
"""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

#: The hidden input naming the workflow task state the edit form was rendered for.
TASK_STATE_INPUT = "review_task_state_id"

#: POST keys of the page editor that publish or act on a workflow.
ACTION_KEYS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
    "action-cancel-workflow",
    "action-unpublish",
)


def refuse_stale_or_autosaved_actions(request, page):
    """``before_edit_page``: a response ends the request before anything is saved."""
    if request.method != "POST" or not any(request.POST.get(key) for key in ACTION_KEYS):
        return None
    if not request.accepts("text/html"):
        return JsonResponse(
            {
                "success": False,
                # A code the editor knows, so it shows this message, not "A server error occurred".
                "error_code": "locked",
                "error_message": _("审核和发布操作不会自动保存，请等待页面提交完成。"),
            },
            status=400,
        )
    if request.POST.get("action-workflow-action"):
        rendered = request.POST.get(TASK_STATE_INPUT)
        current = page.current_workflow_task_state
        if rendered is not None and (current is None or str(current.pk) != rendered):
            # A second POST of the same click, or a form opened before someone else acted.
            messages.warning(
                request,
                _("此审核步骤已经处理过，本次操作未执行。请查看页面当前的审核状态。"),
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def current_task_state_id(revision_id):
    """The in-progress task state of the page whose latest revision is ``revision_id``."""
    from wagtail.models import Page, Revision

    if not revision_id:
        return None
    revision = (
        Revision.objects.filter(pk=revision_id).only("object_id", "base_content_type").first()
    )
    if revision is None or not issubclass(revision.base_content_type.model_class() or object, Page):
        return None
    page = Page.objects.filter(pk=revision.object_id).first()
    state = page.current_workflow_task_state if page else None
    return state.pk if state else None
