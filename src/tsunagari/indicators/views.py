"""Dashboard pages and downloads: the staff dashboard (coordinators of the municipality
and administrators), the public one (published indicators only) and the open data."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from tsunagari.accounts.access import staff_required
from tsunagari.directory.models import Municipality
from tsunagari.organizations.permissions import (
    is_coordinator,
    is_platform_admin,
    municipalities_coordinated_by,
    municipality_for_coordinator,
)

from . import exports, report
from .charts import bar_chart, district_map
from .districts import district_shapes
from .platform import municipalities_with_listings
from .selectors import dashboard_table, dashboard_tables
from .tables import Table


def _overseer(request: HttpRequest) -> None:
    """Coordinators and administrators read the dashboard; members of organisations do
    not (403: they are staff, but this is not theirs)."""
    if not (is_platform_admin(request.user) or is_coordinator(request.user)):
        raise PermissionDenied


def _public_municipality(code: str) -> Municipality:
    for municipality in municipalities_with_listings():
        if municipality.code == code:
            return municipality
    raise Http404("no public indicators for this municipality")


def _download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _charted(tables: list[Table]) -> list[tuple[Table, str]]:
    return [(table, bar_chart(table)) for table in tables]


def _dashboard_context(
    municipality: Municipality, *, public: bool, with_map: bool = False
) -> dict[str, object]:
    from . import prevalence

    today = timezone.localdate()
    tables = dashboard_tables(municipality, today=today, public=public)
    return {
        "municipality": municipality,
        "tables": _charted(tables),
        "today": today,
        "public": public,
        "has_local_survey": any(t.key == "prevalence" for t in tables),
        "min_respondents": prevalence.MIN_RESPONDENTS,
        "district_map": _district_map(municipality, tables) if with_map else "",
    }


def _district_map(municipality: Municipality, tables: list[Table]) -> str:
    """The map of the survey's district shares, when the municipality has boundaries
    (empty otherwise: the table's district rows remain)."""
    for table in tables:
        if table.key == "prevalence" and table.extra.get("districts"):
            return district_map(table, district_shapes(municipality.code))
    return ""


# -- staff -------------------------------------------------------------------------------


@staff_required
@require_GET
def staff_index(request: HttpRequest) -> HttpResponse:
    _overseer(request)
    if is_platform_admin(request.user):
        municipalities = municipalities_with_listings()
    else:
        municipalities = list(municipalities_coordinated_by(request.user))
    return render(request, "indicators/staff_index.html", {"municipalities": municipalities})


@staff_required
@require_GET
def staff_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    _overseer(request)
    municipality = municipality_for_coordinator(request.user, code)
    context = _dashboard_context(municipality, public=False, with_map=True)
    return render(request, "indicators/staff_dashboard.html", context)


@staff_required
@require_GET
def staff_table_csv(request: HttpRequest, code: str, key: str) -> HttpResponse:
    _overseer(request)
    municipality = municipality_for_coordinator(request.user, code)
    table = dashboard_table(municipality, key, today=timezone.localdate(), public=False)
    if table is None:
        raise Http404("no such table")
    return _download(
        exports.table_csv(table), filename=f"{code}_{key}.csv", content_type="text/csv"
    )


@staff_required
@require_GET
def staff_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    _overseer(request)
    municipality = municipality_for_coordinator(request.user, code)
    tables = dashboard_tables(municipality, today=timezone.localdate(), public=False)
    content = exports.tables_xlsx(tables, title=municipality.full_name)
    return _download(content, filename=f"{code}_indicators.xlsx", content_type=exports.XLSX)


@staff_required
@require_GET
def staff_report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    _overseer(request)
    municipality = municipality_for_coordinator(request.user, code)
    html = render_to_string(
        "indicators/report.html", _dashboard_context(municipality, public=False), request
    )
    return _download(
        report.pdf(html),
        filename=f"{code}_indicators.pdf",
        content_type="application/pdf",
    )


# -- public --------------------------------------------------------------------------------


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "indicators/public_index.html", {"municipalities": municipalities_with_listings()}
    )


@require_GET
def public_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _public_municipality(code)
    context = _dashboard_context(municipality, public=True, with_map=True)
    return render(request, "indicators/public_dashboard.html", context)


@require_GET
def public_table_csv(request: HttpRequest, code: str, key: str) -> HttpResponse:
    municipality = _public_municipality(code)
    table = dashboard_table(municipality, key, today=timezone.localdate(), public=True)
    if table is None:
        raise Http404("no such published table")
    return _download(
        exports.table_csv(table), filename=f"{code}_{key}.csv", content_type="text/csv"
    )


@require_GET
def public_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _public_municipality(code)
    tables = dashboard_tables(municipality, today=timezone.localdate(), public=True)
    content = exports.tables_xlsx(tables, title=municipality.full_name)
    return _download(content, filename=f"{code}_indicators.xlsx", content_type=exports.XLSX)


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    rows = exports.open_rows(municipalities_with_listings(), today=timezone.localdate())
    return _download(
        exports.open_data_csv(rows), filename="indicators.csv", content_type="text/csv"
    )


def _metadata(request: HttpRequest) -> dict[str, object]:
    today = timezone.localdate()
    return exports.metadata_document(
        exports.open_metadata(updated=today),
        updated=today,
        data_url=request.build_absolute_uri(reverse("indicators:open_data")),
    )


@require_GET
def open_metadata_json(request: HttpRequest) -> HttpResponse:
    return HttpResponse(exports.metadata_json(_metadata(request)), content_type="application/json")


@require_GET
def open_metadata_csv(request: HttpRequest) -> HttpResponse:
    return _download(
        exports.metadata_csv(_metadata(request)),
        filename="indicators_metadata.csv",
        content_type="text/csv",
    )
