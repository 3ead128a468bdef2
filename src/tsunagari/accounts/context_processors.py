"""What the staff menu needs to know about the signed-in user, worked out only when a
staff page reads it (public pages never touch it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from tsunagari.organizations.permissions import is_coordinator, is_platform_admin


@dataclass(frozen=True)
class StaffMenu:
    # Coordinators and administrators oversee: review queue, stale listings, imports, audit.
    oversees: bool


def staff(request: HttpRequest) -> dict[str, object]:
    def menu() -> StaffMenu:
        user = request.user
        return StaffMenu(oversees=is_platform_admin(user) or is_coordinator(user))

    return {"staff_menu": SimpleLazyObject(menu)}
