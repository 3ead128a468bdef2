"""The fixed permission world of the staff side, shared by every staff test (after
healthchecks' Alice/Bob/Charlie): two partner organisations in 町田市 (X), a service in
千代田区 (Y), one user per role, and helpers that sign a user in (with the second factor
already verified for coordinators and administrators, as after a real sign-in).

    municipality X = 町田市 132098, Y = 千代田区 131016
    org A (NPO法人 あおぞら, X): service_a, its location      owner_a, editor_a, viewer_a
    org B (社会福祉協議会 みどり, X): service_b                editor_b
    service_y (Y), no stewarding organisation
    coord_x coordinates X, coord_y coordinates Y, admin is a platform administrator,
    outsider has an account and no role at all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_service
from tsunagari.directory.models import Service
from tsunagari.organizations.models import CoordinatorScope, Membership, Organization, Role

X = "132098"  # 町田市
Y = "131016"  # 千代田区
PASSWORD = "correct horse battery staple 42"


@dataclass
class World:
    org_a: Organization
    org_b: Organization
    service_a: Service
    service_b: Service
    service_y: Service
    users: dict[str, User]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.users[name]
        except KeyError:
            raise AttributeError(name) from None


ROLES = ("owner_a", "editor_a", "viewer_a", "editor_b", "coord_x", "coord_y", "admin", "outsider")


def make_user(username: str, *, superuser: bool = False, totp: bool = False) -> User:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.jp", password=PASSWORD
    )
    if superuser:
        user.is_superuser = True
        user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    if totp:
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def _steward(service: Service) -> Organization:
    assert service.organization is not None
    return Organization.objects.create(listing=service.organization)


@pytest.fixture
def world(reference_data: None) -> World:
    service_a = make_service("あおぞらサロン", organization="NPO法人 あおぞら", municipality=X)
    service_b = make_service("みどり食堂", organization="社会福祉協議会 みどり", municipality=X)
    service_y = make_service("ちよだ相談室", organization="ちよだの会", municipality=Y)
    org_a, org_b = _steward(service_a), _steward(service_b)
    users = {
        "owner_a": make_user("owner_a"),
        "editor_a": make_user("editor_a"),
        "viewer_a": make_user("viewer_a"),
        "editor_b": make_user("editor_b"),
        "coord_x": make_user("coord_x", totp=True),
        "coord_y": make_user("coord_y", totp=True),
        "admin": make_user("admin", superuser=True, totp=True),
        "outsider": make_user("outsider"),
    }
    Membership.objects.create(user=users["owner_a"], organization=org_a, role=Role.OWNER)
    Membership.objects.create(user=users["editor_a"], organization=org_a, role=Role.EDITOR)
    Membership.objects.create(user=users["viewer_a"], organization=org_a, role=Role.VIEWER)
    Membership.objects.create(user=users["editor_b"], organization=org_b, role=Role.EDITOR)
    CoordinatorScope.objects.create(user=users["coord_x"], municipality_id=X)
    CoordinatorScope.objects.create(user=users["coord_y"], municipality_id=Y)
    return World(org_a, org_b, service_a, service_b, service_y, users)


def session_for(user: User) -> dict[str, str]:
    """The session keys a completed sign-in leaves (second factor included when the user
    has a device)."""
    data = {
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
        HASH_SESSION_KEY: user.get_session_auth_hash(),
    }
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        data[DEVICE_ID_SESSION_KEY] = device.persistent_id
    return data


def sign_in(client: Client, user: User) -> Client:
    """Sign ``user`` in on a Django test client, second factor verified."""
    session = client.session
    session.update(session_for(user))
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key  # type: ignore[assignment]
    return client


def session_cookie(user: User) -> dict[str, Any]:
    """A Playwright cookie signing ``user`` in (for browser tests: context.add_cookies)."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.update(session_for(user))
    store.create()
    return {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "path": "/"}
