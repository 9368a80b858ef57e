"""Who may see and act on donations: model permissions, with no add or edit for anyone."""

from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

# Permission codenames the roles grant: curators see, review and accession;
# site administrators may also delete (a donor's request to erase their data).
CURATOR_PERMISSIONS = ["view_donation", "review_donation", "accession_donation"]
ADMINISTRATOR_PERMISSIONS = CURATOR_PERMISSIONS + ["delete_donation"]


class DonationPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        # Donations arrive only through the public form and are changed only by
        # status moves, which keep the audit trail.
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)


def register():
    from .models import Donation

    policy = DonationPermissionPolicy(Donation)
    register_permission_policy(Donation, policy, exact_class=True)
    return policy
