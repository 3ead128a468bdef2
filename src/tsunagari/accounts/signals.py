"""Audit events of signing in, from Django's and django-axes' signals (connected in
AccountsConfig.ready). The receivers only record; they never store a password: Django
passes failed credentials with the password already masked, and only the user name is
kept."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, actor_for

from .access import mark_password_entered
from .services import account_event_record

# Longest user name kept in an event (AuditEvent.object_id holds 64 characters).
MAX_NAME = 64


def _actor(request: Any, user: Any) -> Actor:
    return Actor(
        label=user.get_username(),
        user_id=user.pk,
        request_id=getattr(request, "request_id", "") if request is not None else "",
    )


def _anonymous(request: Any) -> Actor:
    if request is None:
        return Actor(label="anonymous")
    return Actor(label="anonymous", request_id=getattr(request, "request_id", ""))


def _user_id_for(username: str) -> object:
    """The id of the account with that name, or the (truncated) name as typed: the event
    shows attempts on unknown names too, which is how guessing shows up."""
    model = get_user_model()
    found = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
    return found.pk if found is not None else username[:MAX_NAME]


def on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        mark_password_entered(request)
    account_event_record(actor=_actor(request, user), action=AuditAction.LOGIN, user_id=user.pk)


def on_logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    account_event_record(actor=_actor(request, user), action=AuditAction.LOGOUT, user_id=user.pk)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")[:MAX_NAME]
    signed_in = request is not None and getattr(request, "user", None) is not None
    actor = (
        actor_for(request) if signed_in and request.user.is_authenticated else _anonymous(request)
    )
    account_event_record(
        actor=actor,
        action=AuditAction.LOGIN_FAILED,
        user_id=_user_id_for(username) if username else "",
        details={
            "username": username,
            "locked_out": bool(getattr(request, "axes_locked_out", False)),
        },
    )


def on_locked_out(sender: Any, request: Any, username: str | None, **kwargs: Any) -> None:
    # axes also sends this for each attempt made while the lock lasts; only the failure
    # that starts the lock has counted failures on the request (axes sets them to None
    # before checking), so the lockout itself is recorded once.
    if request is not None and getattr(request, "axes_failures_since_start", None) is None:
        return
    name = (username or "")[:MAX_NAME]
    account_event_record(
        actor=_anonymous(request),
        action=AuditAction.LOCKOUT,
        user_id=_user_id_for(name) if name else "",
        details={"username": name},
    )
