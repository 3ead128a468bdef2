"""Issue 5's survey journey in a real browser: coord_x builds a survey, types two paper
questionnaires by keyboard alone, imports a CSV of responses and sees the count; the
resident's form answers without a cookie. axe checks every page on the way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.staff_world import session_cookie
from tsunagari.surveys.models import Mode, Response, Survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "direct_loneliness,ucla3_jp_1,ucla3_jp_2,ucla3_jp_3,sex,salon_known\n"
    "5,4,4,3,2,1\n2,1,1,1,1,\n3,2,,2,,2\n"
    "1,1,1,1,1,1\n2,2,2,1,2,2\n4,3,3,3,2,1\n1,1,2,1,1,2\n2,2,1,2,2,1\n5,4,3,4,1,2\n1,1,1,1,2,1\n"
)


@pytest.fixture
def signed_in(browser: Any, live_server: Any) -> Iterator[Callable[[Any], Any]]:
    contexts: list[Any] = []

    def open_for(user: Any) -> Any:
        context = browser.new_context(locale="ja-JP", viewport={"width": 1024, "height": 768})
        contexts.append(context)
        cookie = session_cookie(user)
        del cookie["path"]
        context.add_cookies([{**cookie, "url": live_server.url}])
        return context

    yield open_for
    for context in contexts:
        context.close()


def assert_accessible(page: Any) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_coordinator_builds_a_survey_enters_paper_and_imports_csv(
    signed_in, live_server, world, tmp_path
):
    page = signed_in(world.coord_x).new_page()
    page.goto(f"{live_server.url}/staff/surveys/")
    assert_accessible(page)
    page.get_by_role("link", name="調査を作る").click()
    assert_accessible(page)
    page.get_by_label("調査名").fill("つながり調査 2025")
    page.get_by_label("やさしい日本語", exact=True).check()
    page.get_by_label("孤独感（直接質問）").check()
    page.get_by_label("UCLA孤独感尺度（3項目・日本語版）").check()
    page.get_by_label("回答者の属性").check()
    own = page.get_by_role("group", name="独自の質問 1")
    own.get_by_label("コード").fill("salon_known")
    own.get_by_label("質問文（日本語）").fill("地域のサロンを知っていますか。")
    own.get_by_label("選択肢").fill("知っている | しっている\n知らない | しらない")
    page.get_by_role("button", name="作る", exact=True).click()
    page.get_by_role("heading", name="つながり調査 2025").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="回答の受付を始める").click()
    page.get_by_text("回答の受付を始めました。").wait_for()

    page.get_by_role("link", name="紙の回答を入力する").click()
    assert_accessible(page)
    # The first field has the focus; digits move on by themselves; Enter saves.
    expect(page.locator("#q-direct_loneliness")).to_be_focused()
    page.keyboard.type("4321")
    expect(page.locator("#q-age_band")).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_text("保存しました。次の用紙をどうぞ。").wait_for()
    assert page.locator("#paper-count").inner_text() == "1"
    expect(page.locator("#q-direct_loneliness")).to_be_focused()
    page.keyboard.type("1")
    page.keyboard.type("7")  # not on the 4-point scale
    page.keyboard.press("Enter")
    page.get_by_text(
        "問2（ucla3_jp_1）: 1・2・3・4 のどれかの数字で入れてください。"
    ).first.wait_for()
    assert_accessible(page)
    expect(page.locator("#q-ucla3_jp_1")).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    page.get_by_text("保存しました。次の用紙をどうぞ。").wait_for()
    assert page.locator("#paper-count").inner_text() == "2"

    survey = Survey.objects.get()
    page.goto(f"{live_server.url}/staff/surveys/{survey.pk}/import/")
    assert_accessible(page)
    file = tmp_path / "answers.csv"
    file.write_text(CSV, encoding="utf-8")
    page.get_by_label("CSV ファイル").set_input_files(str(file))
    page.get_by_role("button", name="内容を確かめる").click()
    page.get_by_text("10 件の回答を取り込めます").wait_for()
    assert_accessible(page)
    assert Response.objects.filter(mode=Mode.CSV).count() == 0
    page.get_by_role("button", name="この内容で取り込む").click()
    page.get_by_text("10 件の回答を取り込みました。").wait_for()
    assert page.locator("#response-total").inner_text() == "12"
    assert_accessible(page)

    # The dashboard now shows the municipality's share with its interval, beside the
    # national line.
    page.goto(f"{live_server.url}/staff/indicators/132098/")
    chart = page.get_by_role("img", name="孤独感が「しばしばある・常にある」人の割合", exact=True)
    assert "全国（令和6年） 4.3%" in chart.inner_html()
    cells = page.locator("#table-prevalence").get_by_role("row").nth(1).inner_text().split("\t")
    # 全体, share %, interval low, high, respondents: 2 of the 12 answers were 5.
    assert cells[0] == "全体" and cells[4] == "12"
    share, low, high = (float(c) for c in cells[1:4])
    assert share == pytest.approx(100 * 2 / 12, abs=0.05)
    assert low < share < high
    assert_accessible(page)

    resident = signed_in(world.outsider).browser.new_context(locale="ja-JP").new_page()
    resident.goto(f"{live_server.url}/ja-easy/surveys/{survey.public_token}/")
    assert_accessible(resident)
    resident.get_by_role("group", name="問1 ").get_by_label("ときどき ある").check()
    resident.get_by_role("button", name="おくる").click()
    resident.get_by_role("heading", name="ありがとう ございました").wait_for()
    assert resident.context.cookies() == []
    resident.context.close()
    assert Response.objects.filter(mode=Mode.WEB).count() == 1


def test_coordinator_takes_back_a_mistaken_import(signed_in, live_server, world):
    from tests.surveys.conftest import STAFF, make_survey
    from tsunagari.surveys import services

    survey = make_survey()
    rows = [services.ImportRow(answers={"direct_loneliness": n}) for n in (1, 2, 5)]
    services.responses_import(
        actor=STAFF, survey=survey, rows=rows, file_name="wrong-file.csv", sha256="f"
    )
    page = signed_in(world.coord_x).new_page()
    page.goto(f"{live_server.url}/staff/surveys/{survey.pk}/")
    assert page.locator("#response-total").inner_text() == "3"
    page.get_by_role("link", name="取り消す （wrong-file.csv）", exact=True).click()
    page.get_by_role("heading", name="「wrong-file.csv」の取り込みを取り消す").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="取り込みを取り消す").click()
    page.get_by_text("（3 件の回答を削除）").wait_for()
    assert page.locator("#response-total").inner_text() == "0"
    assert_accessible(page)


def test_coordinator_changes_a_draft(signed_in, live_server, world):
    from tests.surveys.conftest import make_survey

    survey = make_survey(open_=False)
    page = signed_in(world.coord_x).new_page()
    page.goto(f"{live_server.url}/staff/surveys/{survey.pk}/")
    page.get_by_role("link", name="調査名・言語・質問を直す").click()
    page.get_by_role("heading", name="調査を直す").wait_for()
    assert_accessible(page)
    page.get_by_label("調査名").fill("つながり調査（改）")
    page.get_by_label("UCLA孤独感尺度（3項目・日本語版）").uncheck()
    page.get_by_role("button", name="保存する").click()
    page.get_by_text("調査「つながり調査（改）」を直しました。").wait_for()
    assert not survey.items.filter(instrument="ucla3_jp").exists()
    assert_accessible(page)
