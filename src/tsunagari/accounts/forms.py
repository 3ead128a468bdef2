"""Forms of the sign-in pages. Error messages never say whether an account exists."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

# One message for an unknown user, a wrong password and an inactive account alike.
INVALID_LOGIN = _(
    "ユーザー名またはパスワードがちがいます。大文字と小文字、全角と半角も確かめて、"
    "もう一度入力してください。"
)
INVALID_CODE = _(
    "確認コードがちがうか、時間が過ぎています。認証アプリに今出ている6けたの数字か、"
    "まだ使っていないバックアップコードを入力してください。"
)


def normalise_code(value: str) -> str:
    """A code as typed, with full-width digits made half-width (NFKC) and spaces and
    hyphens removed, lower case (backup codes are lower-case base32)."""
    text = unicodedata.normalize("NFKC", value or "")
    return "".join(ch for ch in text if ch not in " -\u3000").lower()


class SignInForm(AuthenticationForm):
    error_messages = {"invalid_login": INVALID_LOGIN, "inactive": INVALID_LOGIN}

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("ユーザー名")
        self.fields["username"].error_messages["required"] = _("ユーザー名を入力してください。")
        self.fields["password"].label = _("パスワード")
        self.fields["password"].error_messages["required"] = _("パスワードを入力してください。")


class CodeField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("確認コード"))
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("error_messages", {"required": _("確認コードを入力してください。")})
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        )

    def clean(self, value: Any) -> str:
        return normalise_code(super().clean(value))


class SecondFactorForm(forms.Form):
    """The two-factor step: a code from the authenticator app or a backup code. The view
    checks the code (through the service) and adds INVALID_CODE when it fails."""

    code = CodeField(
        help_text=_(
            "認証アプリに出ている6けたの数字を入力してください。スマートフォンがないときは、"
            "バックアップコード（8文字の英数字）も使えます。"
        )
    )


class DeviceConfirmForm(forms.Form):
    code = CodeField(
        label=_("認証アプリに出ている6けたの数字"),
        help_text=_("読み取ったあと、アプリに出ている数字を入力すると、設定が完了します。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the app's digits here (no backup code yet): the number keypad on phones.
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


class ReauthForm(forms.Form):
    """Asks the password again (and a code when the user has a second factor)."""

    password = forms.CharField(
        label=_("パスワード"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("パスワードを入力してください。")},
    )

    def __init__(self, *args: Any, request: HttpRequest, ask_code: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        if ask_code:
            self.fields["code"] = CodeField(
                help_text=_("認証アプリの6けたの数字か、バックアップコードを入力してください。")
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            user = self.request.user
            # Through authenticate() so that failures count towards the lockout (axes).
            checked = authenticate(self.request, username=user.get_username(), password=password)
            if checked is None or checked.pk != user.pk:
                self.add_error("password", _("パスワードがちがいます。"))
        return cleaned
