"""Access to residents' reports: a report is as visible as its service on the staff side
(organizations.permissions decides that); resolving it needs the right to edit the
service (editors and owners of its organisation, its coordinators, administrators)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tsunagari.organizations.permissions import can_edit_service

from .models import ListingReport
from .selectors import reports_visible_to


def report_for_user(user: Any, report_id: int | str, *, resolve: bool = False) -> ListingReport:
    """The report, if ``user`` may see its service (else 404); with ``resolve``, 403 when
    they may see but not change it (viewers)."""
    try:
        report = reports_visible_to(user).get(pk=report_id)
    except (ListingReport.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    if resolve and not can_edit_service(user, report.service):
        raise PermissionDenied
    return report
