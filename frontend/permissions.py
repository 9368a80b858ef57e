"""Who may see and retry static-site publishes: site administrators, through model permissions.

Publishes are recorded by the publishing machinery only: nobody adds or edits one by hand.
"""

from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class StaticPublishPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


def register():
    from .models import StaticPublish

    policy = StaticPublishPermissionPolicy(StaticPublish)
    register_permission_policy(StaticPublish, policy, exact_class=True)
    return policy
