"""The stewardship pages per role: what each user sees and may do, and what the edit
form does with good and bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_service
from tests.staff_world import sign_in
from tsunagari.audit.models import AuditEvent
from tsunagari.directory.models import Schedule, Service
from tsunagari.stewardship.forms import ListingForms
from tsunagari.stewardship.graph import listing_digest, listing_get
from tsunagari.stewardship.models import ChangeRequest

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    return sign_in(Client(), user)


def form_data(service: Service, **changes: Any) -> dict[str, Any]:
    """What the edit page's form sends unchanged, with ``changes`` applied."""
    current = listing_get(service)
    forms = ListingForms(current, current)
    data: dict[str, Any] = {"base_digest": listing_digest(current), "save": "1"}
    for field in forms.service:
        value = field.value()
        data[field.html_name] = "" if value is None else value
    for formset in (forms.locations, forms.schedules, forms.phones, forms.contacts):
        for field in formset.management_form:
            data[field.html_name] = field.value()
        for form in formset:
            for field in form:
                value = field.value()
                if isinstance(value, dt.time):
                    value = value.strftime("%H:%M")
                if value is None or value is False:
                    continue
                data[field.html_name] = value
    data.update(changes)
    return data


def edit_url(service: Service) -> str:
    return reverse("stewardship:service_edit", args=[service.id])


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("viewer_a", {"あおぞらサロン"}),
        ("editor_a", {"あおぞらサロン"}),
        ("editor_b", {"みどり食堂"}),
        ("coord_x", {"あおぞらサロン", "みどり食堂"}),
        ("coord_y", {"ちよだ相談室"}),
        ("admin", {"あおぞらサロン", "みどり食堂", "ちよだ相談室"}),
    ],
)
def test_listings_show_what_the_role_stewards(world, role, seen):
    page = client_for(world.users[role]).get(reverse("stewardship:listings"))
    assert page.status_code == 200
    names = {s.name for s in page.context["page"]}
    assert names == seen


def test_listings_search_by_name_and_kana(world):
    client = client_for(world.admin)
    page = client.get(reverse("stewardship:listings"), {"q": "みどり"})
    assert [s.name for s in page.context["page"]] == ["みどり食堂"]


def test_listings_query_count_does_not_grow_with_rows(world, django_assert_max_num_queries):
    for i in range(30):
        make_service(f"サロン{i}", organization=None, municipality="132098")
    client = client_for(world.coord_x)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("stewardship:listings"))
    assert len(page.context["page"]) == 32


def test_viewer_may_not_edit_and_outsiders_see_nothing(world):
    assert client_for(world.viewer_a).get(edit_url(world.service_a)).status_code == 403
    assert client_for(world.editor_b).get(edit_url(world.service_a)).status_code == 404
    assert client_for(world.coord_y).get(edit_url(world.service_a)).status_code == 404


def test_partner_edit_through_the_form_waits_and_shows_pending(world):
    client = client_for(world.editor_a)
    data = form_data(world.service_a, description="新しい説明です。")
    response = client.post(edit_url(world.service_a), data)
    assert response.status_code == 302
    page = client.get(edit_url(world.service_a))
    assert "確認待ち" in page.content.decode()
    assert ChangeRequest.objects.get().proposed["service"]["description"] == "新しい説明です。"
    listing = client.get(reverse("stewardship:listings")).content.decode()
    assert "確認待ち" in listing


def test_unchanged_form_changes_nothing(world):
    """The form as opened, sent back, is no change (no phantom edits from CRLF or
    stripped spaces)."""
    response = client_for(world.coord_x).post(edit_url(world.service_a), form_data(world.service_a))
    assert response.status_code == 409
    assert "変更はありませんでした" in response.content.decode()
    assert not AuditEvent.objects.filter(action="directory.update").exists()


def test_impossible_times_are_refused_with_a_message_and_change_nothing(world):
    data = form_data(
        world.service_a, **{"schedules-0-opens_at": "18:00", "schedules-0-closes_at": "09:00"}
    )
    response = client_for(world.coord_x).post(edit_url(world.service_a), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "終了の時刻は、開始の時刻より後にしてください" in html
    assert 'id="id_schedules-0-closes_at_error"' in html  # linked to its field
    assert Schedule.objects.get(service=world.service_a).closes_at == dt.time(18, 30)

    data = form_data(world.service_a, **{"schedules-0-opens_at": "25:00"})
    response = client_for(world.coord_x).post(edit_url(world.service_a), data)
    assert response.status_code == 400
    assert "時刻は 9:30 のように入れてください" in response.content.decode()


def test_coordinator_adds_a_schedule_row_and_saves(world):
    client = client_for(world.coord_x)
    data = form_data(world.service_a, add="schedule")
    data.pop("save")
    page = client.post(edit_url(world.service_a), data, headers={"HX-Request": "true"})
    assert page.status_code == 200
    assert 'name="schedules-1-opens_at"' in page.content.decode()

    data = form_data(
        world.service_a,
        **{
            "schedules-TOTAL_FORMS": "2",
            "schedules-1-byday": ["SA", "SU"],
            "schedules-1-opens_at": "10:00",
            "schedules-1-closes_at": "12:00",
            "schedules-1-description": "週末の朝",
        },
    )
    assert client.post(edit_url(world.service_a), data).status_code == 302
    saved = Schedule.objects.get(service=world.service_a, description="週末の朝")
    assert (saved.byday, saved.opens_at, saved.freq) == ("SA,SU", dt.time(10), "WEEKLY")
    assert Service.objects.get(pk=world.service_a.pk).assured_date is not None


def test_preview_shows_the_diff_without_saving(world):
    data = form_data(world.service_a, description="プレビューだけ")
    data.pop("save")
    data["preview"] = "1"
    page = client_for(world.coord_x).post(edit_url(world.service_a), data)
    html = page.content.decode()
    assert (
        "<ins>プレビューだけ</ins>" in html
        and "<del>どなたでも立ち寄れる居場所です。</del>" in html
    )
    assert Service.objects.get(pk=world.service_a.pk).description != "プレビューだけ"


def test_removing_a_phone_row(world):
    data = form_data(world.service_a, **{"phones-0-DELETE": "on"})
    assert client_for(world.coord_x).post(edit_url(world.service_a), data).status_code == 302
    assert not world.service_a.phones.exists()


def test_review_flow_through_the_pages(world):
    client_for(world.editor_a).post(
        edit_url(world.service_a), form_data(world.service_a, name="あおぞら広場")
    )
    change = ChangeRequest.objects.get()
    detail_url = reverse("stewardship:review_detail", args=[change.pk])

    queue = client_for(world.coord_x).get(reverse("stewardship:review_queue"))
    assert list(queue.context["to_review"]) == [change]
    assert (
        list(
            client_for(world.coord_y).get(reverse("stewardship:review_queue")).context["to_review"]
        )
        == []
    )
    assert client_for(world.coord_y).get(detail_url).status_code == 404
    assert client_for(world.editor_b).get(detail_url).status_code == 404
    # The organisation sees its request but cannot approve it.
    assert client_for(world.viewer_a).get(detail_url).status_code == 200
    assert client_for(world.editor_a).post(detail_url, {"action": "approve"}).status_code == 403

    coordinator = client_for(world.coord_x)
    page = coordinator.post(detail_url, {"action": "return", "comment": ""})
    assert page.status_code == 409 and "差し戻す理由を書いてください" in page.content.decode()
    coordinator.post(detail_url, {"action": "return", "comment": "正式名称にしてください。"})
    listing = client_for(world.editor_a).get(reverse("stewardship:listings")).content.decode()
    assert "差し戻し" in listing and "正式名称にしてください。" in listing
    edit_page = client_for(world.editor_a).get(edit_url(world.service_a)).content.decode()
    assert "正式名称にしてください。" in edit_page
    assert 'value="あおぞら広場"' in edit_page  # the returned proposal, to correct


def test_withdraw_through_the_page(world):
    client = client_for(world.editor_a)
    client.post(edit_url(world.service_a), form_data(world.service_a, name="取り下げる案"))
    change = ChangeRequest.objects.get()
    url = reverse("stewardship:review_detail", args=[change.pk])
    assert client_for(world.viewer_a).post(url, {"action": "withdraw"}).status_code == 403
    assert client.post(url, {"action": "withdraw"}).status_code == 302
    assert ChangeRequest.objects.get().status == "withdrawn"


def test_archive_needs_post_and_an_editor(world):
    url = reverse("stewardship:service_archive", args=[world.service_a.id])
    assert client_for(world.coord_x).get(url).status_code == 405
    assert client_for(world.viewer_a).post(url).status_code == 403
    assert client_for(world.coord_x).post(url).status_code == 302
    assert Service.objects.get(pk=world.service_a.pk).status == "defunct"
    # Gone from the public page, still on the staff side.
    assert (
        Client().get(reverse("directory:service_detail", args=[world.service_a.id])).status_code
        == 404
    )
    assert client_for(world.coord_x).get(edit_url(world.service_a)).status_code == 200
    back = reverse("stewardship:service_unarchive", args=[world.service_a.id])
    assert client_for(world.coord_x).post(back).status_code == 302
    assert Service.objects.get(pk=world.service_a.pk).status == "active"
