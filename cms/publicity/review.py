"""The publicity review chain at work: which workflow a site uses, what each step says,
and how publishing outside it is recorded.

The chain itself (steps, reviewers) is data in ``cms.core.roles``; ``setup_roles`` makes
the workflows, and the site setting 审核流程 picks the three- or two-step one here.
"""

from django.utils.translation import gettext as _
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import Page, Site, Workflow, WorkflowPage, WorkflowState

from cms.core import roles

URGENT_PUBLISH = "publicity.urgent_publish"
WORDING_WARNINGS = "publicity.wording_warnings"


def reviewed_models():
    from cms.publicity.models import CampaignPage, NewsPage

    return (NewsPage, CampaignPage)


def chain_for_site(site):
    from cms.publicity.models import ReviewSettings

    if site is None:
        return ReviewSettings._meta.get_field("chain").default
    return ReviewSettings.for_site(site).chain


def assign_review_workflows():
    """Attach the workflow the site's 审核流程 setting names to its news and campaign sections.

    Returns the (section page, workflow) pairs assigned. Pages already in review keep the
    workflow they started with.
    """
    from django.apps import apps

    assigned = []
    sites = list(Site.objects.select_related("root_page"))
    for definition in roles.WORKFLOWS:
        workflow = Workflow.objects.filter(name=definition.name).first()
        if workflow is None:
            continue
        for label in definition.sections:
            model = apps.get_model(label)
            for section in model.objects.all().order_by("path"):
                site = _site_of(section, sites)
                if definition.chain and chain_for_site(site) != definition.chain:
                    continue
                WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
                assigned.append((section, workflow))
    return assigned


def _site_of(page, sites):
    """The site whose tree holds ``page`` (any locale of its root), else the default site."""
    for site in sites:
        root = site.root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        if any(page.path.startswith(r.path) for r in roots):
            return site
    return next((site for site in sites if site.is_default_site), None)


def steps(workflow):
    return [link.task.specific for link in workflow.workflow_tasks.select_related("task")]


def reviewers(task):
    names = list(task.groups.order_by("name").values_list("name", flat=True))
    if getattr(task, "not_by_author", False) and roles.PUBLICITY_EDITOR.name in names:
        names = [
            _("%(group)s（作者本人除外）") % {"group": name}
            if name == roles.PUBLICITY_EDITOR.name
            else name
            for name in names
        ]
    return _("或").join(names)


def progress(page):
    """One sentence on where ``page`` stands in its review and who acts next."""
    title = page.get_admin_display_title()
    state = (
        WorkflowState.objects.for_instance(page).select_related("workflow").order_by("-pk").first()
    )
    if state is None:
        return _("《%(title)s》尚未提交审核。") % {"title": title}
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        chain = steps(state.workflow)
        current = state.current_task_state.task.specific
        index = next((i for i, task in enumerate(chain) if task.pk == current.pk), 0)
        message = _(
            "《%(title)s》进入%(step)s（第 %(n)d 步，共 %(total)d 步），由%(who)s审核。"
        ) % {
            "title": title,
            "step": current.name,
            "n": index + 1,
            "total": len(chain),
            "who": reviewers(current),
        }
        if index + 1 < len(chain):
            following = chain[index + 1]
            message += _("之后是%(step)s，由%(who)s审核。") % {
                "step": following.name,
                "who": reviewers(following),
            }
        else:
            message += _("这是最后一步，通过后即发布。")
        return message
    if state.status == WorkflowState.STATUS_APPROVED:
        page.refresh_from_db()
        if page.live and not page.has_unpublished_changes:
            return _("《%(title)s》已通过全部审核并发布。") % {"title": title}
        return _("《%(title)s》已通过全部审核，将按设定的时间发布。") % {"title": title}
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("《%(title)s》已退回修改：作者修改后重新提交，从退回的步骤继续审核。") % {
            "title": title
        }
    return _("《%(title)s》的审核已取消。") % {"title": title}


def next_step_note(page, task):
    """For the email telling reviewers a page reached ``task``: the step and what follows."""
    state = (
        WorkflowState.objects.for_instance(page).select_related("workflow").order_by("-pk").first()
    )
    if state is None:
        return ""
    chain = steps(state.workflow)
    index = next((i for i, t in enumerate(chain) if t.pk == task.pk), None)
    if index is None:
        return ""
    note = _("这是第 %(n)d 步（共 %(total)d 步）%(step)s，由%(who)s审核。") % {
        "n": index + 1,
        "total": len(chain),
        "step": task.name,
        "who": reviewers(task),
    }
    if index + 1 < len(chain):
        following = chain[index + 1]
        note += _("通过后进入%(step)s，由%(who)s审核。") % {
            "step": following.name,
            "who": reviewers(following),
        }
    else:
        note += _("这是最后一步，通过后即发布。")
    return note


def published_through_review(page, revision):
    """Whether publishing ``revision`` is the end of an approved review of it."""
    return (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_APPROVED, current_task_state__revision=revision)
        .exists()
    )


def log_urgent_publish(sender, instance, revision=None, **kwargs):
    """``page_published``: a news item or campaign a person published without its review.

    Only a site administrator can (the publicity groups lack the permission); it is logged
    as 紧急发布 in the page's history. Publishing by code with nobody acting (demo data,
    imports) is not.
    """
    if not isinstance(instance, reviewed_models()) or revision is None:
        return
    if published_through_review(instance, revision):
        return
    user = get_active_log_context().user or revision.user
    if user is None:
        return
    log(instance, URGENT_PUBLISH, user=user, revision=revision, data={"title": instance.title})


def record_warnings(page, user, step):
    """Warning-level findings let the page through; they are kept in its history."""
    from cms.publicity.checks import check_page

    warnings = [finding for finding in check_page(page) if not finding.blocking]
    if not warnings:
        return None
    return log(
        page,
        WORDING_WARNINGS,
        user=user,
        data={"step": step, "warnings": [finding.as_dict() for finding in warnings]},
    )
