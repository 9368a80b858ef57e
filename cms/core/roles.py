"""Editor roles and the publicity review workflow, as data, in one place.

``manage.py setup_roles`` turns this into Django groups, Wagtail page and collection
permissions and a workflow, and can be rerun at any time: it reconciles each group
with what is written here. Page permissions sit on the section index pages, so a
role covers everything below them, in every locale.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Sections: the index page types under which each department works.
NEWS = "publicity.NewsIndexPage"
CAMPAIGNS = "publicity.CampaignIndexPage"
MUSEUM = "museum.MuseumPage"
PROJECTS = "projects.ProjectIndexPage"
EVENTS = "events.EventIndexPage"
CHAMBERS = "chambers.ChamberIndexPage"
#: The tree root: every page of every site.
ALL_PAGES = "wagtailcore.Page"

SECTIONS = (NEWS, CAMPAIGNS, MUSEUM, PROJECTS, EVENTS, CHAMBERS)

#: Wagtail page permission types (``add`` = create and edit one's own pages,
#: ``change`` = edit any page, ``publish`` = publish and unpublish).
CREATE, EDIT, PUBLISH = "add", "change", "publish"
LOCK, UNLOCK, BULK_DELETE = "lock", "unlock", "bulk_delete"

#: Image and document permission types on a collection.
MEDIA_EDITING = ("add", "change", "choose")
MEDIA_ALL = ("add", "change", "choose", "delete")
MEDIA_CHOOSE = "choose"
#: The museum's photographs (halls, artifacts, the city): news, campaigns and project pages use them
#: too, but only the curators who keep them may change them.
MUSEUM_COLLECTION = "博物馆"

ROOT_COLLECTION = None  # the root collection, i.e. every collection


@dataclass(frozen=True)
class Role:
    key: str
    #: The group's name; stable, since groups are looked up by it.
    name: str
    description: str
    sections: tuple[str, ...]
    page_permissions: tuple[str, ...]
    #: Name of the collection (under the root) holding this role's images and documents.
    collection: str | None
    collection_permissions: tuple[str, ...]
    #: Other collections whose images and documents this role may pick for its pages, read-only.
    shared_collections: tuple[str, ...] = ()
    #: Extra model permissions as "app_label.codename".
    model_permissions: tuple[str, ...] = ()
    #: Every permission of every registered snippet and site setting.
    all_snippets: bool = False
    all_settings: bool = False
    #: Always granted: access to the Wagtail admin, and translating the pages one may edit
    #: (simple translation copies a page into English as a draft, reviewed as usual).
    base_permissions: tuple[str, ...] = field(
        default=("wagtailadmin.access_admin", "simple_translation.submit_translation")
    )


PUBLICITY_EDITOR = Role(
    key="publicity_editor",
    name="宣传编辑",
    description=_("撰写新闻与宣传活动，提交审核，不能发布"),
    sections=(NEWS, CAMPAIGNS),
    page_permissions=(CREATE, EDIT, LOCK),
    collection="宣传素材",
    collection_permissions=MEDIA_EDITING,
    shared_collections=(MUSEUM_COLLECTION,),
)

# Nobody in the publicity department holds PUBLISH on news or campaigns: publishing them
# is the last review step's approval, so no button, bulk action, API call or go-live date
# can skip the review.
PUBLICITY_APPROVER = Role(
    key="publicity_approver",
    name="宣传审核",
    description=_("初审、复审新闻与宣传活动，不能直接发布"),
    sections=(NEWS, CAMPAIGNS),
    page_permissions=(CREATE, EDIT, LOCK, UNLOCK),
    collection="宣传素材",
    collection_permissions=MEDIA_ALL,
    shared_collections=(MUSEUM_COLLECTION,),
    model_permissions=(
        "publicity.add_channel",
        "publicity.change_channel",
        "publicity.view_channel",
    ),
)

PUBLICITY_LEADER = Role(
    key="publicity_leader",
    name="分管领导",
    description=_("终审新闻与宣传活动，终审通过即发布"),
    sections=(),
    page_permissions=(),
    collection=ROOT_COLLECTION,
    collection_permissions=(),
)

CURATOR = Role(
    key="curator",
    name="博物馆策展",
    description=_("建设展厅、展项、藏品与温商人物页面并发布"),
    sections=(MUSEUM,),
    page_permissions=(CREATE, EDIT, PUBLISH, LOCK, UNLOCK),
    collection=MUSEUM_COLLECTION,
    collection_permissions=MEDIA_ALL,
    # Review donated artifacts and accession accepted ones into the collection.
    model_permissions=(
        "donations.view_donation",
        "donations.review_donation",
        "donations.accession_donation",
    ),
)

INVESTMENT_STAFF = Role(
    key="investment_staff",
    name="招商专员",
    description=_("维护招商项目、回乡考察和商会网络并发布"),
    sections=(PROJECTS, EVENTS, CHAMBERS),
    page_permissions=(CREATE, EDIT, PUBLISH, LOCK, UNLOCK),
    collection="招商",
    collection_permissions=MEDIA_ALL,
    shared_collections=(MUSEUM_COLLECTION,),
)

SITE_ADMINISTRATOR = Role(
    key="site_administrator",
    name="站点管理员",
    description=_("管理全部页面、站点设置、用户、片段与重定向，负责终审"),
    sections=(ALL_PAGES,),
    page_permissions=(CREATE, EDIT, PUBLISH, BULK_DELETE, LOCK, UNLOCK),
    collection=ROOT_COLLECTION,
    collection_permissions=MEDIA_ALL,
    model_permissions=(
        "frontend.view_staticpublish",
        "frontend.retry_staticpublish",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "wagtailcore.add_collection",
        "wagtailcore.change_collection",
        "wagtailcore.delete_collection",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.delete_site",
        "wagtailcore.add_locale",
        "wagtailcore.change_locale",
        "wagtailcore.delete_locale",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.delete_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailcore.delete_task",
        "donations.view_donation",
        "donations.review_donation",
        "donations.accession_donation",
        # A donor's request to erase their data.
        "donations.delete_donation",
    ),
    all_snippets=True,
    all_settings=True,
)

ROLES = (
    PUBLICITY_EDITOR,
    PUBLICITY_APPROVER,
    PUBLICITY_LEADER,
    CURATOR,
    INVESTMENT_STAFF,
    SITE_ADMINISTRATOR,
)

#: What Wagtail's own migrations create, which ``setup_roles`` removes: "Moderators" may publish
#: any page from the root, outside every review chain.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
#: The workflow and its task, by Wagtail's name and the Chinese one migration core.0003 gives them.
WAGTAIL_DEFAULT_WORKFLOW = ("Moderators approval", "默认审核")
WAGTAIL_DEFAULT_TASK = ("Moderators approval", "审核员审批")


@dataclass(frozen=True)
class ReviewStep:
    name: str
    #: Keys of the roles whose members approve this step.
    reviewers: tuple[str, ...]
    #: Whether the person who submitted or last wrote the page is kept from approving it.
    not_by_author: bool = False


@dataclass(frozen=True)
class ReviewWorkflow:
    name: str
    steps: tuple[ReviewStep, ...]
    #: Section index pages (every locale) whose pages go through this workflow.
    sections: tuple[str, ...]
    #: When set, the workflow is one of several for the same sections, and the site setting
    #: 审核流程 (``cms.publicity.models.ReviewSettings.chain``) with this value picks it.
    chain: str = ""


#: 初审: a colleague checks the copy: another publicity editor than its author, or an approver.
FIRST_REVIEW = ReviewStep(
    name="初审",
    reviewers=(PUBLICITY_EDITOR.key, PUBLICITY_APPROVER.key),
    not_by_author=True,
)
#: 复审: the department's approvers check it for the department.
SECOND_REVIEW = ReviewStep(name="复审", reviewers=(PUBLICITY_APPROVER.key,))
#: 终审: the leader in charge or a site administrator signs off; this approval publishes.
FINAL_REVIEW = ReviewStep(name="终审", reviewers=(PUBLICITY_LEADER.key, SITE_ADMINISTRATOR.key))

#: The government newsroom's 三审 on everything the publicity department publishes.
PUBLICITY_REVIEW = ReviewWorkflow(
    name="宣传稿件三审",
    steps=(FIRST_REVIEW, SECOND_REVIEW, FINAL_REVIEW),
    sections=(NEWS, CAMPAIGNS),
    chain="three",
)
#: The shorter chain a site administrator may choose in settings (审核流程): 初审 then 终审.
PUBLICITY_REVIEW_SHORT = ReviewWorkflow(
    name="宣传稿件两级审核",
    steps=(FIRST_REVIEW, FINAL_REVIEW),
    sections=(NEWS, CAMPAIGNS),
    chain="two",
)

WORKFLOWS = (PUBLICITY_REVIEW, PUBLICITY_REVIEW_SHORT)


def role(key):
    """The role with this key."""
    return next(r for r in ROLES if r.key == key)
