"""Create or update the editor groups, their permissions and the review workflow.

Idempotent: each run reconciles the groups named in ``cms.core.roles`` with the
definitions there. Safe before or after ``load_demo``: page permissions and workflow
assignments go on the section index pages that exist, so a rerun after the demo
content is loaded fills in what was missing.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.core import roles

MEDIA_MODELS = (("wagtailimages", "image"), ("wagtaildocs", "document"))


def describe(page):
    if page.is_root():
        return "全部页面"
    return f"{page.title}（{page.specific_class._meta.label}，{page.locale.language_code}）"


class Command(BaseCommand):
    help = "创建或更新编辑角色（用户组）、权限与宣传稿件审核流程（可重复运行）"

    def handle(self, *args, **options):
        with transaction.atomic():
            self.remove_wagtail_defaults()
            groups = {role.key: self.setup_role(role) for role in roles.ROLES}
            for workflow in roles.WORKFLOWS:
                self.setup_workflow(workflow, groups)
            self.assign_workflows()

    # Output

    def say(self, message):
        self.stdout.write(message)

    # Wagtail's defaults

    def remove_wagtail_defaults(self):
        """Wagtail's first migration makes groups that may publish from the root and a workflow for them.

        Our roles replace them: their permissions would let any member of "Moderators" publish
        every page, around the review chain. The workflow is deactivated (which detaches it from
        the root and cancels reviews in progress) rather than deleted, to keep its history.
        """
        for workflow in Workflow.objects.filter(
            name__in=roles.WAGTAIL_DEFAULT_WORKFLOW, active=True
        ):
            workflow.deactivate()
            self.say(f"停用 Wagtail 默认审核流程 {workflow.name}")
        for task in Task.objects.filter(name__in=roles.WAGTAIL_DEFAULT_TASK, active=True):
            task.specific.deactivate()
        for group in Group.objects.filter(name__in=roles.WAGTAIL_DEFAULT_GROUPS):
            group.delete()
            self.say(f"删除 Wagtail 默认用户组 {group.name}")

    # Roles

    def setup_role(self, role):
        group, created = Group.objects.get_or_create(name=role.name)
        self.say(f"{'创建' if created else '更新'}用户组 {role.name}（{role.key}）")

        permissions = self.model_permissions(role)
        group.permissions.set(permissions)
        self.say(f"  模型权限 {len(permissions)} 项")

        pages = self.section_pages(role.sections)
        self.reconcile_page_permissions(group, role, pages)
        for page in pages:
            self.say(f"  页面权限 {'/'.join(role.page_permissions)} → {describe(page)}")
        missing = [
            label
            for label in role.sections
            if not any(page.specific_class._meta.label == label for page in pages)
        ]
        for label in missing:
            self.say(f"  尚无 {label} 栏目页，稍后创建后请重新运行 setup_roles")

        collection = self.collection_for(role)
        shared = [self.collection_for(name) for name in role.shared_collections]
        self.reconcile_collection_permissions(group, role, collection, shared)
        where = "全部集合" if collection.is_root() else f"集合 {collection.name}"
        self.say(f"  图片与文件权限 {'/'.join(role.collection_permissions)} → {where}")
        for other in shared:
            self.say(f"  图片与文件权限 {roles.MEDIA_CHOOSE}（只选用） → 集合 {other.name}")
        return group

    def model_permissions(self, role):
        codes = list(role.base_permissions) + list(role.model_permissions)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".", 1)
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                # An optional app that is not installed (or not migrated) here.
                self.say(f"  跳过不存在的权限 {code}")
                continue
            permissions.append(permission)
        models = []
        if role.all_snippets:
            from wagtail.snippets.models import get_snippet_models

            models += list(get_snippet_models())
        if role.all_settings:
            from wagtail.contrib.settings.registry import registry as settings_registry

            models += list(settings_registry)
        for model in models:
            content_type = ContentType.objects.get_for_model(model)
            permissions += list(Permission.objects.filter(content_type=content_type))
        return sorted(set(permissions), key=lambda p: p.pk)

    def section_pages(self, labels):
        pages = []
        for label in labels:
            if label == roles.ALL_PAGES:
                pages.append(Page.get_first_root_node())
                continue
            model = apps.get_model(label)
            pages += list(model.objects.all().select_related("locale").order_by("path"))
        return pages

    def reconcile_page_permissions(self, group, role, pages):
        wanted = {
            (page.pk, permission.pk)
            for page in pages
            for permission in self.page_permission_objects(role.page_permissions)
        }
        existing = {
            (perm.page_id, perm.permission_id): perm.pk
            for perm in GroupPagePermission.objects.filter(group=group)
        }
        GroupPagePermission.objects.filter(
            pk__in=[pk for key, pk in existing.items() if key not in wanted]
        ).delete()
        GroupPagePermission.objects.bulk_create(
            [
                GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
                for page_id, permission_id in sorted(wanted - existing.keys())
            ]
        )

    def page_permission_objects(self, types):
        content_type = ContentType.objects.get_for_model(Page)
        return list(
            Permission.objects.filter(
                content_type=content_type, codename__in=[f"{t}_page" for t in types]
            )
        )

    def collection_for(self, role_or_name):
        """The collection under the root with this name (the role's own, if given a role)."""
        name = role_or_name.collection if isinstance(role_or_name, roles.Role) else role_or_name
        root = Collection.get_first_root_node()
        if name is roles.ROOT_COLLECTION:
            return root
        existing = root.get_children().filter(name=name).first()
        return existing or root.add_child(name=name)

    def reconcile_collection_permissions(self, group, role, collection, shared=()):
        grants = [(collection, role.collection_permissions)]
        grants += [(other, (roles.MEDIA_CHOOSE,)) for other in shared]
        wanted = set()
        for app_label, model in MEDIA_MODELS:
            for target, actions in grants:
                for action in actions:
                    permission = Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    )
                    wanted.add((target.pk, permission.pk))
        existing = {
            (perm.collection_id, perm.permission_id): perm.pk
            for perm in GroupCollectionPermission.objects.filter(group=group)
        }
        GroupCollectionPermission.objects.filter(
            pk__in=[pk for key, pk in existing.items() if key not in wanted]
        ).delete()
        GroupCollectionPermission.objects.bulk_create(
            [
                GroupCollectionPermission(group=group, collection_id=c, permission_id=p)
                for c, p in sorted(wanted - existing.keys())
            ]
        )

    # Workflow

    def setup_workflow(self, definition, groups):
        workflow, created = Workflow.objects.get_or_create(name=definition.name)
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        self.say(f"{'创建' if created else '更新'}审核流程 {definition.name}")

        tasks = []
        for order, step in enumerate(definition.steps):
            task = self.step_task(workflow, step, order)
            task.groups.set([groups[key] for key in step.reviewers])
            tasks.append(task)
            reviewers = "、".join(roles.role(key).name for key in step.reviewers)
            author = "（作者本人除外）" if step.not_by_author else ""
            self.say(f"  第 {order + 1} 步 {step.name}：{reviewers}{author}")
        WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=tasks).delete()

        if not definition.chain:
            for page in self.section_pages(definition.sections):
                WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
                self.say(f"  流程用于 {describe(page)}")

    def assign_workflows(self):
        """Workflows one of several for the same sections go where the site setting 审核流程 says."""
        from cms.publicity.review import assign_review_workflows

        for page, workflow in assign_review_workflows():
            self.say(f"流程 {workflow.name} 用于 {describe(page)}")

    def step_task(self, workflow, step, order):
        link = (
            WorkflowTask.objects.filter(workflow=workflow, task__name=step.name)
            .select_related("task")
            .first()
        )
        from cms.publicity.models import ReviewTask

        if link and isinstance(link.task.specific, ReviewTask):
            task = link.task.specific
            if link.sort_order != order:
                link.sort_order = order
                link.save(update_fields=["sort_order"])
        else:
            # A step made by an earlier version as a plain group approval is replaced; pages
            # already in review finish on the old task.
            if link:
                link.delete()
            task = ReviewTask.objects.create(name=step.name)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
        if not task.active or task.not_by_author != step.not_by_author:
            task.active = True
            task.not_by_author = step.not_by_author
            task.save(update_fields=["active", "not_by_author"])
        return task
