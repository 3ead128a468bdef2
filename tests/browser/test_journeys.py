"""What residents do, end to end in a real browser: search → filter → map → detail →
share; the navigator to three different kinds of options; the navigator to the crisis
panel; switching language. Every request stays on the live server."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

ALWAYS_OPEN = {"freq": "DAILY", "opens_at": dt.time(0, 0), "closes_at": dt.time(23, 59)}


@pytest.fixture
def town(reference_data):
    return [
        make_service(
            "みんなの子ども食堂",
            terms=["type.kodomo_shokudo", "need.childcare", "attr.free"],
            latitude=35.5466,
            longitude=139.4386,
        ),
        make_service(
            "駅前こども食堂",
            terms=["type.kodomo_shokudo", "need.childcare"],
            latitude=35.5420,
            longitude=139.4460,
        ),
        make_service(
            "まちの相談ダイヤル",
            description="いつでも電話で話せます。",
            schedules=[ALWAYS_OPEN],
            terms=["need.talk", "channel.phone", "attr.anonymous", "attr.24h"],
            phones=["0120-000-111"],
            latitude=None,
            longitude=None,
            address=None,
        ),
        make_service("ひだまりサロン", terms=["type.salon", "need.talk", "attr.no_signboard"]),
    ]


@pytest.fixture
def watched(context, live_server):
    """A page that records every request it makes; the test fails if one leaves the
    live server."""
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    yield page
    own = urlsplit(live_server.url).netloc
    others = [u for u in requested if urlsplit(u).scheme != "data" and urlsplit(u).netloc != own]
    assert others == []
    assert context.cookies() == []


def no_axe_violations(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_search_filter_map_detail_share(live_server, town, watched):
    page = watched
    page.goto(f"{live_server.url}/")
    page.get_by_label("ことばでさがす").fill("食堂")
    page.get_by_label("ことばでさがす").press("Enter")
    # htmx replaces the results and puts the search in the address bar.
    page.wait_for_url(re.compile(r".*\?q=.*"))
    assert page.locator("#results-count").inner_text() == "2件"
    assert page.locator("#results-status").inner_text() == "2件"
    assert parse_qs(urlsplit(page.url).query)["q"] == ["食堂"]

    page.get_by_text("条件をえらぶ").click()
    page.get_by_label("無料").check()
    page.get_by_role("button", name="この条件でさがす").click()
    page.wait_for_url(re.compile(r".*attr=attr\.free.*"))
    assert page.locator("#results-count").inner_text() == "1件"
    no_axe_violations(page)

    page.get_by_role("link", name="地図で見る").click()
    page.wait_for_url(re.compile(r".*view=map.*"))
    # One marker, drawn without any tile server.
    page.wait_for_selector("#map.map-ready")
    assert page.locator("#map path.leaflet-interactive").count() == 1
    assert page.locator("#map img.leaflet-tile").count() == 0
    no_axe_violations(page)

    page.get_by_role("link", name="みんなの子ども食堂").click()
    page.wait_for_url("**/services/*/")
    assert page.locator("h1").inner_text() == "みんなの子ども食堂"
    assert "今" in page.locator(".open-state").inner_text()
    assert page.locator("a.tel").first.get_attribute("href") == "tel:042-722-3111"
    page.wait_for_selector("#map.map-ready")
    no_axe_violations(page)

    page.go_back()
    page.get_by_role("link", name="印刷・QRコードで共有").click()
    page.wait_for_url("**/print/**")
    assert page.locator("figure.qr svg").count() == 1
    shared = page.locator(".qr .url").inner_text()
    assert parse_qs(urlsplit(shared).query) == {"q": ["食堂"], "attr": ["attr.free"]}
    assert page.locator(".print-list li").count() == 1
    no_axe_violations(page)


def test_keyboard_only_search(live_server, town, page):
    page.goto(f"{live_server.url}/")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.type("サロン")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*\?q=.*"))
    page.wait_for_function("document.querySelector('#results-count').textContent === '1件'")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "ひだまりサロン":
            break
    else:
        pytest.fail("Tab never reached the result")
    page.keyboard.press("Enter")
    page.wait_for_url("**/services/*/")
    assert page.locator("h1").inner_text() == "ひだまりサロン"


def test_navigator_to_three_different_kinds_of_options(live_server, town, watched, fake_advise):
    fake_advise.state["services"] = town[:4]
    page = watched
    page.goto(f"{live_server.url}/navigator/")
    no_axe_violations(page)
    page.get_by_role("link", name="はじめる").click()

    page.get_by_label("話し相手・居場所").check()
    page.get_by_label(re.compile("今の気持ち")).fill("夜眠れなくて誰とも話せない")
    no_axe_violations(page)
    page.get_by_role("button", name="次へ").click()

    assert "質問 2 / 5" in page.content()
    page.get_by_role("link", name="この質問をとばす").click()

    page.get_by_label("話を聞いてほしい").check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_label("電話").check()
    page.get_by_label("夜").check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_label(re.compile("近所だと話しにくい")).check()
    no_axe_violations(page)
    page.get_by_role("button", name="次へ").click()

    page.wait_for_url("**/navigator/result/**")
    kinds = page.locator(".option-kind").all_inner_texts()
    assert len(kinds) >= 3 and len(set(kinds)) >= 3
    assert page.locator(".why").count() >= 3
    assert page.locator(".crisis").count() == 0
    no_axe_violations(page)
    answers, _record = fake_advise.calls[-1]
    assert answers["topics"] == ("need.talk",)
    assert answers["text"] == "夜眠れなくて誰とも話せない"
    assert answers["for_whom"] == ""  # skipped
    assert answers["help"] == ("listen",) and answers["how"] == ("phone",)
    assert answers["when"] == ("night",) and answers["avoid_local"] is True


def test_navigator_crisis_panel_comes_first(live_server, town, watched, fake_advise):
    fake_advise.state["services"] = town[:3]
    page = watched
    page.goto(f"{live_server.url}/navigator/topics/")
    page.get_by_label(re.compile("今の気持ち")).fill("もう死にたい")
    page.get_by_role("button", name="次へ").click()

    panel = page.locator(".crisis")
    assert panel.count() == 1
    first = page.locator("main h1, main h2").first.inner_text()
    assert first == "ひとりでかかえこまないでください"
    assert panel.locator("a.tel").get_attribute("href") == "tel:0120-783-556"
    no_axe_violations(page)

    page.get_by_role("link", name="ここまでの答えで結果を見る").click()
    page.wait_for_url("**/navigator/result/**")
    body = page.locator("main").inner_text()
    assert body.index("ひとりでかかえこまないでください") < body.index("みんなの子ども食堂")
    no_axe_violations(page)


def test_language_switch(live_server, town, watched):
    page = watched
    page.goto(f"{live_server.url}/")
    page.get_by_label("ことばでさがす").fill("食堂")
    page.get_by_label("ことばでさがす").press("Enter")
    page.wait_for_url(re.compile(r".*\?q=.*"))
    # The switch keeps the search that htmx put in the address bar.
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r".*/en/\?q=.*"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Find places and people to talk to"
    assert page.locator("#results-count").inner_text() == "2 results"
    no_axe_violations(page)

    page.get_by_role("link", name="やさしい日本語").click()
    page.wait_for_url(re.compile(r".*/ja-easy/\?q=.*"))
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text() == "はなせる ところを さがす"

    page.get_by_role("link", name="日本語", exact=True).click()
    page.wait_for_url(re.compile(r"^[^?]*/\?q=.*"))
    assert page.locator("h1").inner_text() == "話せる場所・居場所をさがす"


def test_current_location_only_on_request_and_rounded(live_server, town, browser):
    context = browser.new_context(
        locale="ja-JP",
        permissions=["geolocation"],
        geolocation={"latitude": 35.546612, "longitude": 139.438634},
    )
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/?km=3")
        # Nothing asked for the position yet: the page URL has no point in it.
        assert "lat=" not in page.url
        page.get_by_role("button", name="現在地を使う").click()
        page.wait_for_url(re.compile(r".*lat=.*"))
        query = parse_qs(urlsplit(page.url).query)
        assert query["lat"] == ["35.55"] and query["lon"] == ["139.44"]
        assert page.locator("#results-count").inner_text() == "3件"
        assert "約" in page.locator(".card").first.inner_text()
    finally:
        context.close()
