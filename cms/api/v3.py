"""API v3 (Wagtail's django-ninja API with an OpenAPI schema), mounted at /api/v3/.

Reads are public and show live pages only; every write, revision and site endpoint
needs an API token (``Authorization: Bearer ...``), so anonymous requests are refused.
"""

import functools
import importlib

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from ninja.schema import Resolver
from pydantic import ValidationError as PydanticValidationError
from wagtail.api.v3.auth import AllowAnonymous
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.querysets import get_pages_queryset as wagtail_get_pages_queryset
from wagtail.api.v3.registry import registry
from wagtail.api.v3.schemas.pages import PageMetaSchema
from wagtail.api.v3.urls import api
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.api.v3.schemas import ImageMetaSchema
from wagtail.models import Page, Site, get_page_models

from cms.core import visibility

from .guard import reader_language
from .images import download_url
from .openapi import complete_openapi_document
from .representations import is_public_page

# The modules (their packages export a Router under the same name).
pages_v3 = importlib.import_module("wagtail.api.v3.routers.pages")
redirects_v3 = importlib.import_module("wagtail.contrib.redirects.api.v3.router")


def missing_page_types():
    """Page types that are not registered with the v3 schema registry."""
    return [model._meta.label for model in get_page_models() if not registry.has(model._meta.label)]


# The registry fills itself from get_page_models() when first imported; if that ever
# happened before our apps' models were loaded, register the page types again.
if missing_page_types():
    registry.register_defaults()


def public_parent(obj, context):
    """``meta.parent`` only when an anonymous reader may see the parent page.

    Wagtail's v3 schema returns the parent unconditionally, so a live page under an
    unpublished or restricted parent would reveal that parent's title.
    """
    parent = obj.get_parent()
    request = context.get("request") if context else None
    if request is not None and request.user.is_authenticated:
        return parent
    return parent if is_public_page(parent) else None


def _guard_parent(schema_class):
    # Generated per-type schemas copied the resolver when they were created.
    resolvers = getattr(schema_class, "_ninja_resolvers", None)
    if resolvers is not None and "parent" in resolvers:
        resolvers["parent"] = Resolver(staticmethod(public_parent))
    for subclass in schema_class.__subclasses__():
        _guard_parent(subclass)


_guard_parent(PageMetaSchema)


def _rendition_download_url(schema_class):
    # As for the parent above: the v3 image schema's `download_url` names the original.
    resolvers = getattr(schema_class, "_ninja_resolvers", None)
    if resolvers is not None and "download_url" in resolvers:
        resolvers["download_url"] = Resolver(staticmethod(download_url))
    for subclass in schema_class.__subclasses__():
        _rendition_download_url(subclass)


_rendition_download_url(ImageMetaSchema)


# --- what anonymous readers get -----------------------------------------------------------
# Wagtail's v3 public tier lists live pages outside view restrictions, and every redirect.
# Our rule (`cms.core.visibility`) also hides pages under an unpublished parent, pages their
# type keeps back (campaigns not approved) and redirects to pages the public may not see.
# Requests with an API token (or an admin session) keep Wagtail's permission-based answers.


def get_pages_queryset(request, model=Page):
    queryset = wagtail_get_pages_queryset(request, model)
    if request.user.is_authenticated:
        return queryset
    return visibility.exclude_subtrees(queryset, visibility.unpublished_parent_paths()).exclude(
        visibility.hidden_from_public_q()
    )


def _anonymous_redirects(queryset, request):
    if request.user.is_authenticated:
        return queryset
    return visibility.public_redirects(queryset)


_list_redirects = redirects_v3.list_redirects.__wrapped__


@paginate(WagtailLimitOffsetPagination, pass_parameter="pagination_info")  # noqa: S106
@functools.wraps(_list_redirects)
def list_redirects(request, **kwargs):
    return _anonymous_redirects(_list_redirects(request, **kwargs), request)


def get_redirect_detail(request, redirect_id: int):
    queryset = _anonymous_redirects(Redirect.objects.all(), request)
    return get_object_or_404(queryset, pk=redirect_id)


def _replace_view(router, name, view):
    for path_view in router.path_operations.values():
        for operation in path_view.operations:
            if operation.view_func.__name__ == name:
                operation.view_func = view


pages_v3.get_pages_queryset = get_pages_queryset
# The router's operations are copied when its URLs are first built (after this module is
# imported by cms.api.urls); copies made earlier are patched as well.
for _router in [redirects_v3.router] + [
    bound
    for bound in getattr(api, "_bound_routers_cache", None) or []
    if getattr(bound, "template", None) is redirects_v3.router
]:
    _replace_view(_router, "list_redirects", list_redirects)
    _replace_view(_router, "get_redirect_detail", get_redirect_detail)


# --- answers to bad requests ---------------------------------------------------------------

VALIDATION_ERRORS = (NinjaValidationError, PydanticValidationError, DjangoValidationError)
answer_body_errors = api._exception_handlers[NinjaValidationError]


def answer_parameter_errors(request, exc):
    """400 (404 for a page it names that does not exist) for a request whose URL is at
    fault, as API v2 and our other APIs answer.

    Wagtail answers 422 for every validation error, including an unknown ``order`` field or
    an ``ancestor_of`` page that does not exist. A request that carries no body can only be
    wrong in its URL; a body that fails validation keeps Wagtail's 422.
    """
    errors = getattr(exc, "errors", None)
    errors = errors() if callable(errors) else errors
    from_url = request.method in ("GET", "HEAD") or (
        # Wagtail's ``as_validation_error`` (convert_alias of a page that is no alias) gives
        # an empty ``loc``: the error is about the object, not the URL.
        errors and all((error.get("loc") or ("",))[0] in ("query", "path") for error in errors)
    )
    if not from_url:
        return answer_body_errors(request, exc)
    if isinstance(exc, DjangoValidationError):
        errors = [{"msg": message} for message in exc.messages]
    else:
        errors = [
            {key: value for key, value in error.items() if key != "input"} for error in errors
        ]
    with override(reader_language(request)):
        if errors and all(error.get("type") == "does_not_exist" for error in errors):
            # A filter naming a page that does not exist (or is not public): as its detail URL.
            return problem_response(status=404, detail=_("参数所指的页面不存在。"), errors=errors)
        return problem_response(status=400, detail=_("请求参数无效。"), errors=errors)


for error_class in VALIDATION_ERRORS:
    api.add_exception_handler(error_class, answer_parameter_errors)


def answer_malformed_ids(request, exc):
    """404 for an object named by an id its model cannot hold (``/snippets/<type>/abc/``).

    Wagtail's snippet views pass the path's ``pk`` to the database as it comes; Django then
    raises ``ValueError("Field 'id' expected a number but got ...")``, a 500 upstream. No
    object has such an id. Every other ValueError is still a server error.
    """
    if str(exc).startswith("Field '") and "expected a number" in str(exc):
        with override(reader_language(request)):
            return problem_response(status=404, detail=_("没有这个编号的记录。"))
    raise exc


api.add_exception_handler(ValueError, answer_malformed_ids)


def request_root_page(request):
    """The root page of the request's site; 404 when no site answers for its host.

    Wagtail's ``PageFilterSchema`` reads ``Site.find_for_request(request).root_page``,
    a 500 when no site matches the host and none is the default.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404(_("没有站点对应这个地址。"))
    return site.root_page


pages_v3.PageFilterSchema.get_request_root_page = staticmethod(request_root_page)


def answer_conflicts(request, exc):
    """409 for a write that breaks a uniqueness rule of the database.

    Wagtail's v3 snippet, site and locale writes save without checking unique fields first
    (a second snippet with the same ``code``): the IntegrityError is a 500 upstream.
    """
    with override(reader_language(request)):
        return problem_response(status=409, detail=_("与已有记录冲突（例如重复的代码或地址）。"))


api.add_exception_handler(IntegrityError, answer_conflicts)


SIBLING_POSITIONS = ("left", "right", "first-sibling", "last-sibling")


def refuse_at_the_root(view):
    """Wagtail's copy, alias and move actions reach for the parent of the tree's root page,
    which has none (``find_available_slug(None, ...)``, ``can_move_to``): a 500 upstream.
    Copying, aliasing or moving the root page, or moving a page beside it, is a 422."""

    @functools.wraps(view)
    def wrapper(request, **kwargs):
        data = kwargs.get("data")
        target_id = getattr(data, "destination_id", None)
        moves_beside_root = getattr(data, "position", None) in SIBLING_POSITIONS and (
            Page.objects.filter(pk=target_id, depth=1).exists()
        )
        if moves_beside_root or Page.objects.filter(pk=kwargs["page_id"], depth=1).exists():
            with override(reader_language(request)):
                message = _("根页面不能复制或移动，页面也不能移到根页面的同级。")
                return problem_response(status=422, detail=message, errors=[{"msg": message}])
        return view(request, **kwargs)

    return wrapper


def _page_action_routers():
    return [pages_v3.actions_router] + [
        bound
        for bound in getattr(api, "_bound_routers_cache", None) or []
        if getattr(bound, "template", None) is pages_v3.actions_router
    ]


for _router in _page_action_routers():
    for _name in ("copy", "move", "create_alias", "copy_for_translation"):
        _replace_view(_router, _name, refuse_at_the_root(getattr(pages_v3, _name)))


let_anonymous_through = AllowAnonymous.__call__


def refuse_unresolved_credentials(self, request):
    """Public reads refuse a request whose credentials resolve to nobody.

    Wagtail lets a request with an invalid, revoked or malformed token through as
    anonymous; a client whose token expired should be told so, not silently see less.
    """
    if "Authorization" in request.headers:
        with override(reader_language(request)):
            raise AuthenticationError(401, _("令牌无效或已被撤销。"))
    return let_anonymous_through(self, request)


AllowAnonymous.__call__ = refuse_unresolved_credentials
complete_openapi_document(api)

__all__ = ["api", "missing_page_types"]
