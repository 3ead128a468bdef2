"""The audit record for coordinators and administrators: a filtered list, newest first,
and the same list as a CSV file."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from tsunagari.accounts.access import recent_auth_required, staff_required

from .forms import KNOWN_OBJECT_TYPES, EventFilterForm
from .models import AuditAction, AuditEvent
from .permissions import audit_reader_required
from .presenters import csv_lines, field_changes, values_json
from .selectors import EventFilters, action_label, events_filtered
from .services import actor_for, audit_record

PAGE_SIZE = 50
EXPORT_CHUNK = 2000


def _filters(request: HttpRequest) -> tuple[EventFilterForm, EventFilters | None]:
    """The filter form bound to the query string, and its filters when they are valid
    (None when not: then nothing is listed and the form names what was wrong)."""
    form = EventFilterForm(request.GET or None)
    if not request.GET:
        return form, EventFilters()
    return form, form.filters() if form.is_valid() else None


def _cursor(value: str) -> tuple[dt.datetime, int] | None:
    """The position after which a page starts ("<ISO time>~<id>" of the last event
    shown); None for the first page or a cursor that does not parse."""
    at, _sep, pk = value.partition("~")
    try:
        return dt.datetime.fromisoformat(at), int(pk)
    except ValueError:
        return None


def _row(event: AuditEvent) -> dict[str, Any]:
    changes = field_changes(event)
    return {
        "event": event,
        "label": action_label(event.action),
        "changes": changes,
        "old_json": None
        if changes is not None or event.old_values is None
        else values_json(event.old_values),
        "new_json": None
        if changes is not None or event.new_values is None
        else values_json(event.new_values),
    }


@require_safe
@staff_required
@audit_reader_required
def events(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    rows: list[dict[str, Any]] = []
    next_cursor = ""
    if filters is not None:
        found = events_filtered(request.user, filters)
        after = _cursor(request.GET.get("after", ""))
        if after is not None:
            at, pk = after
            found = found.filter(Q(occurred_at__lt=at) | Q(occurred_at=at, id__lt=pk))
        # Keyset pages: no count over a table that only grows, one extra row tells
        # whether an older page exists.
        page = list(found[: PAGE_SIZE + 1])
        if len(page) > PAGE_SIZE:
            page = page[:PAGE_SIZE]
            last = page[-1]
            next_cursor = f"{last.occurred_at.isoformat()}~{last.pk}"
        rows = [_row(event) for event in page]
    query = filters.as_query() if filters is not None else {}
    return render(
        request,
        "audit/events.html",
        {
            "form": form,
            "rows": rows,
            "query": query,
            "next_cursor": next_cursor,
            "is_later_page": "after" in request.GET,
            "export_url": f"{reverse('audit:export')}?{urlencode(query)}" if filters else "",
            "object_types": KNOWN_OBJECT_TYPES,
        },
    )


@require_safe
@staff_required
@audit_reader_required
@recent_auth_required
def export(request: HttpRequest) -> HttpResponse:
    """The filtered events as CSV (UTF-8 with a byte order mark), streamed. The export
    itself is recorded, with its filters, before the first line is sent."""
    form, filters = _filters(request)
    if filters is None:
        return render(
            request,
            "audit/events.html",
            {"form": form, "rows": [], "query": {}, "object_types": KNOWN_OBJECT_TYPES},
            status=400,
        )
    with transaction.atomic():
        audit_record(
            actor=actor_for(request),
            action=AuditAction.AUDIT_EXPORT,
            object_type="audit_event",
            object_id="",
            new={"filters": filters.as_query()},
        )
    events = events_filtered(request.user, filters).iterator(chunk_size=EXPORT_CHUNK)
    response = StreamingHttpResponse(csv_lines(events), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    # The staff decorators are typed for HttpResponse; a streaming one passes through
    # them unchanged.
    return cast(HttpResponse, response)
