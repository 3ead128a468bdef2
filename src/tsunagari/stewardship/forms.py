"""The edit page's forms: the service, each of its locations, and rows of schedules,
phones and contacts (formsets, so rows can be added and removed). ``ListingForms`` binds
them together and turns valid input into a proposed listing (stewardship/graph.py)."""

from __future__ import annotations

import copy
import datetime as dt
import re
import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.hours import ALL_DAYS, KANJI_BY_DAY
from tsunagari.directory.importers.normalise import postal_code as normal_postal_code
from tsunagari.directory.models import Service
from tsunagari.directory.schedule_words import parse_byday

from .graph import ADDRESS_FIELDS, LOCATION_FIELDS, Listing

DAY_CHOICES = [(d, KANJI_BY_DAY[d]) for d in ALL_DAYS]
WEEK_CHOICES = [
    ("1", _("第1")),
    ("2", _("第2")),
    ("3", _("第3")),
    ("4", _("第4")),
    ("-1", _("最終")),
]
EDITABLE_STATUSES = [(s.value, s.label) for s in Service.Status if s != Service.Status.DEFUNCT]
PHONE_PATTERN = re.compile(r"^[0-9０-９\-－‐ー()（）+＋ ]+$")


def _same_text(value: str, old: Any) -> str:
    """Browsers send line ends as CRLF and the form strips spaces: a text that differs
    from the stored one only in that way is the stored one, so it is no change."""
    value = value.replace("\r\n", "\n")
    if isinstance(old, str) and old.replace("\r\n", "\n").strip() == value.strip():
        return old
    return value


class _TextKeeping(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")  # labels are read aloud: no stray colons
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = _same_text(value, self.initial.get(name))
        return cleaned


def _text(label: Any, *, required: bool = False, rows: int = 0, max_length: int = 0) -> Any:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    kwargs: dict[str, Any] = {"label": label, "required": required}
    if max_length:
        kwargs["max_length"] = max_length
    return forms.CharField(widget=widget, **kwargs)


class ServiceForm(_TextKeeping):
    name = _text(_("名称"), required=True, max_length=255)
    name_kana = _text(_("名称（カナ）"), max_length=255)
    status = forms.ChoiceField(label=_("状態"), choices=EDITABLE_STATUSES)
    description = _text(_("説明"), rows=5)
    eligibility_description = _text(_("対象"), rows=3)
    fees_description = _text(_("費用"), rows=2)
    application_process = _text(_("利用のしかた"), rows=3)
    alert = _text(_("お知らせ"), rows=2)
    url = _text(_("ホームページ"), max_length=500)
    email = _text(_("メールアドレス"), max_length=255)

    def __init__(self, *args: Any, archived: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_kana"].help_text = _("カタカナで。例：ツナガリカフェ")
        if archived:
            # Bringing an archived service back is its own button, not a status choice.
            status = self.fields["status"]
            assert isinstance(status, forms.ChoiceField)
            status.disabled = True
            status.choices = [(Service.Status.DEFUNCT.value, Service.Status.DEFUNCT.label)]

    def clean_url(self) -> str:
        value: str = self.cleaned_data["url"]
        if value and value != self.initial.get("url"):
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                raise ValidationError(_("https:// ではじまるアドレスを入れてください。")) from None
        return value

    def clean_email(self) -> str:
        value: str = self.cleaned_data["email"]
        if value and value != self.initial.get("email"):
            try:
                validate_email(value)
            except ValidationError:
                raise ValidationError(_("メールアドレスの形を確かめてください。")) from None
        return value


class RowForm(_TextKeeping):
    """A row that can be added or removed; ``id`` is the stored row's (empty: new)."""

    id = forms.CharField(required=False, widget=forms.HiddenInput)


class LocationForm(RowForm):
    """One of the service's places, with its first address. A new row is a new place
    (an existing place of another service is never reached from here)."""

    name = _text(_("場所の名前"), max_length=255)
    postal_code = _text(_("郵便番号"), max_length=10)
    state_province = _text(_("都道府県"), max_length=60)
    city = _text(_("市区町村"), max_length=120)
    address_1 = _text(_("町字・番地"), max_length=255)
    address_2 = _text(_("建物名など"), max_length=255)
    transportation = _text(_("アクセス"), rows=2)
    latitude = forms.FloatField(label=_("緯度"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("経度"), required=False, min_value=-180, max_value=180)

    def clean_postal_code(self) -> str:
        value: str = self.cleaned_data["postal_code"]
        if not value or value == self.initial.get("postal_code"):
            return value
        try:
            return normal_postal_code(value)
        except ValueError:
            raise ValidationError(
                _("郵便番号は7けたの数字で入れてください。例：194-8520")
            ) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise ValidationError(_("緯度と経度は、両方入れるか、両方空にしてください。"))
        if not self.initial and not cleaned.get("DELETE") and not cleaned.get("name"):
            self.add_error("name", _("新しい場所には名前を入れてください。例：〇〇公民館"))
        return cleaned


class ScheduleForm(RowForm):
    """Hours on days of the week: every week, or monthly on some weeks of the month
    (「第2・第4 土曜」, as many サロン and 子ども食堂 meet); opening and closing time, and a
    note. A row may also be a note alone, as published data often is."""

    byday = forms.MultipleChoiceField(
        label=_("曜日"), choices=DAY_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    weeks = forms.MultipleChoiceField(
        label=_("毎月の週"),
        help_text=_("毎月、決まった週だけのときにえらびます。毎週のときは、えらばないでください。"),
        choices=WEEK_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    opens_at = forms.TimeField(
        label=_("開始"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("時刻は 9:30 のように入れてください。")},
    )
    closes_at = forms.TimeField(
        label=_("終了"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("時刻は 17:00 のように入れてください。")},
    )
    description = _text(_("日程の説明"), max_length=500)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if "opens_at" in self.errors or "closes_at" in self.errors:
            return cleaned
        if (opens is None) != (closes is None):
            missing = "closes_at" if closes is None else "opens_at"
            self.add_error(missing, _("開始と終了の時刻を、両方入れてください。"))
        elif opens is not None and closes is not None and closes <= opens:
            self.add_error(
                "closes_at",
                _(
                    "終了の時刻は、開始の時刻より後にしてください"
                    "（夜をまたぐときは2行に分けてください）。"
                ),
            )
        elif (opens is not None or cleaned.get("weeks")) and not cleaned.get("byday"):
            self.add_error("byday", _("曜日を1つ以上えらんでください。"))
        elif not (cleaned.get("byday") or opens or cleaned.get("description")):
            raise ValidationError(_("曜日・時刻・説明のどれかを入れてください。"))
        return cleaned


class PhoneForm(RowForm):
    number = _text(_("電話番号"), required=True, max_length=60)
    description = _text(_("電話の説明"), max_length=500)

    def clean_number(self) -> str:
        value: str = self.cleaned_data["number"]
        if value != self.initial.get("number") and not PHONE_PATTERN.match(value):
            raise ValidationError(_("電話番号は数字とハイフンで入れてください。例：042-722-3111"))
        return value


class ContactForm(RowForm):
    name = _text(_("担当者の名前"), max_length=255)
    title = _text(_("役職"), max_length=255)
    email = _text(_("メールアドレス"), max_length=255)
    phone = _text(_("電話番号"), max_length=60)

    def clean_email(self) -> str:
        value: str = self.cleaned_data["email"]
        if value and value != self.initial.get("email"):
            try:
                validate_email(value)
            except ValidationError:
                raise ValidationError(_("メールアドレスの形を確かめてください。")) from None
        return value

    def clean_phone(self) -> str:
        value: str = self.cleaned_data["phone"]
        if value and value != self.initial.get("phone") and not PHONE_PATTERN.match(value):
            raise ValidationError(_("電話番号は数字とハイフンで入れてください。例：042-722-3111"))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not any(cleaned.get(f) for f in ("name", "title", "email", "phone")):
            raise ValidationError(_("名前・役職・メール・電話のどれかを入れてください。"))
        return cleaned


LocationFormSet = forms.formset_factory(LocationForm, extra=0, can_delete=True, max_num=20)
ScheduleFormSet = forms.formset_factory(ScheduleForm, extra=0, can_delete=True, max_num=50)
PhoneFormSet = forms.formset_factory(PhoneForm, extra=0, can_delete=True, max_num=20)
ContactFormSet = forms.formset_factory(ContactForm, extra=0, can_delete=True, max_num=20)


def _schedule_initial(row: dict[str, Any]) -> dict[str, Any]:
    times = {
        k: dt.time.fromisoformat(row[k]) if row[k] else None for k in ("opens_at", "closes_at")
    }
    tokens = parse_byday(row["byday"])
    days = [d for d in ALL_DAYS if any(code == d for _n, code in tokens)]
    weeks = sorted({str(n) for n, _code in tokens if n is not None}, key=_week_order)
    return {**row, **times, "byday": days, "weeks": weeks}


def _week_order(week: str) -> tuple[bool, int]:
    return (int(week) < 0, int(week))


def _byday(days: list[str], weeks: list[str], stored: str) -> str:
    """HSDS ``byday`` for the chosen days (and weeks of the month): ``MO,WE`` or
    ``2SA,4SA``. The stored text is kept when it says the same in another order."""
    days = [d for d in ALL_DAYS if d in days]
    ordered = sorted(weeks, key=_week_order)
    tokens = [f"{w}{d}" for w in ordered for d in days] if weeks else days
    same = {t.upper() for t in re.split(r"[,\s]+", stored.strip()) if t}
    return stored if same == set(tokens) else ",".join(tokens)


def _location_initial(row: dict[str, Any]) -> dict[str, Any]:
    """A location's form fields: its own and its address's, with the location's id."""
    address = {k: v for k, v in (row.get("address") or {}).items() if k != "id"}
    return {**{k: v for k, v in row.items() if k != "address"}, **address}


def _iso(value: dt.time | None) -> str | None:
    return None if value is None else value.isoformat()


PARTS = {
    "location": "locations",
    "schedule": "schedules",
    "phone": "phones",
    "contact": "contacts",
}


class ListingForms:
    """Every form of the edit page, initialised from ``start`` (the listing the page
    opens with) and bound to ``data`` when given. ``add`` names a part to which one
    empty row is added (the 「行を追加」 button)."""

    def __init__(
        self, current: Listing, start: Listing, data: QueryDict | None = None, add: str = ""
    ) -> None:
        self.current = current
        archived = current["service"]["status"] == Service.Status.DEFUNCT
        if data is not None and add in PARTS:
            data = data.copy()
            key = f"{PARTS[add]}-TOTAL_FORMS"
            data[key] = str(int(data.get(key) or 0) + 1)
        self.data = data
        service_initial = {k: v for k, v in start["service"].items() if k != "id"}
        self.service = ServiceForm(data, initial=service_initial, archived=archived)
        self.locations = LocationFormSet(
            data, initial=[_location_initial(loc) for loc in start["locations"]], prefix="locations"
        )
        self.schedules = ScheduleFormSet(
            data,
            initial=[_schedule_initial(s) for s in start["schedules"]],
            prefix="schedules",
        )
        self.phones = PhoneFormSet(data, initial=start["phones"], prefix="phones")
        self.contacts = ContactFormSet(data, initial=start["contacts"], prefix="contacts")

    def forms(self) -> list[Any]:
        return [self.service, self.locations, self.schedules, self.phones, self.contacts]

    def is_valid(self) -> bool:
        return all([f.is_valid() for f in self.forms()])

    def proposed(self) -> Listing:
        """The listing the valid forms describe."""
        listing = copy.deepcopy(self.current)
        service = listing["service"]
        for key, value in self.service.cleaned_data.items():
            if key == "status" and self.service.fields["status"].disabled:
                continue
            service[key] = value
        locations = []
        for form in self._kept(self.locations):
            data = form.cleaned_data
            row_id = self._row_id("locations", form)
            before = next((loc for loc in self.current["locations"] if loc["id"] == row_id), None)
            location: dict[str, Any] = (
                copy.deepcopy(before) if before else {"id": row_id, "address": None}
            )
            for key in LOCATION_FIELDS:
                location[key] = data[key]
            address_values = {k: data[k] for k in ADDRESS_FIELDS}
            if location["address"] is not None:
                location["address"].update(address_values)
            elif any(address_values.values()):
                location["address"] = {"id": str(uuid.uuid4()), **address_values}
            locations.append(location)
        listing["locations"] = locations
        listing["schedules"] = [
            {
                "id": self._row_id("schedules", f),
                "byday": _byday(
                    f.cleaned_data["byday"], f.cleaned_data["weeks"], self._stored_byday(f)
                ),
                "opens_at": _iso(f.cleaned_data["opens_at"]),
                "closes_at": _iso(f.cleaned_data["closes_at"]),
                "description": f.cleaned_data["description"],
            }
            for f in self._kept(self.schedules)
        ]
        listing["phones"] = [
            {
                "id": self._row_id("phones", f),
                "number": f.cleaned_data["number"],
                "description": f.cleaned_data["description"],
            }
            for f in self._kept(self.phones)
        ]
        contacts = []
        for f in self._kept(self.contacts):
            row_id = self._row_id("contacts", f)
            before = next((c for c in self.current["contacts"] if c["id"] == row_id), None)
            contacts.append(
                {
                    "id": row_id,
                    "name": f.cleaned_data["name"],
                    "title": f.cleaned_data["title"],
                    "email": f.cleaned_data["email"],
                    "phone_id": before["phone_id"] if before else None,
                    "phone": f.cleaned_data["phone"],
                }
            )
        listing["contacts"] = contacts
        return listing

    @staticmethod
    def _kept(formset: Any) -> list[Any]:
        return [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]

    def _stored_byday(self, form: Any) -> str:
        given = form.cleaned_data.get("id") or ""
        row = next((r for r in self.current["schedules"] if r["id"] == given), None)
        return row["byday"] if row else ""

    def _row_id(self, part: str, form: Any) -> str:
        """The row's id when it is one of this service's rows; a new id otherwise (an id
        from the browser never reaches another service's row)."""
        given = form.cleaned_data.get("id") or ""
        known = {r["id"] for r in self.current[part]}
        return given if given in known else str(uuid.uuid4())
