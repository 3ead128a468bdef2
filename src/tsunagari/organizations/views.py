"""Organisation pages: the list, one organisation with its members, invitations, the
municipality policy and (administrators) coordinators. Thin: the access helpers in
``permissions`` look up and check (404/403), ``services`` change, ``selectors`` read.

Member management is sensitive: each such view first checks access (so someone who may
not act gets 404/403 at once), then asks for a recent password (``recent_auth_required``)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tsunagari.accounts.access import recent_auth_required, staff_required
from tsunagari.audit.services import actor_for

from . import selectors, services
from .forms import AcceptNewAccountForm, CoordinatorAddForm, InviteForm, PolicyForm, RoleForm
from .models import CoordinatorScope, Invitation, Membership, Organization
from .permissions import (
    can_manage_members,
    coordinated_codes,
    invitation_for_user,
    is_coordinator,
    is_platform_admin,
    listing_for_registration,
    listings_registrable_by,
    membership_for_user,
    municipalities_coordinated_by,
    municipality_for_coordinator,
    organization_for_user,
    policy_for,
)

PAGE_SIZE = 50


@staff_required
def organization_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    admin = is_platform_admin(user)
    # Administrators pick a municipality to see its unregistered organisations (listing
    # every municipality's would be the whole national directory).
    code = request.GET.get("municipality", "").strip()[:6] if admin else ""
    registrable = None
    if code:
        registrable = listings_registrable_by(user, {code})
    elif is_coordinator(user):
        registrable = listings_registrable_by(user, coordinated_codes(user))
    context = {
        "organizations": Paginator(selectors.organizations_for_list(user), PAGE_SIZE).get_page(
            request.GET.get("page")
        ),
        "registrable": None
        if registrable is None
        else Paginator(registrable, PAGE_SIZE).get_page(request.GET.get("upage")),
        "may_register": admin or is_coordinator(user),
        "is_admin": admin,
        "municipality_code": code,
        "policy_municipalities": list(
            municipalities_coordinated_by(user).filter(code__in=coordinated_codes(user))
        ),
    }
    return render(request, "organizations/list.html", context)


@staff_required
@require_POST
def organization_register(request: HttpRequest) -> HttpResponse:
    listing = listing_for_registration(request.user, request.POST.get("listing", ""))
    try:
        organization = services.organization_register(actor=actor_for(request), listing=listing)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("organizations:list")
    messages.success(
        request,
        _("「%(name)s」を参加団体として登録しました。メンバーを招待してください。")
        % {"name": organization.name},
    )
    return redirect("organizations:detail", pk=organization.pk)


@staff_required
def organization_detail(request: HttpRequest, pk: str) -> HttpResponse:
    organization = organization_for_user(request.user, pk)
    manage = can_manage_members(request.user, organization)
    context = {
        "organization": organization,
        "listing": organization.listing,
        "services": selectors.services_of(organization)[:PAGE_SIZE],
        "members": selectors.members_of(organization),
        "can_manage": manage,
        "invitations": selectors.pending_invitations(organization) if manage else [],
        "invite_form": InviteForm() if manage else None,
    }
    return render(request, "organizations/detail.html", context)


@staff_required
def invite(request: HttpRequest, pk: str) -> HttpResponse:
    return _invite(request, organization_for_user(request.user, pk, manage=True))


@recent_auth_required
def _invite(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                actor=actor_for(request),
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(email)s に招待のメールを送りました。") % {"email": form.cleaned_data["email"]},
            )
            return redirect("organizations:detail", pk=organization.pk)
    return render(
        request, "organizations/invite.html", {"organization": organization, "form": form}
    )


@staff_required
def member_role(request: HttpRequest, pk: str, membership_id: int) -> HttpResponse:
    return _member_role(request, membership_for_user(request.user, pk, membership_id))


@recent_auth_required
def _member_role(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(
                actor=actor_for(request), membership=membership, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(user)s さんの役割を変えました。") % {"user": membership.user.get_username()},
            )
            return redirect("organizations:detail", pk=membership.organization_id)
    return render(
        request,
        "organizations/member_role.html",
        {"membership": membership, "organization": membership.organization, "form": form},
    )


@staff_required
def member_remove(request: HttpRequest, pk: str, membership_id: int) -> HttpResponse:
    return _member_remove(request, membership_for_user(request.user, pk, membership_id))


@recent_auth_required
def _member_remove(request: HttpRequest, membership: Membership) -> HttpResponse:
    error_text = ""
    if request.method == "POST":
        try:
            services.membership_remove(actor=actor_for(request), membership=membership)
        except ValidationError as error:
            error_text = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("%(user)s さんをメンバーから外しました。")
                % {"user": membership.user.get_username()},
            )
            if membership.user_id == request.user.pk:
                return redirect("organizations:list")
            return redirect("organizations:detail", pk=membership.organization_id)
    return render(
        request,
        "organizations/member_remove.html",
        {"membership": membership, "organization": membership.organization, "error": error_text},
        status=400 if error_text else 200,
    )


@staff_required
def invitation_withdraw(request: HttpRequest, pk: str, invitation_id: int) -> HttpResponse:
    return _invitation_withdraw(request, invitation_for_user(request.user, pk, invitation_id))


@recent_auth_required
def _invitation_withdraw(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    error_text = ""
    if request.method == "POST":
        try:
            services.invitation_withdraw(actor=actor_for(request), invitation=invitation)
        except ValidationError as error:
            error_text = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("%(email)s への招待を取り消しました。招待のリンクはもう使えません。")
                % {"email": invitation.email},
            )
            return redirect("organizations:detail", pk=invitation.organization_id)
    return render(
        request,
        "organizations/invitation_withdraw.html",
        {"invitation": invitation, "organization": invitation.organization, "error": error_text},
        status=400 if error_text else 200,
    )


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link may open it: the token is the credential. A signed-in person
    joins with their account; someone without one makes it here."""
    try:
        invitation = services.invitation_by_token(token)
    except services.InvitationUnusable as unusable:
        return _unusable(request, unusable)
    user = request.user
    form = None if user.is_authenticated else AcceptNewAccountForm(request.POST or None)
    error_text = ""
    if request.method == "POST" and (form is None or form.is_valid()):
        request_id = getattr(request, "request_id", "")
        try:
            if form is None:
                membership = services.invitation_accept(
                    token=token, user=cast(User, user), request_id=request_id
                )
            else:
                account = services.NewAccount(
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                )
                membership = services.invitation_accept(
                    token=token, new_account=account, request_id=request_id
                )
        except services.InvitationUnusable as unusable:
            return _unusable(request, unusable)
        except ValidationError as error:
            if form is None:
                error_text = " ".join(error.messages)
            else:
                form.add_error(None, error)
        else:
            if form is not None:
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("「%(name)s」に参加しました。") % {"name": invitation.organization.name}
            )
            return redirect("organizations:detail", pk=invitation.organization_id)
    return render(
        request,
        "organizations/accept.html",
        {"invitation": invitation, "form": form, "error": error_text},
    )


def _unusable(request: HttpRequest, unusable: services.InvitationUnusable) -> HttpResponse:
    # 404 for a link that never existed; 410 (gone) for one that worked once.
    status = 404 if unusable.reason == "unknown" else 410
    return render(
        request, "organizations/accept_unusable.html", {"reason": unusable.reason}, status=status
    )


@staff_required
def policy(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_for_coordinator(request.user, code)
    current = policy_for(code)
    form = PolicyForm(
        request.POST or None,
        initial={
            "review_partner_edits": current.review_partner_edits,
            "stale_after_months": current.stale_after_months,
            "publish_survey_results": current.publish_survey_results,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_update(
                actor=actor_for(request),
                municipality=municipality,
                review_partner_edits=form.cleaned_data["review_partner_edits"],
                stale_after_months=form.cleaned_data["stale_after_months"],
                publish_survey_results=form.cleaned_data["publish_survey_results"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("運用の設定を保存しました。"))
            return redirect("organizations:policy", code=municipality.code)
    return render(
        request, "organizations/policy.html", {"municipality": municipality, "form": form}
    )


@staff_required
def coordinators(request: HttpRequest) -> HttpResponse:
    if not is_platform_admin(request.user):
        raise PermissionDenied
    return _coordinators(request)


@recent_auth_required
def _coordinators(request: HttpRequest) -> HttpResponse:
    adding = request.method == "POST" and "remove" not in request.POST
    form = CoordinatorAddForm(request.POST if adding else None)
    if request.method == "POST" and not adding:
        scope = get_object_or_404(
            CoordinatorScope.objects.select_related("user"),
            pk=request.POST.get("remove") if request.POST.get("remove", "").isdigit() else None,
        )
        services.coordinator_remove(actor=actor_for(request), scope=scope)
        messages.success(
            request,
            _("%(user)s さんを %(place)s のコーディネーターから外しました。")
            % {"user": scope.user.get_username(), "place": scope.municipality.name},
        )
        return redirect("organizations:coordinators")
    if adding and form.is_valid():
        try:
            scope = services.coordinator_add(
                actor=actor_for(request),
                user=form.cleaned_data["username"],
                municipality=form.cleaned_data["municipality"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(user)s さんを %(place)s のコーディネーターにしました。")
                % {"user": scope.user.get_username(), "place": scope.municipality.name},
            )
            return redirect("organizations:coordinators")
    return render(
        request,
        "organizations/coordinators.html",
        {"scopes": selectors.coordinator_scopes(), "form": form},
    )
