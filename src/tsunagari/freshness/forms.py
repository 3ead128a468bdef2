"""Forms: the resident's 「情報がちがう」 (no personal data asked) and the staff's filters
and notes."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .fields import FIELDS
from .models import Reason
from .services import REPORT_TEXT_MAX, RESOLUTION_NOTE_MAX

# The report form carries a token signed for its service instead of a CSRF cookie (the
# public side sets no cookie). It proves the form came from our page for that service,
# recently; the rate limit (ratelimit.py) is what bounds what anyone can send.
SIGNING_SALT = "tsunagari.freshness.report-form"
TOKEN_MAX_AGE = 6 * 60 * 60


def report_token(service_id: uuid.UUID) -> str:
    return signing.TimestampSigner(salt=SIGNING_SALT).sign(str(service_id))


def _token_valid(token: str, service_id: uuid.UUID) -> bool:
    try:
        value = signing.TimestampSigner(salt=SIGNING_SALT).unsign(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return False
    return value == str(service_id)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("どこがちがいますか"),
        choices=Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("どこがちがうか、ひとつ選んでください。"),
            "invalid_choice": _("理由は、並んでいる中から選んでください。"),
        },
    )
    text = forms.CharField(
        label=_("くわしく（書かなくてもかまいません）"),
        required=False,
        max_length=REPORT_TEXT_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": REPORT_TEXT_MAX}),
        help_text=_(
            "500文字まで。お名前・電話番号・メールアドレスなど、あなたのことは書かないでください。"
        ),
        error_messages={"max_length": _("くわしい内容は500文字までにしてください。")},
    )

    def __init__(self, *args: Any, service_id: uuid.UUID, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service_id = service_id

    @property
    def token(self) -> str:
        """A freshly signed token each time the form is shown (so a second try after an
        expired one works)."""
        return report_token(self.service_id)

    def clean(self) -> dict[str, Any]:
        super().clean()
        if not _token_valid(str(self.data.get("token", "")), self.service_id):
            raise forms.ValidationError(
                _(
                    "このページを開いてから時間がたちました。内容を確かめて、もう一度送ってください。"
                ),
                code="token",
            )
        return self.cleaned_data


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=_("対応メモ"),
        required=False,
        max_length=RESOLUTION_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("どう対応したか（任意）。"),
    )


class StaleFilterForm(forms.Form):
    municipality = forms.ChoiceField(label=_("市区町村"), required=False)
    field = forms.ChoiceField(
        label=_("分野"),
        required=False,
        choices=[("", _("すべて")), *((f.key, f.label) for f in FIELDS)],
        error_messages={"invalid_choice": _("分野は、並んでいる中から選んでください。")},
    )

    def __init__(self, *args: Any, municipalities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ChoiceField)
        municipality.choices = [("", _("すべて")), *municipalities]
        municipality.error_messages["invalid_choice"] = _(
            "市区町村は、並んでいる中から選んでください。"
        )
