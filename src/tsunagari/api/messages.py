"""What the API says to people when a request cannot be answered: Japanese first, then
English, in one ``detail`` string (API clients show it as it is)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop


@dataclass(frozen=True)
class Message:
    ja: str  # marked with gettext_noop: a translation replaces the pair
    en: str

    def __str__(self) -> str:
        translated = gettext(self.ja)
        if translated != self.ja:
            return translated
        return f"{self.ja} / {self.en}"

    def format(self, **values: object) -> str:
        return str(self).format(**values)


NOT_FOUND = Message(gettext_noop("見つかりませんでした。"), "Not found.")
SERVICE_NOT_FOUND = Message(
    gettext_noop("このサービスは見つかりませんでした（終了・休止したものは公開していません）。"),
    "No such public service (ended or paused services are not published).",
)
ORGANIZATION_NOT_FOUND = Message(
    gettext_noop("この団体は見つかりませんでした。"), "No such organization."
)
SERVICE_AT_LOCATION_NOT_FOUND = Message(
    gettext_noop("この場所でのサービスは見つかりませんでした。"), "No such service at location."
)
TAXONOMY_NOT_FOUND = Message(gettext_noop("この分類は見つかりませんでした。"), "No such taxonomy.")
TERM_NOT_FOUND = Message(
    gettext_noop("この分類語は見つかりませんでした。"), "No such taxonomy term."
)
INVALID = Message(gettext_noop("リクエストの内容を確かめてください。"), "The request is not valid.")
PER_PAGE = Message(
    gettext_noop("per_page は 1 から {maximum} までの数にしてください。"),
    "per_page must be a number from 1 to {maximum}.",
)
PAGE = Message(
    gettext_noop("page は 1 から {maximum} までの数にしてください。"),
    "page must be a number from 1 to {maximum}.",
)
PROXIMITY = Message(
    gettext_noop(
        "proximity は「緯度,経度」または「緯度,経度,半径メートル」の形にしてください"
        "（例: 35.5466,139.4386,2000）。"
    ),
    "proximity must be 'latitude,longitude' or 'latitude,longitude,metres' "
    "(e.g. 35.5466,139.4386,2000).",
)
UNKNOWN_TERM = Message(
    gettext_noop(
        "{param} に知らない分類コードがあります: {values}"
        "（/api/v1/taxonomy_terms で一覧できます）。"
    ),
    "{param} has unknown taxonomy codes: {values} (see /api/v1/taxonomy_terms).",
)
UNFILTERABLE_TERM = Message(
    gettext_noop("この分類語では絞り込めません: {values}。"),
    "These taxonomy terms cannot be used as filters: {values}.",
)
MUNICIPALITY = Message(
    gettext_noop("municipality は 6 桁の全国地方公共団体コードにしてください（例: 132098）。"),
    "municipality must be a 6-digit local government code (e.g. 132098).",
)
SEARCH_TEXT = Message(
    gettext_noop("search は {maximum} 文字までにしてください。"),
    "search must be at most {maximum} characters.",
)
NAVIGATOR_TEXT = Message(
    gettext_noop("text は {maximum} 文字までの文字列にしてください。"),
    "text must be a string of at most {maximum} characters.",
)
UNKNOWN_FIELD = Message(
    gettext_noop("知らない項目があります: {field}。"), "Unknown field: {field}."
)
BODY_NOT_JSON = Message(
    gettext_noop("本文を JSON として読めませんでした。"), "The body is not valid JSON."
)
NAVIGATOR_CHOICE = Message(
    gettext_noop("{field} の値を確かめてください。選べるもの: {choices}。"),
    "{field} must be one of: {choices}.",
)
NAVIGATOR_BODY = Message(
    gettext_noop('本文は JSON のオブジェクトにしてください（例: {"text": "夜眠れない"}）。'),
    'The body must be a JSON object (e.g. {"text": "..."}).',
)
