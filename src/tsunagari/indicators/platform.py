"""Indicators from the platform's own data, per municipality.

Listings are the public services (status 実施中) as the search index holds them
(``search.SearchDocument``: taxonomy codes and weekly opening masks, one row per
service), so an indicator counts exactly what residents can find. Locations carry no
district, so these indicators are per municipality only."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Municipality, Service, TaxonomyTerm
from tsunagari.freshness.fields import FIELDS
from tsunagari.freshness.selectors import counts_by_field, counts_by_municipality
from tsunagari.navigator.selectors import MIN_CELL, need_counts_visible
from tsunagari.search.models import SearchDocument
from tsunagari.search.slots import ALL_DAYS

from .population import population_totals
from .tables import SUPPRESSED, Column, Table

EVENING_FROM_SLOT = 36  # 18:00, in half hours
EVENING = ALL_DAYS & ~((1 << EVENING_FROM_SLOT) - 1)
PER = 10_000
NEEDS_PERIOD_DAYS = 364  # the last 52 weeks of navigator counts
PEERS = 5


@dataclass(frozen=True)
class Listing:
    tags: frozenset[str]
    hours_known: bool
    evening: bool
    weekend: bool


def listings_by_municipality(codes: Iterable[str]) -> dict[str, list[Listing]]:
    """Public listings of each municipality (one query)."""
    result: dict[str, list[Listing]] = defaultdict(list)
    rows = SearchDocument.objects.filter(municipality_code__in=list(codes)).values_list(
        "municipality_code", "tags", "hours_known", *(f"open_{d}" for d in range(7))
    )
    for code, tags, known, *masks in rows:
        result[code].append(
            Listing(
                tags=frozenset(tags.split()),
                hours_known=bool(known),
                evening=any(int(m) & EVENING for m in masks),
                weekend=bool(masks[5] or masks[6]),
            )
        )
    return result


def municipalities_with_listings() -> list[Municipality]:
    codes = (
        SearchDocument.objects.exclude(municipality_code="")
        .values_list("municipality_code", flat=True)
        .distinct()
    )
    return list(Municipality.objects.filter(code__in=list(codes)).order_by("code"))


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _per_10k(count: int, population: int | None) -> float | None:
    return round(PER * count / population, 2) if population else None


# -- tables --------------------------------------------------------------------------------


def places_table(listings: list[Listing], population: int | None) -> Table:
    rows: list[tuple[object, ...]] = [
        (_("すべて"), len(listings), _per_10k(len(listings), population))
    ]
    for f in FIELDS:
        count = sum(1 for item in listings if item.tags.intersection(f.codes))
        rows.append((f.label, count, _per_10k(count, population)))
    note = (
        _("人口は、読み込まれた人口データの最新の基準日の値です。")
        if population
        else _("人口データがありません。掲載数だけを示しています。")
    )
    return Table(
        key="places",
        title=_("分野ごとの掲載数（人口1万人あたり）"),
        columns=(
            Column("field", _("分野")),
            Column("listings", _("掲載数"), _("件")),
            Column("per_10k", _("人口1万人あたり"), _("件")),
        ),
        rows=rows,
        note=note,
        chart_value="per_10k" if population else "listings",
        extra={"population": population},
    )


def hours_table(listings: list[Listing]) -> Table:
    known = [item for item in listings if item.hours_known]
    evening = sum(1 for item in known if item.evening)
    weekend = sum(1 for item in known if item.weekend)
    return Table(
        key="hours",
        title=_("夜（18時以降）と土日にあいている掲載の割合"),
        columns=(
            Column("when", _("時間帯")),
            Column("open", _("あいている掲載"), _("件")),
            Column("known", _("時間がわかる掲載"), _("件")),
            Column("share", _("割合"), "%"),
        ),
        rows=[
            (_("夜（18時以降）"), evening, len(known), _share(evening, len(known))),
            (_("土曜・日曜"), weekend, len(known), _share(weekend, len(known))),
        ],
        note=_(
            "開いている曜日と時間が登録されている掲載のうち、週に1回でも18時以降（または土曜か日曜）にあいている掲載の割合です。"
        ),
        chart_value="share",
    )


def _term_labels(codes: Iterable[str]) -> dict[str, str]:
    english = (get_language() or "").startswith("en")
    labels = {}
    for code, name, name_en in TaxonomyTerm.objects.filter(code__in=list(codes)).values_list(
        "code", "name", "name_en"
    ):
        labels[code] = (name_en or name) if english else name
    return labels


def needs_table(code: str, listings: list[Listing], *, today: dt.date) -> Table:
    """Needs asked in the navigator (weeks with 10 or more asks only) beside the
    listings that answer them; unmet = no open option nearby could be offered."""
    since = today - dt.timedelta(days=NEEDS_PERIOD_DAYS)
    asked: dict[str, int] = defaultdict(int)
    unmet: dict[str, int] = defaultdict(int)
    withheld: set[str] = set()
    for cell in need_counts_visible(municipality=code, since=since):
        asked[cell.need] += cell.asked
        if cell.unmet is None:
            withheld.add(cell.need)
        else:
            unmet[cell.need] += cell.unmet
    labels = _term_labels(asked)
    rows = []
    for need in sorted(asked, key=lambda k: (-asked[k], k)):
        options = sum(1 for item in listings if need in item.tags)
        shown_unmet: object = SUPPRESSED if need in withheld else unmet[need]
        share = None if need in withheld else _share(unmet[need], asked[need])
        rows.append((labels.get(need, need), asked[need], shown_unmet, share, options))
    return Table(
        key="needs",
        title=_("ナビで聞かれた困りごとと、こたえられる掲載"),
        columns=(
            Column("need", _("困りごと")),
            Column("asked", _("聞かれた件数"), _("件")),
            Column("unmet", _("近くであいている先がなかった件数"), _("件")),
            Column("unmet_share", _("こたえられなかった割合"), "%"),
            Column("options", _("掲載数"), _("件")),
        ),
        rows=rows,
        note=_("直近52週のうち、10件以上あった週だけを数えています。10件未満の数は表示しません。"),
        chart_value="unmet_share",
        extra={"min_cell": MIN_CELL},
    )


def freshness_table(code: str, *, today: dt.date) -> Table:
    services = Service.objects.filter(municipality_id=code)
    totals = counts_by_municipality(services, today=today)
    rows: list[tuple[object, ...]] = []
    for count in totals[:1]:
        rows.append(
            (_("すべて"), count.total, count.stale, _share(count.total - count.stale, count.total))
        )
    for count in counts_by_field(services, today=today):
        rows.append(
            (count.label, count.total, count.stale, _share(count.total - count.stale, count.total))
        )
    return Table(
        key="freshness",
        title=_("掲載情報の鮮度（確認が新しい掲載の割合）"),
        columns=(
            Column("field", _("分野")),
            Column("listings", _("掲載数"), _("件")),
            Column("stale", _("確認が必要"), _("件")),
            Column("fresh_share", _("確認が新しい割合"), "%"),
        ),
        rows=rows,
        note=_(
            "最終確認日から、市区町村で決めた月数（決めていなければ12か月）がたっていない掲載の割合です。"
        ),
        chart_value="fresh_share",
    )


def peers_table(municipality: Municipality) -> Table:
    """Municipalities of similar size: by population when it is loaded for this one and
    others, else by number of public listings (said in the note)."""
    counts = dict(
        SearchDocument.objects.exclude(municipality_code="")
        .values_list("municipality_code")
        .annotate(n=Count("id"))
        .values_list("municipality_code", "n")
    )
    populations = population_totals()
    own = municipality.code
    if own in populations and len(populations) > 1:
        basis, sizes = "population", populations
        note = _("人口が近い市区町村と比べています。")
    else:
        basis, sizes = "listings", counts
        note = _("人口データがないため、掲載数が近い市区町村と比べています。")
    own_size = sizes.get(own, 0)
    others = sorted((c for c in sizes if c != own), key=lambda c: (abs(sizes[c] - own_size), c))[
        :PEERS
    ]
    codes = [own, *others]
    names = dict(Municipality.objects.filter(code__in=codes).values_list("code", "name"))
    listings = listings_by_municipality(codes)
    rows = []
    for code in codes:
        items = listings.get(code, [])
        known = [i for i in items if i.hours_known]
        rows.append(
            (
                names.get(code, code),
                populations.get(code),
                len(items),
                _per_10k(len(items), populations.get(code)),
                _share(sum(1 for i in known if i.evening), len(known)),
                _share(sum(1 for i in known if i.weekend), len(known)),
            )
        )
    return Table(
        key="peers",
        title=_("規模の近い市区町村との比較"),
        columns=(
            Column("municipality", _("市区町村")),
            Column("population", _("人口"), _("人")),
            Column("listings", _("掲載数"), _("件")),
            Column("per_10k", _("人口1万人あたり"), _("件")),
            Column("evening_share", _("夜にあいている割合"), "%"),
            Column("weekend_share", _("土日にあいている割合"), "%"),
        ),
        rows=rows,
        note=note,
        chart_value="per_10k" if basis == "population" else "listings",
        extra={"basis": basis},
    )
