"""Wagtail's user admin, scoped by ``cms.core.accounts``: forms, views and bulk actions.

Installed through ``cms.core.apps.UsersAppConfig`` (Wagtail's documented way to swap its user
viewset); the bulk actions replace Wagtail's own under the same action types.
"""

from functools import cached_property

from django.core.exceptions import PermissionDenied
from wagtail.users import forms as wagtail_forms
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    SetActiveStateBulkAction,
)

from cms.core.accounts import UserAdminScope


def scope_form(form, actor):
    """Only superusers see "Administrator"; others choose among the groups they may assign."""
    if actor is None or actor.is_superuser:
        return
    form.fields.pop("is_superuser", None)
    if "groups" in form.fields:
        form.fields["groups"].queryset = UserAdminScope(actor).assignable_groups()


class UserCreationForm(wagtail_forms.UserCreationForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope_form(self, for_user)


class UserEditForm(wagtail_forms.UserEditForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope_form(self, for_user)


class ScopedViewMixin:
    @cached_property
    def scope(self):
        return UserAdminScope(self.request.user)


class IndexView(ScopedViewMixin, wagtail_users.IndexView):
    def get_edit_url(self, instance):
        if self.scope.can_manage(instance):
            return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if self.scope.can_manage(instance):
            return super().get_delete_url(instance)


class CreateView(wagtail_users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class EditView(ScopedViewMixin, wagtail_users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if not self.scope.can_manage(self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class DeleteView(ScopedViewMixin, wagtail_users.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if not self.scope.can_manage(self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


# Bulk actions on the user listing: the same rule for every selected account.


class ScopedBulkActionMixin(ScopedViewMixin):
    def check_perm(self, obj):
        return super().check_perm(obj) and self.scope.can_manage(obj)


class ScopedAssignRoleBulkAction(ScopedBulkActionMixin, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = self.scope.assignable_groups()
        return form


class ScopedDeleteBulkAction(ScopedBulkActionMixin, DeleteBulkAction):
    pass


class ScopedSetActiveStateBulkAction(ScopedBulkActionMixin, SetActiveStateBulkAction):
    pass


BULK_ACTIONS = (ScopedAssignRoleBulkAction, ScopedDeleteBulkAction, ScopedSetActiveStateBulkAction)
