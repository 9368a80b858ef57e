"""What each role can do in each section: create, edit, publish, or nothing."""

import pytest
from wagtail.models import Collection

from cms.core import roles
from tests.conftest import built_once_for_the_module, make_home_page, make_locales
from tests.roles.conftest import build_sections, make_role_users, run_setup_roles

pytestmark = pytest.mark.django_db

SECTIONS = ("news", "campaigns", "museum", "projects", "events", "chambers", "site")

# "publish" implies create and edit; "edit" is create and edit without publishing.
EXPECTED = {
    roles.PUBLICITY_EDITOR.key: {"news": "edit", "campaigns": "edit"},
    # News and campaigns are published by the review chain's last step, never directly.
    roles.PUBLICITY_APPROVER.key: {"news": "edit", "campaigns": "edit"},
    roles.PUBLICITY_LEADER.key: {},
    roles.CURATOR.key: {"museum": "publish"},
    roles.INVESTMENT_STAFF.key: {"projects": "publish", "events": "publish", "chambers": "publish"},
    roles.SITE_ADMINISTRATOR.key: dict.fromkeys(SECTIONS, "publish"),
}

CASES = [
    (role.key, section, EXPECTED[role.key].get(section, "none"))
    for role in roles.ROLES
    for section in SECTIONS
]


def capabilities(user, index, child):
    index_perms = index.permissions_for_user(user)
    child_perms = child.permissions_for_user(user)
    return {
        "create": index_perms.can_add_subpage(),
        "edit": child_perms.can_edit(),
        "publish": child_perms.can_publish(),
        "unpublish": child_perms.can_unpublish(),
    }


@pytest.fixture(scope="module")
def _roles_of_the_module(django_db_setup, django_db_blocker, tmp_path_factory):
    with built_once_for_the_module(django_db_blocker, tmp_path_factory.mktemp("roles-media")):
        sections = build_sections(make_home_page(make_locales()))
        run_setup_roles()
        yield make_role_users(), sections


# This module's tests share one set of sections, roles and users (the conftest's fixtures of
# the same names would build them before every one of its cases).
@pytest.fixture
def users(_roles_of_the_module, db):
    return _roles_of_the_module[0]


@pytest.fixture
def sections(_roles_of_the_module, db):
    return _roles_of_the_module[1]


@pytest.mark.parametrize(("role_key", "section", "level"), CASES)
def test_role_matrix(users, sections, role_key, section, level):
    user = getattr(users, role_key)
    index, child = sections[section]
    can = capabilities(user, index.specific, child.specific)
    expected = {
        "none": {"create": False, "edit": False, "publish": False, "unpublish": False},
        "edit": {"create": True, "edit": True, "publish": False, "unpublish": False},
        "publish": {"create": True, "edit": True, "publish": True, "unpublish": True},
    }[level]
    assert can == expected, f"{role_key} in {section}"


def test_every_role_reaches_the_admin(users):
    for role in roles.ROLES:
        assert getattr(users, role.key).has_perm("wagtailadmin.access_admin")


def test_site_administrator_manages_settings_users_snippets_redirects(users):
    admin = users.site_administrator
    assert not admin.is_superuser
    for perm in (
        "core.change_sitesettings",
        "auth.change_user",
        "auth.add_user",
        "publicity.change_channel",
        "wagtailredirects.add_redirect",
    ):
        assert admin.has_perm(perm), perm
    for role in roles.ROLES[:-1]:
        user = getattr(users, role.key)
        assert not user.has_perm("auth.change_user")
        assert not user.has_perm("core.change_sitesettings")


def test_media_permissions_on_own_collection(users):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    images = policy_registry.get_by_type(get_image_model())
    documents = policy_registry.get_by_type(get_document_model())

    for role in roles.ROLES:
        user = getattr(users, role.key)
        collections = images.collections_user_has_permission_for(user, "add")
        names = {collection.name for collection in collections}
        if "add" not in role.collection_permissions:
            # 分管领导 only reviews: no uploads anywhere.
            assert not names
            continue
        root = Collection.get_first_root_node().name
        if role.collection is None:
            assert root in names
        else:
            assert role.collection in names
            assert root not in names
        assert documents.collections_user_has_permission_for(user, "add").exists()
    curator_collections = {
        c.name for c in images.collections_user_has_permission_for(users.curator, "change")
    }
    assert "宣传素材" not in curator_collections and "博物馆" in curator_collections


def test_museum_photographs_are_chosen_by_other_departments_not_changed(users, client):
    """News, campaigns and projects may use the museum's photographs; only curators change them."""
    from wagtail.images import get_image_model
    from wagtail.models import Collection
    from wagtail.permissions import policy_registry

    permission_policy = policy_registry.get_by_type(get_image_model())
    museum = Collection.objects.get(name=roles.MUSEUM_COLLECTION)
    image = get_image_model().objects.create(
        title="瓯江两岸", collection=museum, width=1, height=1, file="original_images/ojiang.jpg"
    )
    for role in (roles.PUBLICITY_EDITOR, roles.PUBLICITY_APPROVER, roles.INVESTMENT_STAFF):
        user = getattr(users, role.key)
        assert permission_policy.user_has_permission_for_instance(user, "choose", image), role.key
        for action in ("change", "delete"):
            assert not permission_policy.user_has_permission_for_instance(user, action, image), (
                role.key
            )
        # Uploads still go to the department's own collection only.
        upload_to = {
            c.name for c in permission_policy.collections_user_has_permission_for(user, "add")
        }
        assert upload_to == {role.collection}, role.key
        client.force_login(user)
        chooser = client.get("/admin/images/chooser/")
        assert chooser.status_code == 200
        assert "瓯江两岸" in chooser.json()["html"], role.key
    assert permission_policy.user_has_permission_for_instance(users.curator, "change", image)
