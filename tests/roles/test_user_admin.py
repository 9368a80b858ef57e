"""Site administrators manage the departments' accounts through /admin/users/, never a superuser's.

Every case goes through the admin's own HTTP forms and bulk actions, as a browser would post them.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cms.core import roles

pytestmark = pytest.mark.django_db

User = get_user_model()
STRONG = "Wenzhou-Museum-2026!"


@pytest.fixture
def superuser(users):
    return User.objects.create_superuser(
        username="root", email="root@wzmuseum.example", password="root-password-1"
    )


@pytest.fixture
def powerful_group(users):
    """A group that may do what a site administrator may not (manage groups)."""
    group = Group.objects.create(name="权限管理")
    group.permissions.add(Permission.objects.get(codename="change_group"))
    return group


def group_id(role):
    return str(Group.objects.get(name=role.name).pk)


def new_user_form(username, *groups, **extra):
    return {
        "username": username,
        "email": f"{username}@wzmuseum.example",
        "first_name": "小",
        "last_name": "陈",
        "password1": STRONG,
        "password2": STRONG,
        "groups": list(groups),
        **extra,
    }


def edit_form(user, **changes):
    data = {
        "username": user.username,
        "email": user.email or f"{user.username}@wzmuseum.example",
        "first_name": user.first_name or "名",
        "last_name": user.last_name or "姓",
        "is_active": "on",
        "password1": "",
        "password2": "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
    }
    if user.is_superuser:
        data["is_superuser"] = "on"
    data.update(changes)
    return data


def bulk_url(action, *ids):
    url = reverse("wagtail_bulk_action", args=("auth", "user", action))
    return url + "?" + "&".join(f"id={pk}" for pk in ids)


def denied(response):
    """Wagtail answers a refused admin view with 403 or a redirect away from it."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/users/" not in response["Location"]
    )


ADD_URL = reverse("wagtailusers_users:add")


def test_site_administrator_cannot_create_a_superuser(client, users):
    client.force_login(users.site_administrator)
    form = client.get(ADD_URL)
    assert form.status_code == 200
    assert 'name="is_superuser"' not in form.content.decode()

    client.post(ADD_URL, new_user_form("sneaky", group_id(roles.CURATOR), is_superuser="on"))
    created = User.objects.get(username="sneaky")  # the account itself is allowed
    assert not created.is_superuser


def test_superuser_still_creates_superusers(client, superuser):
    client.force_login(superuser)
    assert 'name="is_superuser"' in client.get(ADD_URL).content.decode()
    response = client.post(ADD_URL, new_user_form("deputy", is_superuser="on"))
    assert response.status_code == 302
    assert User.objects.get(username="deputy").is_superuser


def test_site_administrator_creates_department_accounts(client, users):
    client.force_login(users.site_administrator)
    for role in roles.ROLES:
        response = client.post(ADD_URL, new_user_form(f"new-{role.key}", group_id(role)))
        assert response.status_code == 302, role.key
        assert list(User.objects.get(username=f"new-{role.key}").groups.all()) == [
            Group.objects.get(name=role.name)
        ]


def test_site_administrator_cannot_add_anyone_to_a_more_powerful_group(
    client, users, powerful_group
):
    client.force_login(users.site_administrator)
    assert "权限管理" not in client.get(ADD_URL).content.decode()
    response = client.post(ADD_URL, new_user_form("climber", str(powerful_group.pk)))
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not User.objects.filter(username="climber").exists()

    # Nor into it through an existing account, the curator's or their own.
    for user in (users.curator, users.site_administrator):
        client.post(
            reverse("wagtailusers_users:edit", args=(user.pk,)),
            edit_form(user, groups=[str(powerful_group.pk)]),
        )
        assert not user.groups.filter(pk=powerful_group.pk).exists()


def test_site_administrator_cannot_edit_or_reset_a_superuser(client, users, superuser):
    client.force_login(users.site_administrator)
    url = reverse("wagtailusers_users:edit", args=(superuser.pk,))
    assert denied(client.get(url))
    response = client.post(
        url, edit_form(superuser, password1=STRONG, password2=STRONG, email="x@evil.example")
    )
    assert denied(response)
    superuser.refresh_from_db()
    assert superuser.check_password("root-password-1")
    assert superuser.email == "root@wzmuseum.example"
    assert superuser.is_superuser and superuser.is_active


def test_site_administrator_cannot_promote_a_department_user(client, users):
    client.force_login(users.site_administrator)
    curator = users.curator
    response = client.post(
        reverse("wagtailusers_users:edit", args=(curator.pk,)),
        edit_form(curator, is_superuser="on", password1=STRONG, password2=STRONG),
    )
    assert response.status_code == 302
    curator.refresh_from_db()
    assert not curator.is_superuser
    assert curator.check_password(STRONG)  # resetting a department user's password is allowed


def test_site_administrator_cannot_delete_a_superuser(client, users, superuser):
    client.force_login(users.site_administrator)
    url = reverse("wagtailusers_users:delete", args=(superuser.pk,))
    assert denied(client.post(url))
    assert User.objects.filter(pk=superuser.pk).exists()


def test_listing_offers_no_edit_link_for_superusers(client, users, superuser):
    client.force_login(users.site_administrator)
    html = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert reverse("wagtailusers_users:edit", args=(users.curator.pk,)) in html
    assert reverse("wagtailusers_users:edit", args=(superuser.pk,)) not in html


def test_bulk_actions_leave_superusers_alone(client, users, superuser):
    client.force_login(users.site_administrator)
    curator = users.curator
    client.post(bulk_url("set_active_state", superuser.pk, curator.pk), {"mark_as_active": "False"})
    superuser.refresh_from_db()
    curator.refresh_from_db()
    assert superuser.is_active
    assert not curator.is_active  # the same action on a department account goes through
    client.post(bulk_url("delete", superuser.pk, curator.pk))
    assert User.objects.filter(pk=superuser.pk).exists()
    assert not User.objects.filter(pk=curator.pk).exists()


def test_bulk_assign_role_is_limited_to_assignable_groups(client, users, powerful_group):
    client.force_login(users.site_administrator)
    curator = users.curator
    response = client.post(bulk_url("assign_role", curator.pk), {"role": powerful_group.pk})
    assert response.status_code == 200  # the form again, with the choice refused
    assert not curator.groups.filter(pk=powerful_group.pk).exists()

    response = client.post(
        bulk_url("assign_role", curator.pk), {"role": group_id(roles.INVESTMENT_STAFF)}
    )
    assert response.status_code == 302
    assert curator.groups.filter(name=roles.INVESTMENT_STAFF.name).exists()


def test_bulk_actions_leave_members_of_more_powerful_groups_alone(client, users, powerful_group):
    member = User.objects.create_user(username="keeper", password="pw")
    member.groups.add(powerful_group)
    client.force_login(users.site_administrator)
    client.post(bulk_url("set_active_state", member.pk), {"mark_as_active": "False"})
    member.refresh_from_db()
    assert member.is_active
    assert denied(client.get(reverse("wagtailusers_users:edit", args=(member.pk,))))
