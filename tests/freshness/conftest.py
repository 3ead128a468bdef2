"""Helpers for the freshness tests (the permission world comes from tests/staff_world.py)."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.utils import timezone

from tsunagari.directory.models import Service


def make_stale(service: Service, *, days: int = 730) -> Service:
    """Mark ``service`` as last verified ``days`` ago (two years by default)."""
    day = timezone.localdate() - dt.timedelta(days=days)
    Service.objects.filter(pk=service.pk).update(assured_date=day)
    service.refresh_from_db()
    return service


def form_token(client: Client, service: Service, prefix: str = "") -> str:
    """The signed token of the report form, as a resident's browser gets it."""
    page = client.get(f"{prefix}/services/{service.pk}/report/").content.decode()
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found, "the form carries its token"
    return found.group(1)


def send_report(
    client: Client, service: Service, *, reason: str = "phone", text: str = "", **extra: str
):
    token = form_token(client, service)
    return client.post(
        f"/services/{service.pk}/report/",
        {"reason": reason, "text": text, "token": token},
        **extra,
    )
