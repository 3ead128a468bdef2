"""A coordinator opens the dashboard: charts with the national line, the same numbers
in tables, no accessibility violations; the public page too."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.staff_world import X, session_cookie
from tsunagari.indicators import prevalence
from tsunagari.indicators.prevalence import DesignSpec, Prevalence, prevalence_rows

pytestmark = [pytest.mark.browser]


def _axe(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _survey(code: str) -> Prevalence:
    # 60 answers in two districts and one of 8 (withheld), as the surveys app will give.
    district = ["南地区"] * 30 + ["北地区"] * 22 + ["東地区"] * 8
    frame = {"lonely": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0] * 6, "district": district}
    rows = prevalence_rows(frame, DesignSpec(outcome="lonely", by=("district",)))
    return Prevalence(title="令和7年 町田市 つながりの調査", rows=rows)


def test_a_coordinator_reads_the_dashboard(live_server, world, page, monkeypatch) -> None:
    monkeypatch.setattr(prevalence, "local_prevalence", _survey)
    cookie = session_cookie(world.coord_x)
    cookie.pop("path")
    page.context.add_cookies([{**cookie, "url": live_server.url}])
    page.goto(f"{live_server.url}/staff/indicators/")
    page.get_by_role("link", name="東京都町田市").click()
    page.wait_for_url(f"**/staff/indicators/{X}/")
    chart = page.get_by_role("img", name="孤独感が「しばしばある・常にある」人の割合", exact=True)
    assert chart.is_visible()
    assert "全国（令和6年） 4.3%" in chart.inner_html()
    table = page.get_by_role(
        "table", name="孤独感が「しばしばある・常にある」人の割合（グラフと同じ数字）"
    )
    assert "非表示（10人未満）" in table.get_by_role("row", name="地域：東地区").inner_text()
    assert page.get_by_role(
        "img", name="分野ごとの掲載数（人口1万人あたり）", exact=True
    ).is_visible()
    _axe(page)


def test_the_public_indicators_pass_axe(live_server, world, page) -> None:
    page.goto(f"{live_server.url}/indicators/")
    page.get_by_role("link", name="東京都町田市").click()
    assert page.get_by_role("heading", level=1).inner_text() == "東京都町田市の指標"
    assert page.get_by_role(
        "table", name="夜（18時以降）と土日にあいている掲載の割合（グラフと同じ数字）"
    ).is_visible()
    _axe(page)
