"""Platform-level writes: creating a platform administrator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import translation

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record


def in_both_languages(check: Callable[..., None], *args: Any, **kwargs: Any) -> None:
    """Run ``check(*args, **kwargs)``; if it refuses, raise its messages as
    "日本語 / English" (operators read both; Django's validators word their messages in
    the active language)."""
    try:
        with translation.override("ja"):
            check(*args, **kwargs)
    except ValidationError as refused_ja:
        with translation.override("en"):
            try:
                check(*args, **kwargs)
            except ValidationError as refused_en:
                english = refused_en.messages
            else:  # pragma: no cover - the same check cannot pass in English
                english = refused_ja.messages
        raise ValidationError(
            [
                ja if ja == en else f"{ja} / {en}"
                for ja, en in zip(refused_ja.messages, english, strict=False)
            ]
        ) from None


def platform_admin_check_username(username: str) -> None:
    """Raises ValidationError unless ``username`` is a free, well-formed user name."""
    User = get_user_model()
    field = User._meta.get_field(User.USERNAME_FIELD)
    assert isinstance(field, models.Field)
    longest = field.max_length or 150
    username = username.strip()
    if not username:
        raise ValidationError("ユーザー名を入れてください / Enter a username.")
    if len(username) > longest:
        raise ValidationError(
            f"ユーザー名は {longest} 文字までです / A username has at most {longest} characters."
        )
    for validator in field.validators:
        validator(username)
    if User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists():
        raise ValidationError(
            f"ユーザー名「{username}」はすでに使われています / "
            f"The username {username!r} is already taken."
        )


def platform_admin_check_email(email: str) -> None:
    if not email.strip():
        raise ValidationError(
            "メールアドレスを入れてください（パスワードを忘れたときに使います） / "
            "Enter an e-mail address (used when the password is forgotten)."
        )
    validate_email(email.strip())


def platform_admin_check_password(password: str, *, username: str, email: str) -> None:
    """Raises ValidationError if the password validators refuse ``password``."""
    User = get_user_model()
    validate_password(password, user=User(**{User.USERNAME_FIELD: username, "email": email}))


@transaction.atomic
def platform_admin_create(
    *, username: str, email: str, password: str, actor: Actor
) -> AbstractUser:
    """Create a platform administrator (a Django superuser) and record it in the audit
    log, or raise ValidationError (naming what was wrong) and create nothing."""
    username, email = username.strip(), email.strip()
    in_both_languages(platform_admin_check_username, username)
    in_both_languages(platform_admin_check_email, email)
    in_both_languages(platform_admin_check_password, password, username=username, email=email)
    User = get_user_model()
    try:
        with transaction.atomic():
            user = User._default_manager.create_superuser(
                username=username, email=email, password=password
            )
    except IntegrityError:  # taken between the check and the insert
        raise ValidationError(
            f"ユーザー名「{username}」はすでに使われています / "
            f"The username {username!r} is already taken."
        ) from None
    audit_record(
        actor=actor,
        action=AuditAction.ADMIN_CREATE,
        object_type="auth.user",
        object_id=user.pk,
        new={"username": username, "email": email, "is_superuser": True},
    )
    return user
