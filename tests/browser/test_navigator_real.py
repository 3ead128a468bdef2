"""The navigator in the browser with the real advice engine, on a directory imported the
way a coordinator does it (an HSDS file with only names, descriptions, schedules and
phones) plus the national lines."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tsunagari.directory.national_lines import national_lines_load

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

PLAIN_HSDS = Path(__file__).resolve().parents[1] / "fixtures" / "hsds-plain" / "services.json"


@pytest.fixture
def imported(reference_data):
    national_lines_load()
    call_command("import", str(PLAIN_HSDS), stdout=io.StringIO())


def answer_first_question(page, base: str, text: str) -> None:
    page.goto(f"{base}/navigator/")
    page.get_by_role("link", name="はじめる").click()
    page.get_by_label(re.compile("今の気持ち")).fill(text)
    page.get_by_role("button", name="次へ").click()


def test_free_text_alone_gives_three_kinds_with_why_and_how_to_reach(live_server, imported, page):
    answer_first_question(page, live_server.url, "夜眠れなくて誰とも話せない")
    page.get_by_role("link", name="ここまでの答えで結果を見る").click()
    page.wait_for_url("**/navigator/result/**")

    assert page.locator(".crisis").count() == 0
    cards = page.locator(".options .card")
    assert cards.count() >= 3
    kinds = page.locator(".option-kind").all_inner_texts()
    assert len(set(kinds)) >= 3
    assert all(why.startswith("おすすめの理由: ") for why in page.locator(".why").all_inner_texts())
    # Each option can be reached: a detail page, and a phone number or a website.
    for index in range(cards.count()):
        card = cards.nth(index)
        assert card.locator("h3 a").get_attribute("href").startswith("/services/")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_crisis_words_show_the_24_hour_lines_first(live_server, imported, page):
    answer_first_question(page, live_server.url, "もう死にたい")
    # Already on the next question, the lines come before it.
    first_heading = page.locator("main h1, main h2").first.inner_text()
    assert first_heading == "ひとりでかかえこまないでください"
    page.get_by_role("link", name="ここまでの答えで結果を見る").click()
    page.wait_for_url("**/navigator/result/**")

    panel = page.locator(".crisis")
    assert panel.locator("a.tel").count() >= 1
    main = page.locator("main").inner_text()
    assert main.index("ひとりでかかえこまないでください") < main.index("ほかにも")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_english_navigator_result(live_server, imported, page):
    page.goto(f"{live_server.url}/en/navigator/result/?topic=need.talk&how=phone")
    assert page.locator("h1").inner_text() == "Places and people that may suit you"
    assert page.locator(".why").first.inner_text().startswith("Why we suggest it: ")
