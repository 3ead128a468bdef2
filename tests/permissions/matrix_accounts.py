"""Expected status of every accounts URL (GET) per role, for the permission matrix.

Signed-in roles are as tests.staff_world.sign_in leaves them: second factor verified
for those who have a device, but no password entered in this session, so pages behind
recent_auth_required answer 302 (to accounts:reauth) for everyone signed in. The sign-in
page sends signed-in users on (302); sign-out is POST only (405 for a GET)."""

from __future__ import annotations

ROLES = ("anonymous", "viewer_a", "editor_a", "owner_a", "editor_b", "coord_x", "coord_y", "admin")
SIGNED_IN = ROLES[1:]


def _row(anonymous: int, signed_in: int, **extra: object) -> dict[str, object]:
    return {"expect": {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, signed_in)}, **extra}


EXPECTED: dict[str, dict[str, object]] = {
    "accounts:home": _row(302, 200),
    "accounts:login": _row(200, 302),
    "accounts:logout": _row(405, 405),  # GET: sign-out is POST only
    "accounts:two_factor": _row(302, 302),
    "accounts:reauth": _row(302, 200),
    "accounts:security": _row(302, 200),
    "accounts:two_factor_setup": _row(302, 302),
    "accounts:two_factor_disable": _row(302, 302),
    "accounts:backup_codes": _row(302, 302),
    "accounts:password_change": _row(302, 302),
    "accounts:password_reset": _row(200, 200),
    "accounts:password_reset_done": _row(200, 200),
    # A link that does not decode to a user: the page says the link cannot be used.
    "accounts:password_reset_confirm": _row(
        200, 200, kwargs={"uidb64": "MQ", "token": "set-password"}
    ),
    "accounts:password_reset_complete": _row(200, 200),
}
