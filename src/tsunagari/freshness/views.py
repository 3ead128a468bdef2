"""Pages of freshness: the resident's 「情報がちがう」 form (public, anonymous, no cookie)
and the staff's report queue, stale-listing view and verify/resolve actions."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tsunagari.accounts.access import staff_required
from tsunagari.audit.services import actor_for
from tsunagari.directory.models import Service
from tsunagari.directory.selectors import services_public
from tsunagari.organizations.permissions import (
    coordinated_codes,
    is_coordinator,
    is_platform_admin,
    service_for_user,
    services_editable_by,
    services_visible_to,
)

from . import selectors, services
from .fields import FIELDS_BY_KEY
from .forms import ReportForm, ResolveForm, StaleFilterForm
from .permissions import report_for_user
from .ratelimit import report_allowed

QUEUE_STALE_LIMIT = 20
QUEUE_REPORT_LIMIT = 100

# -- public -------------------------------------------------------------------------------


def _public_service(service_id: uuid.UUID) -> Service:
    try:
        return services_public().select_related("organization").get(pk=service_id)
    except Service.DoesNotExist:
        raise Http404("no such public service") from None


def _cross_site(request: HttpRequest) -> bool:
    """A post made by another site's page (what a CSRF token would refuse). Browsers
    say so in Sec-Fetch-Site, or at least in Origin."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    return bool(origin) and origin != "null" and urlsplit(origin).netloc != request.get_host()


# The form sets no CSRF cookie (no cookie at all on the public side, DESIGN.md §7):
# a signed per-form token and the cross-site check above stand in for it. A forged post
# could only send a report, which anyone may send anyway; the rate limit bounds that.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    service = _public_service(service_id)
    if request.method == "POST":
        if _cross_site(request):
            return HttpResponseForbidden(_("ほかのサイトからは送れません。"))
        form = ReportForm(request.POST, service_id=service.pk)
        if form.is_valid():
            if not report_allowed(request, service.pk):
                return render(
                    request, "freshness/report_limited.html", {"service": service}, status=429
                )
            services.report_create(
                service=service, reason=form.cleaned_data["reason"], text=form.cleaned_data["text"]
            )
            return redirect("freshness:report_thanks", service_id=service.pk)
        status = 400
    else:
        form = ReportForm(service_id=service.pk)
        status = 200
    return render(
        request, "freshness/report_form.html", {"service": service, "form": form}, status=status
    )


def report_thanks(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    return render(request, "freshness/report_thanks.html", {"service": _public_service(service_id)})


# -- staff --------------------------------------------------------------------------------


@staff_required
def reports(request: HttpRequest) -> HttpResponse:
    """The queue: residents' open reports and listings waiting to be verified."""
    user = request.user
    today = timezone.localdate()
    open_reports = list(selectors.open_reports(user)[:QUEUE_REPORT_LIMIT])
    stale = list(
        selectors.stale_services(services_visible_to(user), today=today)
        .select_related("municipality")
        .order_by(F("verified_on").asc(nulls_first=True), "name")[:QUEUE_STALE_LIMIT]
    )
    shown = {r.service_id for r in open_reports} | {s.pk for s in stale}
    editable = set(services_editable_by(user).filter(pk__in=shown).values_list("pk", flat=True))
    for report in open_reports:
        report.can_resolve = report.service_id in editable  # type: ignore[attr-defined]
        report.form = ResolveForm(prefix=f"r{report.pk}")  # type: ignore[attr-defined]
    return render(
        request,
        "freshness/reports.html",
        {
            "open_reports": open_reports,
            "open_total": selectors.open_reports(user).count(),
            "resolved": selectors.recently_resolved(user),
            "stale": stale,
            "editable": editable,
            "oversees": is_platform_admin(user) or is_coordinator(user),
        },
    )


@staff_required
@require_POST
def resolve(request: HttpRequest, report_id: int) -> HttpResponse:
    report = report_for_user(request.user, report_id, resolve=True)
    form = ResolveForm(request.POST, prefix=f"r{report.pk}")
    if not form.is_valid():
        messages.error(request, _("対応メモは1000文字までにしてください。"))
        return redirect("freshness:reports")
    services.report_resolve(actor=actor_for(request), report=report, note=form.cleaned_data["note"])
    messages.success(
        request, _("「%(name)s」への報告を対応済みにしました。") % {"name": report.service.name}
    )
    return redirect("freshness:reports")


@staff_required
@require_POST
def verify(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    service = service_for_user(request.user, service_id, edit=True)
    services.service_verify(actor=actor_for(request), service=service)
    messages.success(
        request, _("「%(name)s」の最終確認日を今日にしました。") % {"name": service.name}
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("freshness:reports")
    return redirect(target)


@staff_required
def stale(request: HttpRequest) -> HttpResponse:
    """Stale listings by municipality and field, and the list of them: for coordinators
    (their municipalities) and administrators (all). Members find their own stale
    listings in the queue (``reports``)."""
    user = request.user
    if is_platform_admin(user):
        visible = services_visible_to(user)
    elif is_coordinator(user):
        visible = services_visible_to(user).filter(municipality_id__in=coordinated_codes(user))
    else:
        raise PermissionDenied
    today = timezone.localdate()
    by_municipality = selectors.counts_by_municipality(visible, today=today)
    form = StaleFilterForm(
        request.GET or None,
        municipalities=[(row.key, row.label) for row in by_municipality if row.key],
    )
    municipality, field = "", None
    if form.is_bound and form.is_valid():
        municipality = form.cleaned_data["municipality"]
        field = FIELDS_BY_KEY.get(form.cleaned_data["field"])
    page = selectors.stale_page(
        visible,
        today=today,
        municipality=municipality,
        field=field,
        page=request.GET.get("page") or 1,
    )
    editable = set(
        services_editable_by(user)
        .filter(pk__in=[s.pk for s in page.object_list])
        .values_list("pk", flat=True)
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "freshness/stale.html",
        {
            "by_municipality": by_municipality,
            "by_field": selectors.counts_by_field(visible, today=today),
            "form": form,
            "page": page,
            "editable": editable,
            "query": query.urlencode(),
            "filtered": bool(municipality or field),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
