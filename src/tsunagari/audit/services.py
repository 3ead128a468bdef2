"""Writing audit events. Callers run these inside the transaction that makes the change."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from tsunagari.core.bulk import insert_rows

from .models import AuditAction, AuditEvent

COLUMNS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "old_values",
    "new_values",
    "request_id",
)


@dataclass(frozen=True)
class Actor:
    """Who made a change: a signed-in user, or a named process such as an import."""

    label: str
    user_id: int | None = None
    request_id: str = ""


def actor_for(request: Any) -> Actor:
    """The signed-in user of ``request`` as an audit actor, with the request's id (set by
    core's request-id middleware) so events of one request can be found together."""
    user = request.user
    signed_in = user is not None and user.is_authenticated
    return Actor(
        label=user.get_username() if signed_in else "anonymous",
        user_id=user.pk if signed_in else None,
        request_id=getattr(request, "request_id", ""),
    )


@dataclass
class AuditBuffer:
    """Collects events during a bulk write and stores them in one statement per batch."""

    actor: Actor
    events: list[list[Any]] = field(default_factory=list)

    def add(
        self,
        *,
        action: AuditAction,
        object_type: str,
        object_id: object,
        old: Mapping[str, Any] | None = None,
        new: Mapping[str, Any] | None = None,
    ) -> None:
        self.events.append(event_row(self.actor, action, object_type, object_id, old, new))

    def flush(self) -> int:
        """Store the collected events, all stamped with the time of this call."""
        field = AuditEvent._meta.get_field("occurred_at")
        now = field.get_db_prep_save(timezone.now(), connections[DEFAULT_DB_ALIAS])
        count = insert_rows(
            AuditEvent,
            COLUMNS,
            ([now, *event] for event in self.events),
            prepared={"occurred_at", "old_values", "new_values"},
        )
        self.events = []
        return count


def event_row(
    actor: Actor,
    action: AuditAction,
    object_type: str,
    object_id: object,
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
) -> list[Any]:
    """An event as ``AuditBuffer.flush`` stores it (``COLUMNS`` after the time). No
    database: a child process may build them (directory/prepared.py)."""
    return [
        actor.user_id,
        actor.label,
        action.value,
        object_type,
        str(object_id),
        _json(old),
        _json(new),
        actor.request_id,
    ]


def _json(values: Mapping[str, Any] | None) -> str | None:
    """Values as JSON text; orjson writes UUIDs, dates, times and UTC datetimes (``Z``) as
    ISO strings, and is fast enough for imports that record hundreds of thousands."""
    if values is None:
        return None
    return orjson.dumps(values, option=orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS).decode()


def audit_record(
    *,
    actor: Actor,
    action: AuditAction,
    object_type: str,
    object_id: object,
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
    organization_id: uuid.UUID | None = None,
) -> AuditEvent:
    """Record one event now (callers are inside the transaction that made the change).
    ``organization_id`` names the stewarding organisation whose object this is, so its
    members and coordinators can find the event."""
    return AuditEvent.objects.create(
        occurred_at=timezone.now(),
        actor_id=actor.user_id,
        actor_label=actor.label,
        action=action.value,
        object_type=object_type,
        object_id=str(object_id),
        # Stored as JSON the same way as the bulk path: ids, dates and times as ISO text.
        old_values=_as_json_values(old),
        new_values=_as_json_values(new),
        request_id=actor.request_id,
        organization_id=organization_id,
    )


def _as_json_values(values: Mapping[str, Any] | None) -> Any:
    """``values`` as they read back from the JSON column (ids and dates as ISO text)."""
    text = _json(values)
    return None if text is None else orjson.loads(text)
