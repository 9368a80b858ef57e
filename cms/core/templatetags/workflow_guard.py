from django import template

from cms.core.workflow_guard import TASK_STATE_INPUT, current_task_state_id

register = template.Library()


@register.inclusion_tag("core/admin/review_task_state_input.html")
def review_task_state_input(loaded_revision_id):
    return {"name": TASK_STATE_INPUT, "value": current_task_state_id(loaded_revision_id)}
