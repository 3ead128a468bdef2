"""Forms of the organisation pages. Labels and messages are Japanese first (gettext)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Municipality

from .models import Role
from .services import STALE_MONTHS_RANGE, invitation_days


class Form(forms.Form):
    """Labels without Django's trailing colon (Japanese labels read better without)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class InviteForm(Form):
    email = forms.EmailField(
        label=_("招待する方のメールアドレス"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("役割"),
        choices=Role.choices,
        initial=Role.EDITOR,
        help_text=_(
            "オーナー：メンバーの招待と管理もできます。編集者：掲載情報を編集できます。"
            "閲覧者：見るだけです。"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "参加のためのリンクを、このアドレスにメールで送ります。リンクは%(days)s日間有効です。"
        ) % {"days": invitation_days()}


class RoleForm(Form):
    role = forms.ChoiceField(label=_("役割"), choices=Role.choices)


class AcceptNewAccountForm(Form):
    """A new account for an invited person: a user name and a password (entered twice)."""

    username = forms.CharField(
        label=_("ユーザー名"),
        max_length=150,
        help_text=_("ログインのときに使います。半角英数字と @ . + - _ が使えます。"),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("パスワード"),
        strip=False,
        help_text=_(
            "8文字以上で、ほかの人に推測されにくいものにしてください。数字だけは使えません。"
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("パスワード（確認のため、もう一度）"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        validator = get_user_model().username_validator
        try:
            validator(username)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                _("ユーザー名には、半角英数字と @ . + - _ だけが使えます。")
            ) from error
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("2つのパスワードが同じではありません。"))
        return cleaned


class PolicyForm(Form):
    review_partner_edits = forms.BooleanField(
        label=_("団体の編集を、コーディネーターが確認してから公開する"),
        required=False,
        help_text=_("オフにすると、団体の編集はすぐに公開されます。"),
    )
    stale_after_months = forms.IntegerField(
        label=_("確認をお願いするまでの月数"),
        min_value=STALE_MONTHS_RANGE[0],
        max_value=STALE_MONTHS_RANGE[1],
        help_text=_("最後に内容を確認してからこの月数がたつと、団体に確認をお願いします。"),
    )

    publish_survey_results = forms.BooleanField(
        label=_("調査の結果（孤独感の割合）を、公開の指標ページにのせる"),
        required=False,
        help_text=_(
            "オンにすると、だれでも見られる指標のページとダウンロードに、年齢・性別・地域ごとの割合が出ます。回答者が10人未満の区分は出ません。"
        ),
    )


class CoordinatorAddForm(Form):
    username = forms.CharField(label=_("ユーザー名"), max_length=150)
    municipality = forms.CharField(
        label=_("自治体コード（6けた）"),
        max_length=6,
        min_length=6,
        help_text=_("全国地方公共団体コードです。例：町田市は 132098"),
    )

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("このユーザー名のアカウントはありません。"))
        return user

    def clean_municipality(self) -> Municipality:
        code = self.cleaned_data["municipality"].strip()
        municipality = Municipality.objects.filter(code=code).exclude(name="").first()
        if municipality is None:
            raise forms.ValidationError(_("この自治体コードの市区町村はありません。"))
        return municipality
