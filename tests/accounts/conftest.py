"""Helpers for the account tests: a real sign-in through the pages, and the code an
authenticator app would show right now (computed from the device's key)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff_world import PASSWORD
from tsunagari.audit.models import AuditEvent


def app_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """What the authenticator app shows (``steps_ahead`` periods later: a device accepts
    each time step once, and the next one within its tolerance)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def next_code(user: Any) -> str:
    """A code the user's confirmed device accepts now (not one it accepted before)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return app_code(device, steps_ahead=max(0, device.last_t + 1 - _now_step(device)))


def _now_step(device: TOTPDevice) -> int:
    return int((time.time() - device.t0) // device.step)


def password_login(client: Client, username: str, password: str = PASSWORD, **extra: str) -> Any:
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password, **extra}
    )


def actions(**filters: Any) -> list[str]:
    return list(
        AuditEvent.objects.filter(**filters).order_by("id").values_list("action", flat=True)
    )


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture(autouse=True)
def _no_throttle(settings: Any) -> None:
    """No growing wait after a wrong code, so a test can type the right code straight
    after a wrong one (throttling is the device's own, tested by django-otp)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
