"""Forms of the survey pages: building a survey (staff), and the signed token the public
forms carry instead of a CSRF cookie (the resident side sets no cookie at all)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from . import instruments
from .instruments import CODE, LANGUAGES
from .models import Survey
from .services import MAX_CODES, OwnQuestion

OWN_QUESTION_SLOTS = 3
SIGNING_SALT = "tsunagari.surveys.public-form"
# Long enough to answer at leisure (a form left open over lunch still sends).
TOKEN_MAX_AGE = 24 * 60 * 60


def form_token(subject: str) -> str:
    """A token signed for ``subject`` (the survey's public token, or "letter:<code>")."""
    return signing.TimestampSigner(salt=SIGNING_SALT).sign(subject)


def token_subject(token: str) -> str | None:
    try:
        return signing.TimestampSigner(salt=SIGNING_SALT).unsign(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None


def _option_lines(text: str, where: str) -> list[dict[str, Any]]:
    """Options typed one per line: 「日本語 | やさしい日本語 | English」 (the last two
    optional); numbered 1, 2, 3 ... in order."""
    options = []
    for n, line in enumerate((ln for ln in text.splitlines() if ln.strip()), start=1):
        parts = [p.strip() for p in line.split("|")]
        labels = dict(zip(LANGUAGES, parts, strict=False))
        if not labels.get("ja"):
            raise forms.ValidationError(
                _("%(where)s: 選択肢 %(n)s に日本語がありません。"), params={"where": where, "n": n}
            )
        options.append({"value": n, **{k: v for k, v in labels.items() if v}})
    if not 2 <= len(options) <= 9:
        raise forms.ValidationError(
            _("%(where)s: 選択肢は1行に1つ、2〜9個にしてください。"), params={"where": where}
        )
    return options


class SurveyCreateForm(forms.Form):
    municipality = forms.ChoiceField(label=_("自治体"))
    title = forms.CharField(label=_("調査名"), max_length=200)
    period = forms.CharField(
        label=_("時期・回"), max_length=60, required=False, help_text=_("例：2025年度 第1回")
    )
    languages = forms.MultipleChoiceField(
        label=_("日本語のほかに出す言語"),
        required=False,
        choices=[("ja-easy", "やさしい日本語"), ("en", "English")],
        widget=forms.CheckboxSelectMultiple,
    )
    instrument_codes = forms.MultipleChoiceField(
        label=_("使う質問票"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, municipalities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices("municipality", municipalities)
        self._set_choices(
            "instrument_codes",
            [(code, i.title["ja"]) for code, i in instruments.catalogue().instruments.items()],
        )
        for n in range(1, OWN_QUESTION_SLOTS + 1):
            self.fields[f"own{n}_code"] = forms.CharField(
                label=_("コード（半角英小文字・数字・_）"), max_length=40, required=False
            )
            self.fields[f"own{n}_text"] = forms.CharField(
                label=_("質問文（日本語）"), max_length=300, required=False
            )
            self.fields[f"own{n}_text_easy"] = forms.CharField(
                label=_("質問文（やさしい日本語）"), max_length=300, required=False
            )
            self.fields[f"own{n}_text_en"] = forms.CharField(
                label=_("質問文（English）"), max_length=300, required=False
            )
            self.fields[f"own{n}_options"] = forms.CharField(
                label=_("選択肢（1行に1つ。「日本語 | やさしい日本語 | English」）"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def _set_choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def own_slots(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"own{n}_{part}"] for part in ("code", "text", "text_easy", "text_en", "options")]
            for n in range(1, OWN_QUESTION_SLOTS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        own: list[OwnQuestion] = []
        for n in range(1, OWN_QUESTION_SLOTS + 1):
            code = (data.get(f"own{n}_code") or "").strip()
            text = (data.get(f"own{n}_text") or "").strip()
            options = data.get(f"own{n}_options") or ""
            if not (code or text or options.strip()):
                continue
            where = _("独自の質問 %(n)s") % {"n": n}
            if not CODE.match(code) or code in instruments.catalogue().items:
                self.add_error(
                    f"own{n}_code",
                    _(
                        "%(where)s: コードは半角英小文字で始め、ほかの質問と重ならないものにしてください。"  # noqa: E501
                    )
                    % {"where": where},
                )
                continue
            if not text:
                self.add_error(
                    f"own{n}_text", _("%(where)s: 質問文を入れてください。") % {"where": where}
                )
                continue
            try:
                parsed = _option_lines(options, str(where))
            except forms.ValidationError as error:
                self.add_error(f"own{n}_options", error)
                continue
            wording = {
                "ja": text,
                "ja-easy": (data.get(f"own{n}_text_easy") or "").strip(),
                "en": (data.get(f"own{n}_text_en") or "").strip(),
            }
            own.append(OwnQuestion(code, {k: v for k, v in wording.items() if v}, parsed))
        if len({q.code for q in own}) != len(own):
            raise forms.ValidationError(_("独自の質問のコードが重なっています。"))
        if not data.get("instrument_codes") and not own and not self.errors:
            raise forms.ValidationError(_("質問票を1つ以上えらぶか、独自の質問を入れてください。"))
        data["own_questions"] = own
        return data


def survey_initial(survey: Survey) -> dict[str, Any]:
    """The create form's fields filled from a draft survey, for changing it."""
    items = list(survey.items.order_by("order"))
    initial: dict[str, Any] = {
        "municipality": survey.municipality_id,
        "title": survey.title,
        "period": survey.period,
        "languages": [lang for lang in survey.languages if lang != "ja"],
        "instrument_codes": list(dict.fromkeys(i.instrument for i in items if i.instrument)),
    }
    own = [i for i in items if not i.instrument]
    for n, item in enumerate(own[:OWN_QUESTION_SLOTS], start=1):
        initial[f"own{n}_code"] = item.code
        initial[f"own{n}_text"] = item.text.get("ja", "")
        initial[f"own{n}_text_easy"] = item.text.get("ja-easy", "")
        initial[f"own{n}_text_en"] = item.text.get("en", "")
        initial[f"own{n}_options"] = "\n".join(
            " | ".join(option.get(lang, "") for lang in LANGUAGES).rstrip(" |")
            for option in item.options
        )
    return initial


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("発行する数"), min_value=1, max_value=MAX_CODES)


class LetterCodeForm(forms.Form):
    code = forms.CharField(
        label=_("招待コード"),
        max_length=40,
        help_text=_(
            "お手紙に書いてある8文字のコードです。ハイフンはあってもなくてもかまいません。"
        ),
        error_messages={"required": _("お手紙のコードを入れてください。")},
    )
