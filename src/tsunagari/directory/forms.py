"""The filters of the public service list (plain GET parameters, nothing stored)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import selectors


def _municipality_choices() -> list[tuple[str, str]]:
    return [("", gettext("すべての地域"))] + [
        (m.code, m.full_name) for m in selectors.municipalities_with_services()
    ]


def _need_choices() -> list[tuple[str, str]]:
    return [("", gettext("すべて")), *selectors.need_choices()]


class ServiceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("名前でさがす"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    municipality = forms.ChoiceField(label=_("地域"), required=False)
    need = forms.ChoiceField(label=_("困りごと・話したいこと"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read the choices once per request (validation and rendering both use them).
        self.fields["municipality"].choices = _municipality_choices()  # type: ignore[attr-defined]
        self.fields["need"].choices = _need_choices()  # type: ignore[attr-defined]

    def filters(self) -> selectors.ServiceFilters:
        """The valid filters; a value that is not valid is left out (and the form
        shows why), so a bad link still lists services."""
        if not self.is_bound:
            return selectors.ServiceFilters()
        self.is_valid()  # fields that fail validation are left out of cleaned_data
        data: dict[str, Any] = self.cleaned_data
        return selectors.ServiceFilters(
            municipality=data.get("municipality") or "",
            need=data.get("need") or "",
            q=(data.get("q") or "").strip(),
        )
