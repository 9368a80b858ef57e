"""Template tags of the publicity review: the step note in reviewers' notification emails."""

from django import template

register = template.Library()


@register.simple_tag
def review_step_note(page, task):
    """Which step of how many ``page`` is at, who reviews it, and what follows."""
    from cms.publicity.review import next_step_note

    if page is None or task is None:
        return ""
    return next_step_note(page, task.specific)
