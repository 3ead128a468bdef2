"""Writes for freshness: a listing verified as still true, residents' reports and their
resolution, reminders to organisations. Each write records its audit event in the same
transaction."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record
from tsunagari.directory.models import Service
from tsunagari.organizations.models import Membership, Organization, Role

from .models import ListingReport, Reason, Reminder, ReportStatus
from .selectors import stale_services, verified_on

logger = logging.getLogger(__name__)

SYSTEM = Actor(label="system:freshness")
REPORT_TEXT_MAX = 500
RESOLUTION_NOTE_MAX = 1000


def _steward_id(service: Service) -> uuid.UUID | None:
    """The organisation on this platform that stewards ``service``, if any."""
    if service.organization_id is None:
        return None
    return (
        Organization.objects.filter(listing_id=service.organization_id)
        .values_list("id", flat=True)
        .first()
    )


def service_verify(*, actor: Actor, service: Service, today: dt.date | None = None) -> Service:
    """Record that ``service`` was checked and is still right: its ``assured_date``
    (確認日, exported in HSDS) becomes today."""
    today = today or timezone.localdate()
    with transaction.atomic():
        row = Service.objects.select_for_update().get(pk=service.pk)
        before = verified_on(row)
        Service.objects.filter(pk=row.pk).update(assured_date=today)
        audit_record(
            actor=actor,
            action=AuditAction.VERIFY,
            object_type="service",
            object_id=row.pk,
            old={"assured_date": row.assured_date, "verified_on": before},
            new={"assured_date": today},
            organization_id=_steward_id(row),
        )
    service.assured_date = today
    return service


# -- residents' reports -------------------------------------------------------------------


def report_create(*, service: Service, reason: str, text: str = "") -> ListingReport:
    """Store a resident's 「情報がちがう」. Nothing about the sender is stored or audited
    (the audit actor is "anonymous", without a request id or address). The free text
    stays out of the append-only audit log: should a resident write something personal
    after all, it can be removed with the report."""
    if reason not in Reason.values:
        raise ValueError(f"unknown reason {reason!r}")
    text = text.strip()[:REPORT_TEXT_MAX]
    with transaction.atomic():
        report = ListingReport.objects.create(service=service, reason=reason, text=text)
        audit_record(
            actor=Actor(label="anonymous"),
            action=AuditAction.REPORT_CREATE,
            object_type="freshness.report",
            object_id=report.pk,
            new={"service_id": service.pk, "reason": reason, "text_length": len(text)},
            organization_id=_steward_id(service),
        )
    return report


def report_resolve(*, actor: Actor, report: ListingReport, note: str = "") -> ListingReport:
    """Mark a report as dealt with. Resolving an already resolved report changes nothing."""
    note = note.strip()[:RESOLUTION_NOTE_MAX]
    with transaction.atomic():
        row = ListingReport.objects.select_for_update().get(pk=report.pk)
        if row.status == ReportStatus.RESOLVED:
            return row
        row.status = ReportStatus.RESOLVED
        row.resolved_by_id = actor.user_id
        row.resolved_at = timezone.now()
        row.resolution_note = note
        row.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_note"])
        audit_record(
            actor=actor,
            action=AuditAction.REPORT_RESOLVE,
            object_type="freshness.report",
            object_id=row.pk,
            old={"status": ReportStatus.OPEN.value},
            new={"status": row.status, "resolution_note": note},
            organization_id=_steward_id(row.service),
        )
    return row


# -- reminders --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderRun:
    sent: int  # organisations reminded
    skipped_recent: int  # reminded within the interval already
    without_recipient: int  # no owner or editor with an e-mail address


def _recipients(organization: Organization) -> list[str]:
    """Owners' addresses; the editors' when the organisation has no owner with one."""
    for role in (Role.OWNER, Role.EDITOR):
        emails = sorted(
            {
                address
                for address in Membership.objects.filter(
                    organization=organization, role=role, user__is_active=True
                ).values_list("user__email", flat=True)
                if address
            }
        )
        if emails:
            return emails
    return []


def _absolute(path: str) -> str:
    return f"{settings.TSUNAGARI_SITE_URL}{path}"


def reminders_send(*, today: dt.date | None = None) -> ReminderRun:
    """Send each organisation with stale listings one e-mail naming them, unless it was
    reminded within ``TSUNAGARI_REMINDER_INTERVAL_DAYS``. Each reminder is recorded
    (Reminder + audit reminder.send) in the transaction that sends its mail: if the mail
    server refuses, nothing is recorded and the next run tries again."""
    today = today or timezone.localdate()
    now = timezone.now()
    interval = dt.timedelta(days=settings.TSUNAGARI_REMINDER_INTERVAL_DAYS)
    stale = stale_services(Service.objects.all(), today=today)
    org_ids = set(
        stale.filter(organization__steward__isnull=False).values_list(
            "organization__steward__id", flat=True
        )
    )
    recent = set(
        Reminder.objects.filter(organization_id__in=org_ids, sent_at__gt=now - interval)
        .values_list("organization_id", flat=True)
        .distinct()
    )
    sent = without = 0
    for organization in Organization.objects.filter(id__in=org_ids - recent).select_related(
        "listing"
    ):
        recipients = _recipients(organization)
        if not recipients:
            without += 1
            logger.warning("No one to remind at organisation %s", organization.pk)
            continue
        services = list(stale.filter(organization_id=organization.listing_id).order_by("name"))
        try:
            _remind(organization, services, recipients, now=now)
        except Exception:
            # One organisation's failure (a refused address) must not stop the others.
            logger.exception("Reminder to organisation %s failed", organization.pk)
            continue
        sent += 1
    return ReminderRun(sent=sent, skipped_recent=len(recent), without_recipient=without)


def _remind(
    organization: Organization, services: list[Service], recipients: list[str], *, now: dt.datetime
) -> None:
    # Staff mail is in Japanese, the working language of the staff side.
    with translation.override("ja"):
        context = {
            "organization": organization,
            "services": services,
            "queue_url": _absolute(reverse("freshness:reports")),
            "site_name": settings.TSUNAGARI_SITE_NAME,
            "site_url": settings.TSUNAGARI_SITE_URL,
        }
        subject = render_to_string("freshness/email/reminder_subject.txt", context).strip()
        body = render_to_string("freshness/email/reminder.txt", context)
    with transaction.atomic():
        reminder = Reminder.objects.create(
            organization=organization, sent_at=now, recipient_count=len(recipients)
        )
        reminder.services.set(services)
        audit_record(
            actor=SYSTEM,
            action=AuditAction.REMINDER_SEND,
            object_type="freshness.reminder",
            object_id=reminder.pk,
            new={"service_ids": [s.pk for s in services], "recipients": len(recipients)},
            organization_id=organization.pk,
        )
        # Last, inside the transaction (see the docstring of reminders_send).
        send_mail(subject, body, None, recipients)
