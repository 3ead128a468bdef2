"""Who may run surveys: the coordinators of the survey's municipality and platform
administrators. Partners (organisation members) have no part in surveys: 403 on every
survey page; a coordinator asking for another municipality's survey gets 404."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from tsunagari.organizations.permissions import (
    can_review,
    is_coordinator,
    is_platform_admin,
    municipalities_coordinated_by,
)

from .models import Survey


def may_run_surveys(user: Any) -> bool:
    return is_platform_admin(user) or is_coordinator(user)


def surveys_visible_to(user: Any) -> QuerySet[Survey]:
    """The surveys of the municipalities ``user`` coordinates (administrators: all)."""
    if is_platform_admin(user):
        return Survey.objects.all()
    return Survey.objects.filter(
        municipality__in=municipalities_coordinated_by(user).values("code")
    )


def require_survey_staff(user: Any) -> None:
    if not may_run_surveys(user):
        raise PermissionDenied


def survey_for_user(user: Any, survey_id: int) -> Survey:
    """The survey, if ``user`` runs surveys in its municipality: 403 for partners, 404 for
    a survey of a municipality one does not coordinate (or no such survey)."""
    require_survey_staff(user)
    try:
        survey = Survey.objects.select_related("municipality").get(pk=survey_id)
    except Survey.DoesNotExist:
        raise Http404("no such survey") from None
    if not can_review(user, survey.municipality_id):
        raise Http404("no such survey")
    return survey
