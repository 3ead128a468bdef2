"""Prevalence by group from a column frame: the survey estimator's figures, cells of
fewer than 10 respondents withheld, and the national line beside them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tsunagari.indicators import prevalence
from tsunagari.indicators.charts import bar_chart
from tsunagari.indicators.national import national_latest, national_series
from tsunagari.indicators.prevalence import DesignSpec, prevalence_rows
from tsunagari.indicators.selectors import prevalence_table
from tsunagari.indicators.tables import SUPPRESSED

API = Path(__file__).parent.parent / "surveys" / "reference" / "apistrat.csv"


def _apistrat() -> dict[str, list[object]]:
    with API.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    frame: dict[str, list[object]] = {key: [row[key] for row in rows] for key in rows[0]}
    frame["yes"] = [1 if v == "Yes" else 0 for v in frame["sch.wide"]]
    return frame


def test_rows_match_r_survey_by_group() -> None:
    # R: svyby(~I(sch.wide=='Yes'), ~stype, svyciprop, method='logit') on dstrat.
    spec = DesignSpec(outcome="yes", by=("stype",), strata="stype", weights="pw", fpc=("fpc",))
    rows = prevalence_rows(_apistrat(), spec)
    overall, e, h, m = rows
    assert (overall.group, overall.n, overall.suppressed) == ("", 200, False)
    assert overall.estimate == pytest.approx(0.827948011002)
    assert overall.ci_low == pytest.approx(0.774539654352, rel=1e-6)
    assert (e.group, e.value) == ("stype", "E")
    assert e.estimate == pytest.approx(0.91)
    assert e.ci_low == pytest.approx(0.835445944244, rel=1e-6)
    assert e.ci_high == pytest.approx(0.952688893982, rel=1e-6)
    assert h.ci_low == pytest.approx(0.383379516621, rel=1e-6)
    assert m.value == "M" and m.n == 50


def _synthetic() -> dict[str, list[object]]:
    # 30 respondents: 21 in 南地区, 9 in 北地区 (too few to show); one did not answer.
    district = ["南地区"] * 21 + ["北地区"] * 9
    outcome: list[object] = [1, 0, 0] * 10
    outcome[0] = None
    return {"lonely": outcome, "district": district, "sex": ["女性", "男性"] * 15}


def test_cells_under_ten_respondents_are_withheld() -> None:
    rows = prevalence_rows(_synthetic(), DesignSpec(outcome="lonely", by=("district", "sex")))
    by_value = {row.value: row for row in rows}
    north = by_value["北地区"]
    assert north.suppressed and north.n == 9
    assert north.estimate is None and north.ci_low is None and north.ci_high is None
    south = by_value["南地区"]
    assert not south.suppressed and south.n == 20  # the missing answer is not counted
    assert south.estimate == pytest.approx(6 / 20)
    assert south.ci_low is not None and south.ci_low < 0.3 < south.ci_high
    assert by_value[""].n == 29


def test_a_missing_column_is_named() -> None:
    with pytest.raises(ValueError, match="'age_band'"):
        prevalence_rows(_synthetic(), DesignSpec(outcome="lonely"))


def test_the_table_and_chart_show_the_national_line_and_withheld_cells() -> None:
    rows = prevalence_rows(_synthetic(), DesignSpec(outcome="lonely", by=("district",)))
    table = prevalence_table(prevalence.Prevalence(title="令和7年 町田市調査", rows=rows))
    north = next(row for row in table.rows if "北地区" in str(row[0]))
    assert north[1:4] == (SUPPRESSED, SUPPRESSED, SUPPRESSED) and north[4] == 9
    assert table.reference == 4.3  # 令和6年, the latest national wave
    svg = bar_chart(table)
    assert 'stroke-dasharray="6 4"' in svg
    assert "全国（令和6年） 4.3%" in svg
    assert "非表示（10人未満）" in svg
    assert '<title id="chart-prevalence-title">' in svg and "<desc" in svg
    assert "style=" not in svg


def test_national_figures_over_waves() -> None:
    series = national_series()
    assert [(f.year_reiwa, f.percent) for f in series] == [(3, 4.5), (4, 4.9), (5, 4.8), (6, 4.3)]
    latest = national_latest()
    assert latest is not None and latest.n == 10876


def test_the_dashboard_shows_the_municipalitys_survey_by_group_with_suppression(world, client):
    """Answers entered on paper reach the staff dashboard: the overall share with its
    interval, groups of 10 or more, and groups under 10 withheld."""
    from tests.staff_world import sign_in
    from tests.surveys.conftest import STAFF, make_survey
    from tsunagari.indicators.prevalence import local_prevalence
    from tsunagari.surveys import services

    survey = make_survey()
    # 12 women (3 often lonely) and 4 men (1 often lonely), all in 鶴川.
    for i in range(16):
        woman = i < 12
        lonely = i in (0, 1, 2) if woman else i == 12
        services.response_enter_paper(
            actor=STAFF,
            survey=survey,
            answers={
                "direct_loneliness": 5 if lonely else 2,
                "sex": 2 if woman else 1,
                "district": "鶴川",
            },
        )
    result = local_prevalence("132098")
    assert result is not None
    by = {(r.group, r.value): r for r in result.rows}
    overall = by[("", "")]
    assert overall.n == 16 and overall.estimate == pytest.approx(4 / 16)
    assert overall.ci_low < 4 / 16 < overall.ci_high
    assert by[("sex", "女性")].estimate == pytest.approx(3 / 12)
    assert by[("sex", "男性")].suppressed and by[("sex", "男性")].estimate is None
    page = sign_in(client, world.coord_x).get("/staff/indicators/132098/").content.decode()
    assert "くらしとつながり調査" in page
    assert "25.0" in page or "25%" in page
