"""Writing audit events. Callers run these inside the transaction that makes the change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from .models import AuditAction, AuditEvent


@dataclass(frozen=True)
class Actor:
    """Who made a change: a signed-in user, or a named process such as an import."""

    label: str
    user_id: int | None = None
    request_id: str = ""


@dataclass
class AuditBuffer:
    """Collects events during a bulk write and stores them in one statement per batch."""

    actor: Actor
    events: list[AuditEvent] = field(default_factory=list)

    def add(
        self,
        *,
        action: AuditAction,
        object_type: str,
        object_id: object,
        old: Mapping[str, Any] | None = None,
        new: Mapping[str, Any] | None = None,
    ) -> None:
        self.events.append(
            AuditEvent(
                occurred_at=timezone.now(),
                actor_id=self.actor.user_id,
                actor_label=self.actor.label,
                action=action,
                object_type=object_type,
                object_id=str(object_id),
                old_values=dict(old) if old is not None else None,
                new_values=dict(new) if new is not None else None,
                request_id=self.actor.request_id,
            )
        )

    def flush(self) -> int:
        count = len(self.events)
        if self.events:
            AuditEvent.objects.bulk_create(self.events, batch_size=500)
            self.events = []
        return count


def audit_record(
    *,
    actor: Actor,
    action: AuditAction,
    object_type: str,
    object_id: object,
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
) -> AuditEvent:
    buffer = AuditBuffer(actor)
    buffer.add(action=action, object_type=object_type, object_id=object_id, old=old, new=new)
    event = buffer.events[0]
    buffer.flush()
    return event


def audit_events_for(object_type: str, object_ids: Iterable[object]) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            object_type=object_type, object_id__in=[str(i) for i in object_ids]
        )
    )
