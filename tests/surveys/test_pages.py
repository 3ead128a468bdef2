"""The staff pages as a coordinator uses them: building a survey, typing paper answers
(errors name the question, nothing saved), and importing a CSV (every bad cell named by
row and column; nothing written until confirmed; all rows or none)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.staff_world import sign_in
from tsunagari.audit.models import AuditEvent
from tsunagari.surveys.models import Mode, Response, Survey

from .conftest import OWN, make_survey

pytestmark = pytest.mark.django_db


def test_coordinator_builds_a_survey_with_an_own_question(client, world):
    sign_in(client, world.coord_x)
    page = client.get("/staff/surveys/new/")
    assert page.status_code == 200
    assert "UCLA孤独感尺度（3項目・日本語版）" in page.content.decode()
    response = client.post(
        "/staff/surveys/new/",
        {
            "municipality": "132098",
            "title": "つながり調査",
            "period": "2025年度",
            "languages": ["en"],
            "instrument_codes": ["direct", "ucla3_jp"],
            "own1_code": "cafe",
            "own1_text": "子ども食堂を知っていますか。",
            "own1_options": "知っている | しっている | Yes\n知らない",
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302 and response.url == f"/staff/surveys/{survey.pk}/"
    assert survey.languages == ["ja", "en"]
    own = survey.items.get(code="cafe")
    assert own.options == [
        {"value": 1, "ja": "知っている", "ja-easy": "しっている", "en": "Yes"},
        {"value": 2, "ja": "知らない"},
    ]
    assert AuditEvent.objects.filter(action="survey.create", actor=world.coord_x).count() == 1


def test_building_refuses_another_municipality_and_an_empty_survey(client, world):
    sign_in(client, world.coord_x)
    other = client.post("/staff/surveys/new/", {"municipality": "131016", "title": "x"})
    assert other.status_code == 400
    empty = client.post("/staff/surveys/new/", {"municipality": "132098", "title": "x"})
    assert "質問票を1つ以上えらぶか" in empty.content.decode()
    bad_option = client.post(
        "/staff/surveys/new/",
        {"municipality": "132098", "title": "x", "own1_code": "q", "own1_text": "?",
         "own1_options": "ひとつだけ"},
    )  # fmt: skip
    assert "2〜9個" in bad_option.content.decode()
    assert not Survey.objects.exists()


def test_partners_may_not_open_survey_pages(client, world, survey_x):
    sign_in(client, world.editor_a)
    assert client.get("/staff/surveys/").status_code == 403
    assert client.get(f"/staff/surveys/{survey_x.pk}/").status_code == 403


def test_paper_entry_saves_and_starts_a_blank_form(client, world, survey_x):
    sign_in(client, world.coord_x)
    url = f"/staff/surveys/{survey_x.pk}/paper/"
    page = client.get(url).content.decode()
    assert 'id="q-direct_loneliness"' in page and "autofocus" in page
    assert "1 決してない" in page
    saved = client.post(url, {"direct_loneliness": "５", "ucla3_jp_1": "2", "district": "鶴川"})
    assert saved.status_code == 302 and saved.url == url
    after = client.get(url).content.decode()
    assert "保存しました" in after
    assert '<strong id="paper-count">1</strong>' in after
    response = Response.objects.get()
    assert response.mode == Mode.PAPER
    assert response.answers == {"direct_loneliness": 5, "ucla3_jp_1": 2, "district": "鶴川"}


def test_paper_entry_names_the_question_at_fault_and_saves_nothing(client, world, survey_x):
    sign_in(client, world.coord_x)
    url = f"/staff/surveys/{survey_x.pk}/paper/"
    bad = client.post(url, {"direct_loneliness": "3", "ucla3_jp_2": "5"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "問3（ucla3_jp_2）: 1・2・3・4 のどれかの数字で入れてください。" in text
    assert 'value="3"' in text  # what was typed stays
    assert 'aria-invalid="true"' in text
    assert not Response.objects.exists()
    blank = client.post(url, {})
    assert blank.status_code == 400 and not Response.objects.exists()


def _upload(client, survey, content: bytes, name: str = "answers.csv"):
    return client.post(
        f"/staff/surveys/{survey.pk}/import/",
        {"step": "check", "file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_csv_import_checks_then_writes_on_confirm(client, world, survey_x):
    sign_in(client, world.coord_x)
    template = client.get(f"/staff/surveys/{survey_x.pk}/template.csv")
    header = template.content.decode().strip()
    assert header.startswith("direct_loneliness,ucla3_jp_1,")
    csv = (
        "direct_loneliness,ucla3_jp_1,ucla3_jp_2,ucla3_jp_3,_weight\r\n5,4,4,4,1.5\r\n1,,NA,1,2\r\n"
    )
    check = _upload(client, survey_x, csv.encode("utf-8-sig"))
    assert check.status_code == 200
    assert "2 件の回答を取り込めます" in check.content.decode()
    assert not Response.objects.exists()  # a dry run writes nothing
    token = check.context["token"]
    done = client.post(f"/staff/surveys/{survey_x.pk}/import/", {"step": "confirm", "token": token})
    assert done.status_code == 302
    assert Response.objects.filter(mode=Mode.CSV).count() == 2
    assert sorted(Response.objects.values_list("weight", flat=True)) == [1.5, 2.0]
    again = client.post(
        f"/staff/surveys/{survey_x.pk}/import/", {"step": "confirm", "token": token}
    )
    assert again.status_code == 400 and Response.objects.count() == 2  # not twice


def test_csv_errors_name_row_and_column_and_nothing_is_written(client, world, survey_x):
    sign_in(client, world.coord_x)
    csv = "direct_loneliness,sex,_weight\n3,1,1\n6,2,1\n2,x,-1\n"
    check = _upload(client, survey_x, csv.encode())
    assert check.status_code == 400
    errors = [(e.row, e.column) for e in check.context["report"].errors]
    assert errors == [(3, "direct_loneliness"), (4, "sex"), (4, "_weight")]
    text = check.content.decode()
    assert "何も書き込んでいません" in text and "この内容で取り込む" not in text
    unknown = _upload(client, survey_x, b"direct_loneliness,favourite_colour\n1,2\n")
    assert [(e.row, e.column) for e in unknown.context["report"].errors] == [
        (1, "favourite_colour")
    ]
    cp932 = _upload(client, survey_x, "district\n鶴川\n".encode("cp932"))
    assert cp932.status_code == 200
    assert not Response.objects.exists()


def test_invitation_codes_are_issued_and_downloaded(client, world, survey_x):
    sign_in(client, world.coord_x)
    client.post(f"/staff/surveys/{survey_x.pk}/codes/", {"count": "3"})
    lines = client.get(f"/staff/surveys/{survey_x.pk}/codes.csv").content.decode().split()
    assert lines[0] == "code" and len(lines) == 4
    detail = client.get(f"/staff/surveys/{survey_x.pk}/").content.decode()
    assert "発行 3 件、うち回答済み 0 件" in detail


def test_status_and_answer_kinds_are_named_in_the_page_language(client, world, survey_x):
    sign_in(client, world.coord_x)
    client.post(f"/staff/surveys/{survey_x.pk}/paper/", {"direct_loneliness": "1"})
    ja = client.get(f"/staff/surveys/{survey_x.pk}/").content.decode()
    assert "回答受付中" in ja and "紙の回答（手入力） 1" in ja
    en = client.get(f"/en/staff/surveys/{survey_x.pk}/").content.decode()
    assert "Open for answers" in en and "Paper (typed in by staff) 1" in en
    assert "回答受付中" not in en and "紙の回答" not in en


def test_a_draft_is_changed_with_the_form_that_made_it(client, world):
    survey = make_survey(open_=False)
    sign_in(client, world.coord_x)
    detail = client.get(f"/staff/surveys/{survey.pk}/").content.decode()
    url = f"/staff/surveys/{survey.pk}/edit/"
    assert f'href="{url}"' in detail
    form = client.get(url)
    assert form.status_code == 200
    initial = form.context["form"].initial
    # The form opens with the draft as it is, own question and options included.
    assert initial["title"] == survey.title
    assert initial["instrument_codes"] == ["direct", "ucla3_jp", "demographics"]
    assert initial["own1_code"] == OWN.code
    assert initial["own1_options"].splitlines()[0].startswith(OWN.options[0]["ja"])
    changed = client.post(
        url,
        {
            "title": "つながり調査（改）",
            "period": "2026年度",
            "languages": ["ja-easy"],
            "instrument_codes": ["direct"],
            "own1_code": "salon_known",
            "own1_text": "地域のサロンを知っていますか。",
            "own1_options": "知っている\n知らない",
        },
    )
    assert changed.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.period, survey.languages) == (
        "つながり調査（改）",
        "2026年度",
        ["ja", "ja-easy"],
    )
    assert [i.code for i in survey.items.order_by("order")] == ["direct_loneliness", "salon_known"]
    event = AuditEvent.objects.get(action="survey.update")
    assert event.actor == world.coord_x
    assert "ucla3_jp_1" in event.old_values["items"]
    assert event.new_values["items"] == ["direct_loneliness", "salon_known"]


def test_an_open_surveys_questions_stay(client, world, survey_x):
    sign_in(client, world.coord_x)
    before = [i.code for i in survey_x.items.order_by("order")]
    assert (
        'href="/staff/surveys/' + str(survey_x.pk) + '/edit/"'
        not in client.get(f"/staff/surveys/{survey_x.pk}/").content.decode()
    )
    refused = client.post(
        f"/staff/surveys/{survey_x.pk}/edit/",
        {"title": "別の調査", "instrument_codes": ["direct"]},
    )
    assert refused.status_code == 409
    assert "質問は変えられません" in refused.content.decode()
    survey_x.refresh_from_db()
    assert survey_x.title != "別の調査"
    assert [i.code for i in survey_x.items.order_by("order")] == before
    assert not AuditEvent.objects.filter(action="survey.update").exists()


def test_a_draft_change_with_a_clash_names_it_and_changes_nothing(client, world):
    survey = make_survey(open_=False)
    sign_in(client, world.coord_x)
    refused = client.post(
        f"/staff/surveys/{survey.pk}/edit/",
        {
            "title": "つながり調査",
            "instrument_codes": ["direct"],
            "own1_code": "direct_loneliness",  # an instrument's code
            "own1_text": "重なる質問",
            "own1_options": "はい\nいいえ",
        },
    )
    assert refused.status_code == 400
    assert "ほかの質問と重ならないもの" in refused.content.decode()
    survey.refresh_from_db()
    assert survey.title == "くらしとつながり調査"
    assert survey.items.count() > 2
