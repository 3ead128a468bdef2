"""The public pages in a real browser: keyboard use, accessibility (axe), privacy (no
third-party request, no cookie) and reflow on a narrow screen."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import make_service, make_source

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data", "fake_advise")]


@pytest.fixture
def directory(reference_data):
    """A small directory: a real-looking service with provenance and a sample one."""
    source = make_source(
        file_name="132098_machida_kodomo_shokudo_with_a_rather_long_file_name.csv",
        publisher="町田市",
        source_url="https://www.city.machida.tokyo.jp/shisei/opendata/very/long/path/to/the/file.csv",
        imported_at=dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.UTC),
        record_count=1,
    )
    cafeteria = make_service(
        "みんなの子ども食堂",
        name_kana="ミンナノコドモショクドウ",
        organization="みんなの食堂の会",
        eligibility="地域の子どもと、その家族。どなたでも来てください。",
        fees="子ども無料、大人300円",
        terms=[
            "type.kodomo_shokudo",
            "need.childcare",
            "need.talk",
            "audience.children",
            "channel.in_person",
            "attr.free",
            "attr.no_booking",
        ],
        source=source,
    )
    sample = make_service(
        "デモの居場所",
        source=make_source(file_name="demo", publisher="つながり（デモ）", is_sample=True),
        schedules=[
            {
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": dt.time(8, 30),
                "closes_at": dt.time(17, 15),
                "description": "祝日はお休みです",
            }
        ],
    )
    return {"cafeteria": cafeteria, "sample": sample}


def urls(live_server, directory) -> dict[str, str]:
    base = live_server.url
    return {
        "list": f"{base}/",
        "results": f"{base}/?q=食堂&attr=attr.free&when=now&place=町田市&km=10",
        "filters_open": f"{base}/?need=need.talk",
        "map": f"{base}/?view=map",
        "print": f"{base}/print/?q=食堂",
        "detail": f"{base}/services/{directory['cafeteria'].id}/",
        "sample": f"{base}/services/{directory['sample'].id}/",
        "sources": f"{base}/sources/",
        "navigator": f"{base}/navigator/",
        **{
            f"step_{slug}": f"{base}/navigator/{slug}/?text=眠れない"
            for slug in ("topics", "for_whom", "help", "how", "where")
        },
        "advice": f"{base}/navigator/result/?topic=need.talk",
        "crisis": f"{base}/navigator/result/?text=死にたい",
        "crisis_step": f"{base}/navigator/help/?text=死にたい",
        "english": f"{base}/en/?need=need.talk",
        "easy": f"{base}/ja-easy/navigator/topics/",
    }


def test_keyboard_reaches_a_service_from_the_list(live_server, directory, page):
    page.goto(urls(live_server, directory)["list"])

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "本文へ移動"
    assert skip.is_visible()

    name = "みんなの子ども食堂"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == name:
            break
    else:
        pytest.fail(f"Tab never reached the link {name!r}")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/services/{directory['cafeteria'].id}/")
    assert page.locator("h1").inner_text() == name
    assert page.locator("a.tel").first.get_attribute("href") == "tel:042-722-3111"
    assert "毎週 木曜 17:30〜18:30" in page.locator("#h-hours + ul").inner_text()


PAGE_NAMES = [
    "list",
    "results",
    "filters_open",
    "map",
    "print",
    "detail",
    "sample",
    "sources",
    "navigator",
    "step_topics",
    "step_for_whom",
    "step_help",
    "step_how",
    "step_where",
    "advice",
    "crisis",
    "crisis_step",
    "english",
    "easy",
]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_pages_have_no_accessibility_violations(live_server, directory, page, settings, name):
    settings.DEMO = True  # the site-wide sample banner is checked too
    response = page.goto(urls(live_server, directory)[name])
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    if results.violations_count:
        print(results.generate_report())
    assert results.violations_count == 0, results.generate_report()


def test_pages_ask_no_other_host_and_set_no_cookie(live_server, directory, context):
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for url in urls(live_server, directory).values():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        # Our own stylesheet (served by us, not a CDN) is applied.
        width = page.evaluate("getComputedStyle(document.querySelector('.wrap')).maxWidth")
        assert width == "736px", url

    own_host = urlsplit(live_server.url).netloc
    others = [
        u for u in requested if urlsplit(u).scheme != "data" and urlsplit(u).netloc != own_host
    ]
    assert others == []
    assert any(u.endswith("/static/tsunagari/site.css") for u in requested)
    assert context.cookies() == []


@pytest.mark.parametrize("width", [320, 640])
def test_narrow_or_zoomed_screen_needs_no_horizontal_scroll(browser, live_server, directory, width):
    # 640 CSS px is a 1280 px window at 200% zoom; 320 CSS px is WCAG's reflow width (400%).
    context = browser.new_context(
        locale="ja-JP", viewport={"width": width, "height": 800}, device_scale_factor=2
    )
    try:
        page = context.new_page()
        for name, url in urls(live_server, directory).items():
            page.goto(url)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    finally:
        context.close()


def test_detail_page_screenshot(live_server, directory, page, tmp_path):
    """Saves a screenshot of a detail page, to check by eye that Japanese renders (set
    TSUNAGARI_SCREENSHOT_DIR to keep it)."""
    out_dir = Path(os.environ.get("TSUNAGARI_SCREENSHOT_DIR") or tmp_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 420, "height": 900})
    page.goto(urls(live_server, directory)["detail"])
    path = out_dir / "service_detail.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
