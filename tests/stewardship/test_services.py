"""Changing listings: at once or through review by the municipality's policy, approval,
return, withdrawal, conflicts, archive; bad input changes nothing."""

from __future__ import annotations

import copy
import datetime as dt
import uuid

import pytest
from django.db import transaction
from django.utils import timezone

from tests.factories import make_service
from tsunagari.audit.models import AuditEvent
from tsunagari.audit.services import Actor
from tsunagari.directory.models import Attribute, Phone, Schedule, Service
from tsunagari.directory.selectors import service_detail_get
from tsunagari.organizations.models import MunicipalityPolicy
from tsunagari.stewardship import services
from tsunagari.stewardship.graph import listing_digest, listing_get
from tsunagari.stewardship.models import ChangeRequest

pytestmark = pytest.mark.django_db


def actor(user) -> Actor:
    return Actor(label=user.username, user_id=user.pk)


def edit(service: Service, **fields) -> tuple[str, dict]:
    """(digest of the listing now, the listing with ``fields`` of the service changed)."""
    current = listing_get(service)
    proposed = copy.deepcopy(current)
    proposed["service"].update(fields)
    return listing_digest(current), proposed


def submit(world, user, service, proposed, digest):
    return services.service_change(
        user=user, actor=actor(user), service=service, base_digest=digest, proposed=proposed
    )


def actions(**filters) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).values_list("action", flat=True))


def test_partner_edit_waits_for_review_and_public_page_keeps_old_text(world):
    digest, proposed = edit(world.service_a, description="毎週木曜日にひらいています。")
    change = submit(world, world.editor_a, world.service_a, proposed, digest)

    assert change is not None and change.status == ChangeRequest.Status.PENDING
    assert change.organization == world.org_a
    detail = service_detail_get(service_id=world.service_a.id)
    assert detail.service.description == "どなたでも立ち寄れる居場所です。"
    event = AuditEvent.objects.get(action="change.submit")
    assert event.organization_id == world.org_a.id
    assert actions(action="directory.update", object_id=str(world.service_a.id)) == []


def test_partner_edit_goes_live_at_once_when_the_policy_says_so(world):
    MunicipalityPolicy.objects.create(municipality_id="132098", review_partner_edits=False)
    digest, proposed = edit(world.service_a, description="新しい説明")
    assert submit(world, world.editor_a, world.service_a, proposed, digest) is None

    service = Service.objects.get(pk=world.service_a.pk)
    assert service.description == "新しい説明"
    assert service.assured_date == timezone.localdate()
    assert "directory.update" in actions(object_id=str(service.pk))
    assert not ChangeRequest.objects.exists()


def test_coordinator_edit_goes_live_at_once(world):
    digest, proposed = edit(world.service_a, alert="年末年始はお休みです。")
    assert submit(world, world.coord_x, world.service_a, proposed, digest) is None
    assert Service.objects.get(pk=world.service_a.pk).alert == "年末年始はお休みです。"


def test_approve_applies_the_change_with_its_parts_and_audits(world):
    service = world.service_a
    current = listing_get(service)
    proposed = copy.deepcopy(current)
    proposed["service"]["description"] = "木曜の夕方にひらく居場所です。"
    proposed["schedules"][0]["opens_at"] = "18:00:00"
    proposed["schedules"][0]["closes_at"] = "20:00:00"
    proposed["phones"] = []  # the phone is removed
    proposed["phones"].append(
        {"id": str(uuid.uuid4()), "number": "042-000-1111", "description": "代表"}
    )
    proposed["contacts"].append(
        {
            "id": str(uuid.uuid4()),
            "name": "山田",
            "title": "代表",
            "email": "",
            "phone_id": None,
            "phone": "042-000-2222",
        }
    )
    proposed["locations"][0]["transportation"] = "町田駅から歩いて10分"
    proposed["locations"][0]["address"]["address_2"] = "2階"
    stated = Attribute.objects.filter(link_id=service.id, inferred=False)
    terms_before = set(stated.values_list("id", flat=True))
    change = submit(world, world.editor_a, service, proposed, listing_digest(current))

    services.change_approve(user=world.coord_x, actor=actor(world.coord_x), change_request=change)

    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.APPROVED and change.reviewed_by == world.coord_x
    detail = service_detail_get(service_id=service.id)
    assert detail.service.description == "木曜の夕方にひらく居場所です。"
    assert [(s.opens_at, s.closes_at) for s in detail.schedules] == [(dt.time(18), dt.time(20))]
    numbers = sorted(Phone.objects.filter(service=service).values_list("number", flat=True))
    assert numbers == ["042-000-1111", "042-000-2222"]
    assert detail.locations[0].location.transportation == "町田駅から歩いて10分"
    assert detail.locations[0].location.addresses.get().address_2 == "2階"
    # Parts the page does not edit (stated taxonomy links) are kept.
    assert terms_before == set(stated.values_list("id", flat=True))
    assert {"change.submit", "change.approve", "directory.update", "directory.delete"} <= set(
        actions()
    )
    assert listing_get(service) != current


def test_return_needs_a_comment_and_leaves_the_listing(world):
    digest, proposed = edit(world.service_a, name="あおぞらサロン（新）")
    change = submit(world, world.editor_a, world.service_a, proposed, digest)

    with pytest.raises(services.ChangeError):
        services.change_return(
            user=world.coord_x, actor=actor(world.coord_x), change_request=change, comment="  "
        )
    assert ChangeRequest.objects.get(pk=change.pk).status == ChangeRequest.Status.PENDING

    services.change_return(
        user=world.coord_x,
        actor=actor(world.coord_x),
        change_request=change,
        comment="名前は正式名称で。",
    )
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.RETURNED and change.comment == "名前は正式名称で。"
    assert Service.objects.get(pk=world.service_a.pk).name == "あおぞらサロン"
    event = AuditEvent.objects.get(action="change.return")
    assert event.new_values["comment"] == "名前は正式名称で。"
    # Returned, the organisation can edit again.
    digest, proposed = edit(world.service_a, name="あおぞらサロン（正式）")
    assert submit(world, world.editor_a, world.service_a, proposed, digest) is not None


def test_withdraw(world):
    digest, proposed = edit(world.service_a, name="あおぞら")
    change = submit(world, world.editor_a, world.service_a, proposed, digest)
    services.change_withdraw(
        user=world.editor_a, actor=actor(world.editor_a), change_request=change
    )
    assert ChangeRequest.objects.get(pk=change.pk).status == ChangeRequest.Status.WITHDRAWN
    assert actions(action="change.withdraw")
    with pytest.raises(services.ChangeError):  # decided requests stay decided
        services.change_approve(
            user=world.coord_x, actor=actor(world.coord_x), change_request=change
        )


def test_second_partner_edit_waits_for_the_first(world):
    digest, proposed = edit(world.service_a, name="一つ目")
    submit(world, world.editor_a, world.service_a, proposed, digest)
    digest, proposed = edit(world.service_a, name="二つ目")
    with pytest.raises(services.ChangeError):
        submit(world, world.owner_a, world.service_a, proposed, digest)
    assert ChangeRequest.objects.count() == 1


def test_approval_refuses_to_overwrite_a_later_change(world):
    digest, proposed = edit(world.service_a, description="パートナーの説明")
    change = submit(world, world.editor_a, world.service_a, proposed, digest)
    # Meanwhile the coordinator changes the listing directly.
    digest, direct = edit(world.service_a, description="コーディネーターの説明")
    submit(world, world.coord_x, world.service_a, direct, digest)

    with pytest.raises(services.ChangeConflict) as conflict:
        services.change_approve(
            user=world.coord_x, actor=actor(world.coord_x), change_request=change
        )
    assert [c.new for row in conflict.value.changes for c in row.fields] == [
        "コーディネーターの説明"
    ]
    assert Service.objects.get(pk=world.service_a.pk).description == "コーディネーターの説明"
    assert ChangeRequest.objects.get(pk=change.pk).status == ChangeRequest.Status.PENDING
    assert not actions(action="change.approve")


def test_an_edit_from_a_stale_page_is_refused(world):
    digest, proposed = edit(world.service_a, description="古いページから")
    other_digest, other = edit(world.service_a, description="先に保存")
    submit(world, world.coord_x, world.service_a, other, other_digest)
    with pytest.raises(services.StaleEdit):
        submit(world, world.coord_x, world.service_a, proposed, digest)
    assert Service.objects.get(pk=world.service_a.pk).description == "先に保存"


def test_no_change_is_refused_and_writes_nothing(world):
    digest, proposed = edit(world.service_a)
    before = AuditEvent.objects.count()
    with pytest.raises(services.ChangeError):
        submit(world, world.coord_x, world.service_a, proposed, digest)
    assert AuditEvent.objects.count() == before


def test_a_location_of_another_service_is_refused(world):
    digest, proposed = edit(world.service_a)
    other = listing_get(world.service_b)["locations"][0]
    other["name"] = "のっとり"
    proposed["locations"] = [other]
    with pytest.raises(services.ChangeError):
        submit(world, world.coord_x, world.service_a, proposed, digest)
    assert listing_get(world.service_b)["locations"][0]["name"] == "みどり食堂"


def test_archive_by_coordinator_hides_and_unarchive_restores(world):
    Service.objects.filter(pk=world.service_a.pk).update(status="temporarily closed")
    service = Service.objects.get(pk=world.service_a.pk)
    assert (
        services.service_archive(user=world.coord_x, actor=actor(world.coord_x), service=service)
        is None
    )
    service.refresh_from_db()
    assert service.status == "defunct"
    archive = AuditEvent.objects.get(action="directory.archive")
    assert archive.old_values == {"status": "temporarily closed"}
    assert Schedule.objects.filter(service=service).exists()  # the data stays

    services.service_unarchive(user=world.coord_x, actor=actor(world.coord_x), service=service)
    service.refresh_from_db()
    assert service.status == "temporarily closed"
    assert actions(action="directory.unarchive")


def test_archive_by_partner_waits_for_review(world):
    change = services.service_archive(
        user=world.editor_a, actor=actor(world.editor_a), service=world.service_a
    )
    assert change is not None
    assert Service.objects.get(pk=world.service_a.pk).status == "active"
    services.change_approve(user=world.coord_x, actor=actor(world.coord_x), change_request=change)
    assert Service.objects.get(pk=world.service_a.pk).status == "defunct"
    assert actions(action="directory.archive")


def test_a_failed_apply_rolls_back_everything(world, monkeypatch):
    digest, proposed = edit(world.service_a, description="途中で失敗")
    change = submit(world, world.editor_a, world.service_a, proposed, digest)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("tsunagari.stewardship.services.DirectoryWriter.finish", broken)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.change_approve(
            user=world.coord_x, actor=actor(world.coord_x), change_request=change
        )
    assert ChangeRequest.objects.get(pk=change.pk).status == ChangeRequest.Status.PENDING
    assert (
        Service.objects.get(pk=world.service_a.pk).description == "どなたでも立ち寄れる居場所です。"
    )
    assert not actions(action="change.approve")


def test_complex_schedules_are_kept_untouched(reference_data, world):
    service = make_service(
        "月一の集い",
        schedules=[
            {
                "freq": "MONTHLY",
                "bymonthday": "1",
                "opens_at": dt.time(10),
                "closes_at": dt.time(12),
            }
        ],
    )
    assert listing_get(service)["schedules"] == []
    digest, proposed = edit(service, description="毎月1日")
    submit(world, world.admin, service, proposed, digest)
    assert Schedule.objects.get(service=service).bymonthday == "1"
