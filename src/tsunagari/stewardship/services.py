"""Changes to listings: an edit applied at once or queued for a coordinator, approval,
return with a comment, withdrawal, archive and its undoing. Every function runs in one
transaction with its audit events; the directory itself is written only through
``DirectoryWriter`` (which records each row's change and refreshes search and
inference). Callers have checked access (stewardship/permissions.py,
organizations/permissions.py)."""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record
from tsunagari.directory.models import Location, Service
from tsunagari.directory.services import DirectoryWriter
from tsunagari.organizations.models import Organization
from tsunagari.organizations.permissions import edit_needs_review

from .diff import RowChange, listing_diff
from .graph import Listing, listing_digest, listing_get, writer_graph
from .models import ArchivedService, ChangeRequest

DEFUNCT = Service.Status.DEFUNCT.value


class ChangeError(Exception):
    """A change that cannot be made as asked; the message says why, for the user.
    Nothing has been written."""


class StaleEdit(ChangeError):
    """The listing changed after the editor opened it."""


class ChangeConflict(ChangeError):
    """The live listing changed since the request was made; ``changes`` says how."""

    def __init__(self, message: str, changes: list[RowChange]) -> None:
        super().__init__(message)
        self.changes = changes


def _steward_id(service: Service) -> Any:
    return (
        Organization.objects.filter(listing_id=service.organization_id)
        .values_list("id", flat=True)
        .first()
    )


def _locked(service: Service) -> Service:
    """The service, locked for the rest of the transaction, so two changes of one
    service are made one after the other."""
    return Service.objects.select_for_update().get(pk=service.pk)


def _apply(*, actor: Actor, service: Service, current: Listing, proposed: Listing) -> None:
    """Write ``proposed`` through the directory writer; a steward's edit is also a check
    of the whole listing, so the service's 確認日 becomes today. A change of status to
    or from 終了 is recorded as archiving or bringing back."""
    graph = writer_graph(service, current, proposed)
    graph["service"][0]["assured_date"] = timezone.localdate()
    writer = DirectoryWriter(actor=actor)
    writer.add(graph, complete=True)
    writer.finish()
    old_status, new_status = current["service"]["status"], proposed["service"]["status"]
    organization_id = _steward_id(service)
    if new_status == DEFUNCT and old_status != DEFUNCT:
        ArchivedService.objects.update_or_create(
            service=service,
            defaults={"previous_status": old_status, "archived_at": timezone.now()},
        )
        audit_record(
            actor=actor,
            action=AuditAction.ARCHIVE,
            object_type="service",
            object_id=service.pk,
            old={"status": old_status},
            new={"status": DEFUNCT},
            organization_id=organization_id,
        )
    elif old_status == DEFUNCT and new_status != DEFUNCT:
        ArchivedService.objects.filter(service=service).delete()
        audit_record(
            actor=actor,
            action=AuditAction.UNARCHIVE,
            object_type="service",
            object_id=service.pk,
            old={"status": DEFUNCT},
            new={"status": new_status},
            organization_id=organization_id,
        )


def _check_proposal(service: Service, current: Listing, proposed: Listing) -> None:
    if proposed["service"]["id"] != str(service.pk):
        raise ChangeError(_("別のサービスの内容です。もう一度開き直してください。"))
    added = {loc["id"] for loc in proposed["locations"]} - {
        loc["id"] for loc in current["locations"]
    }
    if added and Location.objects.filter(id__in=added).exists():
        # A new place has a new id: an id of a stored place is another service's.
        raise ChangeError(_("このサービスの場所ではありません。もう一度開き直してください。"))


def service_change(
    *, user: Any, actor: Actor, service: Service, base_digest: str, proposed: Listing
) -> ChangeRequest | None:
    """Make ``proposed`` the service's listing: at once (returns None), or, when the
    municipality's policy asks a coordinator to review this user's edits, as a pending
    ChangeRequest (returned; the public listing does not change yet).

    Raises StaleEdit when the listing changed since the editor opened it
    (``base_digest``), ChangeError when nothing changes or an edit of this service
    already waits for review."""
    with transaction.atomic():
        service = _locked(service)
        current = listing_get(service)
        if listing_digest(current) != base_digest:
            raise StaleEdit(
                _(
                    "ほかの人が先にこの掲載を変更しました。"
                    "開き直して、いまの内容を見てから、もう一度変更してください。"
                )
            )
        _check_proposal(service, current, proposed)
        if not listing_diff(current, proposed):
            raise ChangeError(_("変更はありませんでした。"))
        if not edit_needs_review(user, service):
            _apply(actor=actor, service=service, current=current, proposed=proposed)
            return None
        if ChangeRequest.objects.filter(
            service=service, status=ChangeRequest.Status.PENDING
        ).exists():
            raise ChangeError(
                _(
                    "この掲載には確認待ちの変更があります。取り下げてから、もう一度変更してください。"
                )
            )
        change_request = ChangeRequest.objects.create(
            service=service,
            organization_id=_steward_id(service),
            submitted_by=user,
            submitted_at=timezone.now(),
            base=current,
            proposed=proposed,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CHANGE_SUBMIT,
            object_type="change_request",
            object_id=change_request.pk,
            new={"service": str(service.pk), "changes": len(listing_diff(current, proposed))},
            organization_id=change_request.organization_id,
        )
        return change_request


def _with_status(listing: Listing, status: str) -> Listing:
    changed = copy.deepcopy(listing)
    changed["service"]["status"] = status
    return changed


def service_archive(*, user: Any, actor: Actor, service: Service) -> ChangeRequest | None:
    """Take the service off the public pages, search and the API (status 終了); its
    data stays. Under the same policy as any edit: a partner's archive waits for review."""
    current = listing_get(service)
    if current["service"]["status"] == DEFUNCT:
        raise ChangeError(_("この掲載はすでにアーカイブされています。"))
    return service_change(
        user=user,
        actor=actor,
        service=service,
        base_digest=listing_digest(current),
        proposed=_with_status(current, DEFUNCT),
    )


def service_unarchive(*, user: Any, actor: Actor, service: Service) -> ChangeRequest | None:
    """Bring an archived service back with the status it had before archiving."""
    current = listing_get(service)
    if current["service"]["status"] != DEFUNCT:
        raise ChangeError(_("この掲載はアーカイブされていません。"))
    previous = (
        ArchivedService.objects.filter(service=service)
        .values_list("previous_status", flat=True)
        .first()
    )
    return service_change(
        user=user,
        actor=actor,
        service=service,
        base_digest=listing_digest(current),
        proposed=_with_status(current, previous or Service.Status.ACTIVE.value),
    )


def _decide(change_request: ChangeRequest) -> ChangeRequest:
    locked = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if locked.status != ChangeRequest.Status.PENDING:
        raise ChangeError(_("この変更はすでに処理されています。"))
    return locked


def change_approve(*, user: Any, actor: Actor, change_request: ChangeRequest) -> None:
    """Apply a pending change. Raises ChangeConflict (and writes nothing) when the live
    listing is no longer what the editor started from."""
    with transaction.atomic():
        change_request = _decide(change_request)
        service = _locked(change_request.service)
        current = listing_get(service)
        if listing_digest(current) != listing_digest(change_request.base):
            raise ChangeConflict(
                _(
                    "申請のあとで、この掲載は別に変更されています。このまま承認すると"
                    "その変更を上書きしてしまうため、承認できません。差し戻して、"
                    "いまの内容から編集し直してもらってください。"
                ),
                listing_diff(change_request.base, current),
            )
        _apply(actor=actor, service=service, current=current, proposed=change_request.proposed)
        _close(change_request, user, ChangeRequest.Status.APPROVED, "")
        audit_record(
            actor=actor,
            action=AuditAction.CHANGE_APPROVE,
            object_type="change_request",
            object_id=change_request.pk,
            old={"status": ChangeRequest.Status.PENDING.value},
            new={"status": ChangeRequest.Status.APPROVED.value, "service": str(service.pk)},
            organization_id=change_request.organization_id,
        )


def change_return(*, user: Any, actor: Actor, change_request: ChangeRequest, comment: str) -> None:
    """Send a pending change back to its organisation with a comment (required)."""
    comment = comment.strip()
    if not comment:
        raise ChangeError(_("差し戻す理由を書いてください。"))
    with transaction.atomic():
        change_request = _decide(change_request)
        _close(change_request, user, ChangeRequest.Status.RETURNED, comment)
        audit_record(
            actor=actor,
            action=AuditAction.CHANGE_RETURN,
            object_type="change_request",
            object_id=change_request.pk,
            old={"status": ChangeRequest.Status.PENDING.value},
            new={"status": ChangeRequest.Status.RETURNED.value, "comment": comment},
            organization_id=change_request.organization_id,
        )


def change_withdraw(*, user: Any, actor: Actor, change_request: ChangeRequest) -> None:
    """The organisation takes back its pending change."""
    with transaction.atomic():
        change_request = _decide(change_request)
        change_request.status = ChangeRequest.Status.WITHDRAWN
        change_request.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=AuditAction.CHANGE_WITHDRAW,
            object_type="change_request",
            object_id=change_request.pk,
            old={"status": ChangeRequest.Status.PENDING.value},
            new={"status": ChangeRequest.Status.WITHDRAWN.value},
            organization_id=change_request.organization_id,
        )


def _close(change_request: ChangeRequest, user: Any, status: str, comment: str) -> None:
    change_request.status = status
    change_request.comment = comment
    change_request.reviewed_by = user
    change_request.reviewed_at = timezone.now()
    change_request.save(update_fields=["status", "comment", "reviewed_by", "reviewed_at"])
