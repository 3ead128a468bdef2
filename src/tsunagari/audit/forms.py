"""The filters of the audit view and its CSV export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .models import AuditAction
from .selectors import EventFilters

# Object types the view suggests (others, e.g. from another page's link, are accepted).
KNOWN_OBJECT_TYPES = (
    "service",
    "location",
    "organization",
    "schedule",
    "phone",
    "contact",
    "address",
    "service_at_location",
    "attribute",
    "user",
    "municipality",
    "data_source",
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class EventFilterForm(forms.Form):
    object_type = forms.CharField(
        label=_("対象の種類"),
        required=False,
        max_length=60,
        validators=[
            RegexValidator(r"^[a-z_]+$", _("対象の種類は、半角の英小文字と _ で入力してください。"))
        ],
        help_text=_("例: service（サービス）、location（場所）、user（アカウント）"),
        widget=forms.TextInput(attrs={"list": "audit-object-types", "autocomplete": "off"}),
    )
    object_id = forms.CharField(label=_("対象ID"), required=False, max_length=64)
    actor = forms.CharField(
        label=_("実行者"),
        required=False,
        max_length=150,
        help_text=_("ユーザー名の一部でさがせます。"),
    )
    action = forms.ChoiceField(
        label=_("操作"),
        required=False,
        choices=[("", _("すべての操作")), *AuditAction.choices],
    )
    date_from = forms.DateField(label=_("この日から"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("この日まで"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("「この日まで」は「この日から」より後の日にしてください。"))
        return data

    def filters(self) -> EventFilters:
        """The valid filters (call after is_valid())."""
        data = self.cleaned_data
        return EventFilters(
            object_type=data.get("object_type") or "",
            object_id=(data.get("object_id") or "").strip(),
            actor=(data.get("actor") or "").strip(),
            action=data.get("action") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
