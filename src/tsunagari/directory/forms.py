"""The search form of the public pages: plain GET parameters, nothing stored.

Every state of the search page is a URL (``/?q=食堂&attr=attr.free&when=now``) that works
without JavaScript and can be shared, printed or put in a QR code. The form turns those
parameters into a ``SearchQuery``; a value that is not valid is dropped (and the page
says so) so a bad or old link still lists services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tsunagari.search.opening import JST, japan_time
from tsunagari.search.places import resolve_municipality
from tsunagari.search.query import SearchQuery

from . import selectors

PER_PAGE = 20
MUNICIPALITY_LIST_LIMIT = 100
RADIUS_CHOICES = [("", _("きょりを問わない")), ("1", "1 km"), ("3", "3 km"), ("10", "10 km")]
# Attributes offered as tick boxes (DESIGN.md §3), in the order residents see them.
ATTRIBUTE_CODES = (
    "attr.anonymous",
    "attr.free",
    "attr.no_booking",
    "attr.24h",
    "attr.evening",
    "attr.holiday",
    "attr.multilingual",
    "attr.no_signboard",
    "attr.out_of_area",
)
# Parameters that are part of a search (the rest, such as ``page`` or ``view``, are not).
SEARCH_KEYS = (
    "q",
    "need",
    "audience",
    "channel",
    "attr",
    "municipality",
    "when",
    "date",
    "time",
    "place",
    "lat",
    "lon",
    "km",
)


def municipality_code(value: str | None, not_found: str) -> str:
    """A chosen or typed municipality (code or name) as its code; ``not_found`` is the
    error when it names none."""
    value = (value or "").strip()
    if not value:
        return ""
    code = resolve_municipality(value)
    if code is None:
        raise forms.ValidationError(not_found)
    return code


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("ことばでさがす"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    need = forms.MultipleChoiceField(
        label=_("困りごと・話したいこと"), required=False, widget=forms.CheckboxSelectMultiple
    )
    audience = forms.MultipleChoiceField(
        label=_("だれのため"), required=False, widget=forms.CheckboxSelectMultiple
    )
    channel = forms.MultipleChoiceField(
        label=_("つながり方"), required=False, widget=forms.CheckboxSelectMultiple
    )
    attr = forms.MultipleChoiceField(
        label=_("特徴（すべてにあうもの）"), required=False, widget=forms.CheckboxSelectMultiple
    )
    # A list to choose from when the directory spans a few municipalities; a name or code
    # to type when it spans many (a national directory: 1,700 options are slow to render,
    # heavy to send and hard to use on a phone).
    municipality = forms.CharField(
        label=_("地域"),
        required=False,
        max_length=40,
    )
    when = forms.ChoiceField(
        label=_("いつ"),
        required=False,
        choices=[("", _("いつでも")), ("now", _("今あいている")), ("at", _("日時を決める"))],
        widget=forms.RadioSelect,
    )
    date = forms.DateField(
        label=_("日付"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    time = forms.TimeField(
        label=_("時刻"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.CharField(
        label=_("場所の名前（市区町村）"),
        required=False,
        max_length=40,
        help_text=_("例: 町田市"),
    )
    lat = forms.FloatField(required=False, min_value=20, max_value=46, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=122, max_value=154, widget=forms.HiddenInput)
    km = forms.ChoiceField(label=_("きょり"), required=False, choices=RADIUS_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = selectors.term_choices()
        # Read the choices once per request (validation and rendering both use them).
        self.fields["need"].choices = choices.get("need", [])  # type: ignore[attr-defined]
        self.fields["audience"].choices = choices.get("audience", [])  # type: ignore[attr-defined]
        self.fields["channel"].choices = choices.get("channel", [])  # type: ignore[attr-defined]
        attributes = dict(choices.get("attribute", []))
        self.fields["attr"].choices = [  # type: ignore[attr-defined]
            (code, attributes[code]) for code in ATTRIBUTE_CODES if code in attributes
        ]
        places = selectors.municipality_choices(limit=MUNICIPALITY_LIST_LIMIT)
        if places is not None:
            self.fields["municipality"].widget = forms.Select(
                choices=[("", gettext("すべての地域")), *places]
            )
        self.place_not_found = False

    def clean_municipality(self) -> str:
        return municipality_code(
            self.cleaned_data.get("municipality"), gettext("その地域が見つかりません。")
        )

    def data_or_empty(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()  # fields that fail validation are left out of cleaned_data
        return self.cleaned_data

    def search_query(self, *, page: int = 1, per_page: int | None = None) -> SearchQuery:
        """The valid part of the parameters as a query for ``search()``."""
        data = self.data_or_empty()
        near = self._near(data)
        radius = float(data["km"]) if data.get("km") and near else None
        return SearchQuery(
            text=(data.get("q") or "").strip(),
            needs=tuple(data.get("need") or ()),
            audiences=tuple(data.get("audience") or ()),
            channels=tuple(data.get("channel") or ()),
            attributes=tuple(data.get("attr") or ()),
            municipality=data.get("municipality") or "",
            open_at=self.open_at(),
            near=near,
            radius_km=radius,
            page=max(1, page),
            per_page=per_page or PER_PAGE,
        )

    def open_at(self) -> dt.datetime | None:
        data = self.data_or_empty()
        when = data.get("when")
        if when == "now":
            return japan_time()
        if when == "at":
            now = japan_time()
            day = data.get("date") or now.date()
            time = data.get("time") or now.time().replace(second=0, microsecond=0)
            return dt.datetime.combine(day, time, JST)
        return None

    def _near(self, data: dict[str, Any]) -> tuple[float, float] | None:
        if data.get("lat") is not None and data.get("lon") is not None:
            return (data["lat"], data["lon"])
        place = (data.get("place") or "").strip()
        if place:
            point = selectors.place_point(place)
            if point is None:
                self.place_not_found = True
            return point
        return None

    def has_filters(self) -> bool:
        data = self.data_or_empty()
        return any(data.get(key) for key in SEARCH_KEYS)
