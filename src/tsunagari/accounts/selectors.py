"""Reads of the accounts app: what the staff home and the account page show."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import segno
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagari.directory.models import Municipality
from tsunagari.organizations.models import Membership, Role
from tsunagari.organizations.permissions import (
    coordinated_codes,
    is_platform_admin,
    needs_two_factor,
)


@dataclass(frozen=True)
class OrganisationRole:
    organization_id: Any
    name: str
    role: str


@dataclass(frozen=True)
class StaffHome:
    is_admin: bool
    organisations: list[OrganisationRole]
    municipalities: list[Municipality]


def staff_home_for(user: Any) -> StaffHome:
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organization__listing")
        .order_by("organization__listing__name")
    )
    return StaffHome(
        is_admin=is_platform_admin(user),
        organisations=[
            OrganisationRole(
                m.organization_id, m.organization.listing.name, str(Role(m.role).label)
            )
            for m in memberships
        ],
        municipalities=list(
            Municipality.objects.filter(code__in=coordinated_codes(user)).order_by("code")
        ),
    )


@dataclass(frozen=True)
class SecurityState:
    username: str
    email: str
    has_totp: bool
    backup_codes_left: int
    required: bool


def security_state_for(user: Any) -> SecurityState:
    return SecurityState(
        username=user.get_username(),
        email=user.email,
        has_totp=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        backup_codes_left=StaticToken.objects.filter(
            device__user=user, device__confirmed=True
        ).count(),
        required=needs_two_factor(user),
    )


@dataclass(frozen=True)
class TotpSetup:
    qr_data_uri: str
    qr_alt: str
    qr_size: int  # pixels, width and height
    secret: str  # base32, in groups of four for typing by hand


def totp_setup_for(device: TOTPDevice) -> TotpSetup:
    """The QR code (an SVG data: URI, so no extra request and nothing inline to allow in
    the CSP beyond images) and the same secret as text for typing it in."""
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_data_uri(scale=5, border=4, dark="#000", light="#fff")
    width, _height = qr.symbol_size(scale=5, border=4)
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return TotpSetup(
        qr_data_uri=svg,
        qr_size=int(width),
        qr_alt=_("認証アプリで読み取るQRコード。読み取れないときは、下の文字を入力してください。"),
        secret=grouped,
    )
