"""Writes of the accounts app: second-factor devices, backup codes, passwords and the
audit events of signing in. Each function records its audit event in the transaction
that makes the change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record

BACKUP_CODE_COUNT = 10
TOTP_NAME = "認証アプリ"
BACKUP_NAME = "バックアップコード"


def account_event_record(
    *,
    actor: Actor,
    action: AuditAction,
    user_id: object = "",
    details: Mapping[str, Any] | None = None,
) -> None:
    """Record an event about an account that changes nothing else (sign-in, sign-out,
    a failed attempt, a lockout, a re-authentication). ``details`` never holds a
    password or a code."""
    with transaction.atomic():
        audit_record(actor=actor, action=action, object_type="user", object_id=user_id, new=details)


def totp_device_pending(*, user: AbstractBaseUser) -> TOTPDevice:
    """The not yet confirmed authenticator-app device of ``user``, created on first use
    and kept, so that reloading the set-up page shows the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def totp_device_confirm(
    *, actor: Actor, user: AbstractBaseUser, device: TOTPDevice, code: str
) -> list[str] | None:
    """Confirm ``device`` with a code it produced: it becomes the user's second factor,
    and fresh backup codes replace any earlier ones. Returns the backup codes (to show
    once), or None when the code was wrong (nothing changes then)."""
    if device.user_id != user.pk or device.confirmed:
        return None
    if not device.verify_token(code):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = _backup_codes_replace(user)
        audit_record(
            actor=actor,
            action=AuditAction.OTP_ENABLE,
            object_type="user",
            object_id=user.pk,
            new={"device": "totp", "backup_codes": len(codes)},
        )
    return codes


def backup_codes_regenerate(*, actor: Actor, user: AbstractBaseUser) -> list[str]:
    """New backup codes for a user with an authenticator app; the old ones stop working."""
    with transaction.atomic():
        codes = _backup_codes_replace(user)
        audit_record(
            actor=actor,
            action=AuditAction.OTP_ENABLE,
            object_type="user",
            object_id=user.pk,
            new={"device": "backup_codes", "backup_codes": len(codes)},
        )
    return codes


def _backup_codes_replace(user: AbstractBaseUser) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_NAME, defaults={"confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes: list[str] = []
    while len(codes) < BACKUP_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def two_factor_disable(*, actor: Actor, user: AbstractBaseUser) -> None:
    """Remove the user's authenticator app and backup codes (callers check that the user
    is allowed to go without them)."""
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[0]
        StaticDevice.objects.filter(user=user).delete()
        audit_record(
            actor=actor,
            action=AuditAction.OTP_DISABLE,
            object_type="user",
            object_id=user.pk,
            old={"device": "totp"} if removed else None,
        )


def second_factor_verify(*, user: AbstractBaseUser, code: str) -> Device | None:
    """The device that accepts ``code`` (already normalised): a 6-digit code is checked
    against the authenticator app, anything else against the backup codes (a backup
    code works once). Each device throttles repeated failures itself."""
    if not code:
        return None
    devices: list[Device]
    if code.isdigit() and len(code) == 6:
        devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    else:
        devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
    for device in devices:
        with transaction.atomic():
            if device.verify_token(code):
                return device
    return None


def password_set(
    *, actor: Actor, user: AbstractBaseUser, password: str, action: AuditAction
) -> None:
    """Give ``user`` a new password (``action`` says whether it was changed by the user
    or reset through the e-mail link). A reset also lifts a lockout of the account: the
    link proved that the person owns its e-mail address."""
    from axes.utils import reset as axes_reset

    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(actor=actor, action=action, object_type="user", object_id=user.pk)
    if action == AuditAction.PASSWORD_RESET:
        axes_reset(username=user.get_username())
