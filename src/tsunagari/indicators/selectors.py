"""The dashboard of one municipality: every indicator table, in the order shown.

The public page (``public``) leaves out what is for coordinators only: navigator need
counts (small-area, even if suppressed under 10), and the municipality's own survey
results until it publishes them (its policy's ``publish_survey_results``)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Municipality
from tsunagari.organizations.permissions import policy_for

from . import prevalence
from .national import HEADLINE, national_latest, national_series
from .platform import (
    freshness_table,
    hours_table,
    listings_by_municipality,
    needs_table,
    peers_table,
    places_table,
)
from .population import population_totals
from .tables import SUPPRESSED, Column, Table

ALL_TABLES = ("prevalence", "national", "places", "hours", "needs", "freshness", "peers")

GROUP_LABELS = {
    prevalence.ALL: _("全体"),
    "age_band": _("年齢"),
    "sex": _("性別"),
    "district": _("地域"),
    "wave": _("調査回"),
}


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def prevalence_table(result: prevalence.Prevalence) -> Table:
    latest = national_latest()
    rows: list[tuple[object, ...]] = []
    # The map by district shows the same values as the table's district rows.
    districts: list[tuple[str, object]] = []
    for row in result.rows:
        if row.group == "district":
            districts.append((row.value, SUPPRESSED if row.suppressed else _pct(row.estimate)))
        label = GROUP_LABELS.get(row.group, row.group)
        name = f"{label}：{row.value}" if row.value else str(label)
        if row.suppressed:
            rows.append((name, SUPPRESSED, SUPPRESSED, SUPPRESSED, row.n))
        else:
            rows.append((name, _pct(row.estimate), _pct(row.ci_low), _pct(row.ci_high), row.n))
    return Table(
        key="prevalence",
        title=_("孤独感が「しばしばある・常にある」人の割合"),
        columns=(
            Column("group", _("区分")),
            Column("estimate", _("推定値"), "%"),
            Column("ci_low", _("95%信頼区間（下限）"), "%"),
            Column("ci_high", _("95%信頼区間（上限）"), "%"),
            Column("n", _("回答者数"), _("人")),
        ),
        rows=rows,
        note=_("回答者が10人未満の区分は表示しません。点線は全国の値です。"),
        chart_value="estimate",
        chart_low="ci_low",
        chart_high="ci_high",
        reference=latest.percent if latest else None,
        reference_label=(_("全国（%(year)s）") % {"year": latest.year_label} if latest else ""),
        extra={"survey": result.title, "districts": districts},
    )


def national_table() -> Table:
    series = national_series(*HEADLINE)
    return Table(
        key="national",
        title=_("全国の値：孤独感が「しばしばある・常にある」人の割合（調査回ごと）"),
        columns=(
            Column("wave", _("調査回")),
            Column("period", _("調査時期")),
            Column("percent", _("割合"), "%"),
            Column("n", _("回答者数"), _("人")),
        ),
        rows=[(f.year_label, f.period, f.percent, f.n) for f in series],
        note=_("出典：内閣府「人々のつながりに関する基礎調査」"),
        chart_value="percent",
    )


def dashboard_tables(municipality: Municipality, *, today: dt.date, public: bool) -> list[Table]:
    """The tables of the dashboard, public ones only when ``public``."""
    code = municipality.code
    listings = listings_by_municipality([code]).get(code, [])
    population = population_totals([code]).get(code)
    tables: list[Table] = []
    shown = not public or policy_for(code).publish_survey_results
    local = prevalence.local_prevalence(code) if shown else None
    if local is not None:
        tables.append(prevalence_table(local))
    tables.append(national_table())
    tables.append(places_table(listings, population))
    tables.append(hours_table(listings))
    if not public:
        tables.append(needs_table(code, listings, today=today))
    tables.append(freshness_table(code, today=today))
    tables.append(peers_table(municipality))
    return tables


def dashboard_table(
    municipality: Municipality, key: str, *, today: dt.date, public: bool
) -> Table | None:
    """One table by key (for downloads), or None when there is no such table here."""
    if key not in ALL_TABLES:
        return None
    for table in dashboard_tables(municipality, today=today, public=public):
        if table.key == key:
            return table
    return None
