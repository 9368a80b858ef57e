"""Who may manage which user accounts in the admin: the one rule behind /admin/users/.

Superusers manage everyone. Anyone else with the user permissions (the 站点管理员 role) manages
only accounts whose power stays within their own: never a superuser, and only members of the
department groups (``cms.core.roles``) whose every permission the acting user holds as well, on
the same pages and collections or above them. They can neither grant superuser status nor add
anyone, themselves included, to a group that could do more than they can.
"""

from functools import cached_property

from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from cms.core import roles


def _permission_names(permissions):
    return {
        f"{app_label}.{codename}"
        for app_label, codename in permissions.values_list("content_type__app_label", "codename")
    }


def _covered(grants, held):
    """Every (tree path, permission) in ``grants`` is held on that node or one above it."""
    return all(
        any(
            path.startswith(held_path) and permission == held_permission
            for held_path, held_permission in held
        )
        for path, permission in grants
    )


class UserAdminScope:
    """What ``actor`` may do to other accounts; build one per request."""

    def __init__(self, actor):
        self.actor = actor

    @cached_property
    def _model_permissions(self):
        return self.actor.get_all_permissions()

    @cached_property
    def _page_permissions(self):
        return list(
            GroupPagePermission.objects.filter(group__user=self.actor).values_list(
                "page__path", "permission_id"
            )
        )

    @cached_property
    def _collection_permissions(self):
        return list(
            GroupCollectionPermission.objects.filter(group__user=self.actor).values_list(
                "collection__path", "permission_id"
            )
        )

    def _within_actor(self, group):
        return (
            _permission_names(group.permissions) <= self._model_permissions
            and _covered(
                GroupPagePermission.objects.filter(group=group).values_list(
                    "page__path", "permission_id"
                ),
                self._page_permissions,
            )
            and _covered(
                GroupCollectionPermission.objects.filter(group=group).values_list(
                    "collection__path", "permission_id"
                ),
                self._collection_permissions,
            )
        )

    @cached_property
    def assignable_group_ids(self):
        if self.actor.is_superuser:
            return set(Group.objects.values_list("pk", flat=True))
        if not self.actor.is_active:
            return set()
        departments = Group.objects.filter(name__in=[role.name for role in roles.ROLES])
        return {group.pk for group in departments if self._within_actor(group)}

    def assignable_groups(self):
        return Group.objects.filter(pk__in=self.assignable_group_ids).order_by("name")

    def can_manage(self, user):
        """May ``actor`` edit, delete, (de)activate or reset the password of ``user``?"""
        if self.actor.is_superuser:
            return True
        if user.is_superuser or not self.actor.is_active:
            return False
        if not _permission_names(user.user_permissions) <= self._model_permissions:
            return False
        return set(user.groups.values_list("pk", flat=True)) <= self.assignable_group_ids
