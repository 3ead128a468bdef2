"""Stewardship pages: the listings one stewards, editing one, the review queue, archive,
and bulk import. Views parse, call one access helper and one service or selector, and
render; htmx requests get the same page, of which htmx swaps the part it asked for."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagari.accounts.access import staff_required
from tsunagari.audit.services import actor_for
from tsunagari.directory.importers import ImportProblem
from tsunagari.directory.importers.normalise import municipality_code
from tsunagari.directory.models import Municipality, Service
from tsunagari.organizations.permissions import (
    can_review,
    edit_needs_review,
    is_coordinator,
    is_platform_admin,
    municipalities_coordinated_by,
    service_for_user,
)

from . import imports, selectors, services
from .diff import listing_diff
from .forms import ListingForms
from .graph import listing_digest, listing_get
from .permissions import can_withdraw, change_request_for_user

PAGE_SIZE = 50
IMPORT_SESSION_KEY = "stewardship_import"


@staff_required
def listings(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:100]
    paginator = Paginator(selectors.listings_for(request.user, q=q), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "stewardship/listings.html",
        {
            "q": q,
            "page": page,
            "editable": selectors.editable_ids(request.user, [s.id for s in page]),
        },
    )


@staff_required
def service_edit(request: HttpRequest, service_id: str) -> HttpResponse:
    service = service_for_user(request.user, service_id, edit=True)
    current = listing_get(service)
    pending = selectors.pending_for(service)
    start, returned = selectors.edit_start(service, current)
    needs_review = edit_needs_review(request.user, service)
    context: dict[str, Any] = {
        "service": service,
        "pending": pending,
        "returned": returned,
        "needs_review": needs_review,
        "base_digest": listing_digest(current),
        "can_withdraw": pending is not None and can_withdraw(request.user, pending),
    }
    # A partner's edit waits while another waits for review; reviewers may still edit.
    blocked = pending is not None and needs_review
    if request.method == "POST" and not blocked:
        add = request.POST.get("add", "")
        forms = ListingForms(current, start, request.POST, add=add)
        context["forms"] = forms
        if add:
            return render(request, "stewardship/service_edit.html", context)
        if forms.is_valid():
            proposed = forms.proposed()
            if "preview" in request.POST:
                context["preview"] = listing_diff(current, proposed)
                context["previewed"] = True
                return render(request, "stewardship/service_edit.html", context)
            try:
                change_request = services.service_change(
                    user=request.user,
                    actor=actor_for(request),
                    service=service,
                    base_digest=request.POST.get("base_digest", ""),
                    proposed=proposed,
                )
            except services.ChangeError as error:
                context["error"] = str(error)
                return render(request, "stewardship/service_edit.html", context, status=409)
            if change_request is None:
                messages.success(request, _("変更を公開しました。"))
            else:
                messages.success(
                    request,
                    _(
                        "変更を受け付けました（確認待ち）。コーディネーターが確認したあとで公開されます。"
                    ),
                )
            return redirect("stewardship:service_edit", service_id=service.pk)
        context["invalid"] = True
        # htmx swaps only successful responses: its preview shows the errors too.
        status = 200 if request.headers.get("HX-Request") else 400
        return render(request, "stewardship/service_edit.html", context, status=status)
    context["forms"] = None if blocked else ListingForms(current, start)
    if pending is not None:
        context["pending_changes"] = listing_diff(pending.base, pending.proposed)
    return render(request, "stewardship/service_edit.html", context)


def _archive_or_back(request: HttpRequest, service_id: str, *, archive: bool) -> HttpResponse:
    service = service_for_user(request.user, service_id, edit=True)
    change = services.service_archive if archive else services.service_unarchive
    try:
        change_request = change(user=request.user, actor=actor_for(request), service=service)
    except services.ChangeError as error:
        messages.error(request, str(error))
        return redirect("stewardship:service_edit", service_id=service.pk)
    if change_request is not None:
        messages.success(
            request, _("受け付けました（確認待ち）。コーディネーターが確認したあとで反映されます。")
        )
    elif archive:
        messages.success(
            request,
            _("アーカイブしました。公開ページ・検索・APIには出ません（データは残っています）。"),
        )
    else:
        messages.success(request, _("掲載を再開しました。"))
    return redirect("stewardship:service_edit", service_id=service.pk)


@staff_required
@require_POST
def service_archive(request: HttpRequest, service_id: str) -> HttpResponse:
    return _archive_or_back(request, service_id, archive=True)


@staff_required
@require_POST
def service_unarchive(request: HttpRequest, service_id: str) -> HttpResponse:
    return _archive_or_back(request, service_id, archive=False)


@staff_required
def review_queue(request: HttpRequest) -> HttpResponse:
    to_review, own = selectors.queue_for(request.user)
    return render(
        request,
        "stewardship/review_queue.html",
        {
            "to_review": to_review[:200],
            "own": own[:100],
            "reviews": is_platform_admin(request.user) or is_coordinator(request.user),
        },
    )


@staff_required
def review_detail(request: HttpRequest, pk: str) -> HttpResponse:
    change_request = change_request_for_user(request.user, pk)
    status = 200
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        actor = actor_for(request)
        try:
            if action == "approve":
                change_request = change_request_for_user(request.user, pk, review=True)
                services.change_approve(
                    user=request.user, actor=actor, change_request=change_request
                )
                messages.success(request, _("承認しました。公開ページに反映されています。"))
            elif action == "return":
                change_request = change_request_for_user(request.user, pk, review=True)
                services.change_return(
                    user=request.user,
                    actor=actor,
                    change_request=change_request,
                    comment=request.POST.get("comment", ""),
                )
                messages.success(request, _("差し戻しました。団体にコメントが表示されます。"))
            elif action == "withdraw":
                change_request = change_request_for_user(request.user, pk, withdraw=True)
                services.change_withdraw(
                    user=request.user, actor=actor, change_request=change_request
                )
                messages.success(request, _("変更を取り下げました。"))
            else:
                raise PermissionDenied
            return redirect("stewardship:review_detail", pk=change_request.pk)
        except services.ChangeError as problem:
            error, status = str(problem), 409
            change_request.refresh_from_db()
    review = selectors.review_get(change_request)
    return render(
        request,
        "stewardship/review_detail.html",
        {
            "review": review,
            "change_request": change_request,
            "error": error,
            "comment": request.POST.get("comment", "") if request.method == "POST" else "",
            "can_review": can_review(request.user, change_request.service.municipality_id),
            "can_withdraw": can_withdraw(request.user, change_request),
            "is_public": change_request.service.status == Service.Status.ACTIVE,
        },
        status=status,
    )


def _import_allowed(user: Any) -> None:
    """Coordinators and administrators import; an organisation's owner does not: a file
    may hold listings of any organisation, and the importer writes all of them."""
    if not (is_platform_admin(user) or is_coordinator(user)):
        raise PermissionDenied


def _import_municipality(user: Any, text: str) -> Municipality | None:
    text = text.strip()
    if not text:
        return None
    try:
        code = municipality_code(text)
    except ValueError:
        raise ImportProblem(_("全国地方公共団体コードは6けたの数字で入れてください。")) from None
    found = municipalities_coordinated_by(user).filter(code=code).first()
    if found is None:
        raise ImportProblem(_("担当している自治体のコードを入れてください。"))
    return found


@staff_required
def bulk_import(request: HttpRequest) -> HttpResponse:
    """Upload → dry-run report → confirm → result. Nothing is written until confirmed,
    and a file with any bad row writes nothing at all."""
    _import_allowed(request.user)
    context: dict[str, Any] = {"max_mb": imports.MAX_BYTES // (1024 * 1024)}
    if request.method != "POST":
        return render(request, "stewardship/bulk_import.html", context)
    actor = actor_for(request)
    step = request.POST.get("step", "")
    kept = request.session.get(IMPORT_SESSION_KEY) or {}
    try:
        if step == "check":
            upload = request.FILES.get("file")
            if upload is None:
                raise ImportProblem(_("ファイルをえらんでください。"))
            municipality = _import_municipality(request.user, request.POST.get("municipality", ""))
            if kept:
                imports.upload_forget(kept.get("token", ""))
            token, name = imports.upload_keep(upload)
            kept = {
                "token": token,
                "name": name,
                "municipality": municipality.code if municipality else "",
            }
            request.session[IMPORT_SESSION_KEY] = kept
            dry_run = True
        elif step == "confirm":
            # The token must be the one this session uploaded: never a path from the form.
            if not kept or request.POST.get("token") != kept.get("token"):
                raise ImportProblem(
                    _("取り込むファイルが見つかりません。もう一度アップロードしてください。")
                )
            municipality = _import_municipality(request.user, kept.get("municipality", ""))
            dry_run = False
        else:
            raise ImportProblem(_("ファイルをえらんでください。"))
        context["report"] = imports.import_run(
            user=request.user,
            actor=actor,
            token=kept["token"],
            name=kept["name"],
            municipality=municipality,
            dry_run=dry_run,
        )
        context["token"] = kept["token"]
        if not dry_run:
            imports.upload_forget(kept["token"])
            request.session.pop(IMPORT_SESSION_KEY, None)
        return render(request, "stewardship/bulk_import.html", context)
    except ImportProblem as problem:
        if kept:
            imports.upload_forget(kept.get("token", ""))
            request.session.pop(IMPORT_SESSION_KEY, None)
        context["problem"] = problem
        return render(request, "stewardship/bulk_import.html", context, status=400)
