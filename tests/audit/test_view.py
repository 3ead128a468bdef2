"""The audit record page: each coordinator reads the events of their own municipalities,
filters them, and pages back in time; partners are refused."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.staff_world import World, sign_in
from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.audit.selectors import events_visible_to
from tsunagari.audit.services import Actor, audit_record

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")
URL = reverse("audit:events")


def _listed(client: Client, **query: str) -> list[AuditEvent]:
    response = client.get(URL, query)
    assert response.status_code == 200
    return [row["event"] for row in response.context["rows"]]


def _objects(events: list[AuditEvent]) -> set[str]:
    return {e.object_id for e in events}


def test_each_coordinator_reads_the_events_of_their_own_municipality(
    world: World, recorded: dict[str, AuditEvent], client: Client
) -> None:
    a, b, y = (str(s.pk) for s in (world.service_a, world.service_b, world.service_y))

    x_seen = _listed(sign_in(client, world.coord_x))
    assert {a, b} <= _objects(x_seen)
    assert y not in _objects(x_seen)
    # The partner organisation's events in X: a change request, a member's new role,
    # a member's sign-in; not the policy of Y.
    assert {recorded["edit_a"], recorded["role_a"], recorded["login_b"]} <= set(x_seen)
    assert recorded["policy_y"] not in x_seen

    y_seen = _listed(sign_in(Client(), world.coord_y))
    assert y in _objects(y_seen)
    assert not {a, b} & _objects(y_seen)
    assert recorded["policy_y"] in y_seen and recorded["verify_y"] in y_seen
    assert recorded["login_b"] not in y_seen


def test_the_administrator_reads_everything(
    world: World, recorded: dict[str, AuditEvent], client: Client
) -> None:
    seen = _listed(sign_in(client, world.admin))
    assert set(recorded.values()) <= set(seen)
    assert {str(s.pk) for s in (world.service_a, world.service_b, world.service_y)} <= _objects(
        seen
    )


@pytest.mark.parametrize("who", ["viewer_a", "owner_a", "editor_b", "outsider"])
def test_partners_are_refused(world: World, who: str, client: Client) -> None:
    assert sign_in(client, world.users[who]).get(URL).status_code == 403
    assert not events_visible_to(world.users[who]).exists()


def test_a_directory_row_of_another_municipality_stays_hidden_even_for_a_known_partner(
    world: World, client: Client
) -> None:
    """Organisation A works in X, but an event about a listing in Y names that listing's
    municipality, not the partner: coord_x does not read it."""
    elsewhere = audit_record(
        actor=Actor(label="editor_a", user_id=world.editor_a.pk),
        action=AuditAction.UPDATE,
        object_type="service",
        object_id=world.service_y.pk,
        new={"name": "x"},
        organization_id=world.org_a.pk,
    )
    assert elsewhere not in _listed(sign_in(client, world.coord_x))


def test_filter_by_object_shows_that_service_only(
    world: World, recorded: dict[str, AuditEvent], client: Client
) -> None:
    sign_in(client, world.coord_x)
    seen = _listed(client, object_type="service", object_id=str(world.service_a.pk))
    assert seen and _objects(seen) == {str(world.service_a.pk)}
    assert {e.action for e in seen} == {AuditAction.CREATE, AuditAction.CHANGE_SUBMIT}
    # An id typed in capitals, without hyphens, finds the same events.
    typed = _listed(client, object_id=world.service_a.pk.hex.upper())
    assert typed == seen
    # Another coordinator's service: nothing, not an error.
    assert _listed(client, object_type="service", object_id=str(world.service_y.pk)) == []


def test_filter_by_actor_and_action(
    world: World, recorded: dict[str, AuditEvent], client: Client
) -> None:
    sign_in(client, world.coord_x)
    assert _listed(client, actor="editor_a") == [recorded["edit_a"]]
    assert _listed(client, actor="EDITOR") == [recorded["login_b"], recorded["edit_a"]]
    assert _listed(client, action=AuditAction.MEMBER_ROLE) == [recorded["role_a"]]
    creates = _listed(client, action=AuditAction.CREATE)
    assert creates and all(e.action == AuditAction.CREATE for e in creates)


def _at(world: World, when: dt.datetime) -> AuditEvent:
    return AuditEvent.objects.create(
        occurred_at=when,
        actor_label="editor_a",
        actor=world.editor_a,
        organization=world.org_a,
        action=AuditAction.CHANGE_SUBMIT,
        object_type="change_request",
        object_id=str(when.timestamp()),
    )


def test_dates_are_japanese_dates(world: World, client: Client) -> None:
    late_on_the_first = _at(world, dt.datetime(2026, 4, 1, 23, 30, tzinfo=TOKYO))
    # 00:30 on 2 April in Japan is still 1 April in UTC.
    early_on_the_second = _at(world, dt.datetime(2026, 4, 2, 0, 30, tzinfo=TOKYO))
    assert early_on_the_second.occurred_at.astimezone(dt.UTC).day == 1
    sign_in(client, world.coord_x)

    first = _listed(
        client, object_type="change_request", date_from="2026-04-01", date_to="2026-04-01"
    )
    assert first == [late_on_the_first]
    second = _listed(client, object_type="change_request", date_from="2026-04-02")
    assert second == [early_on_the_second]
    both = _listed(client, object_type="change_request", date_to="2026-04-02")
    assert both == [early_on_the_second, late_on_the_first]


def test_bad_filters_are_named_and_nothing_is_listed(world: World, client: Client) -> None:
    sign_in(client, world.coord_x)
    response = client.get(URL, {"date_from": "2026-04-02", "date_to": "2026-04-01"})
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert "「この日まで」は「この日から」より後の日にしてください。" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()

    response = client.get(URL, {"date_from": "4月1日", "object_type": "Service!"})
    form = response.context["form"]
    assert set(form.errors) == {"date_from", "object_type"}
    assert response.context["rows"] == []


def test_changes_read_as_old_to_new_and_nested_values_as_json(
    world: World, recorded: dict[str, AuditEvent], client: Client
) -> None:
    sign_in(client, world.coord_x)
    page = client.get(URL, {"object_id": str(world.service_a.pk)}).content.decode()
    assert "<del>あおぞらサロン</del>" in page
    assert "<ins>あおぞらサロン（火曜）</ins>" in page
    # The CREATE event holds the service with its parts: shown as JSON, folded.
    assert "<details><summary>変更後</summary><pre>" in page
    assert "リクエストID: r-1" in page


def test_pages_go_back_in_time_without_gaps_or_repeats(world: World, client: Client) -> None:
    start = dt.datetime(2026, 1, 1, 9, 0, tzinfo=TOKYO)
    made = [_at(world, start + dt.timedelta(minutes=i)) for i in range(60)]
    # Two events at the same moment straddle the page boundary in id order.
    made.append(_at(world, start + dt.timedelta(minutes=10)))
    sign_in(client, world.coord_x)

    seen: list[AuditEvent] = []
    query = {"object_type": "change_request"}
    response = client.get(URL, query)
    seen += [row["event"] for row in response.context["rows"]]
    assert len(seen) == 50
    cursor = response.context["next_cursor"]
    assert cursor
    response = client.get(URL, {**query, "after": cursor})
    seen += [row["event"] for row in response.context["rows"]]
    assert response.context["next_cursor"] == ""
    assert sorted(e.pk for e in seen) == sorted(e.pk for e in made)
    times = [(e.occurred_at, e.pk) for e in seen]
    assert times == sorted(times, reverse=True)


def test_the_number_of_queries_does_not_grow_with_the_events_shown(
    world: World, client: Client
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL)
        assert response.status_code == 200
        return len(captured)

    sign_in(client, world.coord_x)
    few = queries()
    shown = len(_listed(client))
    for i in range(40):
        audit_record(
            actor=Actor(label=f"user{i}", user_id=world.users[("editor_a", "owner_a")[i % 2]].pk),
            action=AuditAction.CHANGE_SUBMIT,
            object_type="service",
            object_id=world.service_a.pk,
            new={"name": str(i)},
            organization_id=(world.org_a.pk, world.org_b.pk)[i % 2],
        )
    assert len(_listed(client)) == shown + 40
    assert queries() == few <= 8


def test_a_post_changes_nothing(
    world: World, recorded: dict[str, AuditEvent], client: Client
) -> None:
    sign_in(client, world.admin)
    before = list(AuditEvent.objects.values_list("pk", "action", "new_values"))
    response = client.post(URL, {"action": "delete", "id": recorded["edit_a"].pk})
    assert response.status_code == 405
    assert list(AuditEvent.objects.values_list("pk", "action", "new_values")) == before


def test_actions_are_named_in_the_page_language(
    world: World, recorded: dict[str, AuditEvent], client: Client
) -> None:
    sign_in(client, world.admin)
    ja = client.get(URL).content.decode()
    assert "変更の申請" in ja and "メンバーの役割変更" in ja
    en = client.get(f"/en{URL}").content.decode()
    assert "Change submitted for review" in en and "Member&#x27;s role changed" in en
    assert "変更の申請" not in en and "メンバーの役割変更" not in en
