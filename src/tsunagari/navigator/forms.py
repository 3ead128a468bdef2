"""The navigator's answers as GET parameters. Every question is optional; the answers
travel in the URL and hidden fields from screen to screen — never in a session or a
cookie — and nothing names the person."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagari.directory import selectors
from tsunagari.directory.forms import MUNICIPALITY_LIST_LIMIT, municipality_code

MAX_TEXT = 500

# What is on your mind: the needs offered as choices, in the words residents use.
TOPIC_CODES = (
    "need.talk",
    "need.general",
    "need.mental",
    "need.childcare",
    "need.elderly",
    "need.young_carer",
    "need.money",
    "need.work",
    "need.school",
    "need.hikikomori",
    "need.violence",
    "need.disability",
    "need.lgbtq",
    "need.foreign",
    "need.housing",
    "need.legal",
    "need.addiction",
)
FOR_WHOM = [
    ("self", _("自分のこと")),
    ("family", _("家族のこと")),
    ("friend", _("友人・知人のこと")),
]
HELP = [
    ("listen", _("話を聞いてほしい")),
    ("place", _("行ける場所がほしい")),
    ("expert", _("専門家に相談したい")),
    ("info", _("情報だけほしい")),
]
HOW = [
    ("in_person", _("会って")),
    ("phone", _("電話")),
    ("chat", _("チャット")),
    ("sns", _("SNS（LINE など）")),
    ("email", _("メール")),
]
WHEN = [("now", _("今すぐ")), ("night", _("夜")), ("holiday", _("休日"))]


class AnswersForm(forms.Form):
    text = forms.CharField(
        label=_(
            "よかったら、今の気持ちや困っていることを書いてください（書かなくてもだいじょうぶです）"
        ),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    topic = forms.MultipleChoiceField(
        label=_("気になっていること（いくつでも）"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    for_whom = forms.ChoiceField(
        label=_("だれのことですか"), required=False, choices=FOR_WHOM, widget=forms.RadioSelect
    )
    help = forms.MultipleChoiceField(
        label=_("どんなことがあるとよいですか（いくつでも）"),
        required=False,
        choices=HELP,
        widget=forms.CheckboxSelectMultiple,
    )
    how = forms.MultipleChoiceField(
        label=_("どうやってつながりたいですか（いくつでも）"),
        required=False,
        choices=HOW,
        widget=forms.CheckboxSelectMultiple,
    )
    when = forms.MultipleChoiceField(
        label=_("いつがよいですか（いくつでも）"),
        required=False,
        choices=WHEN,
        widget=forms.CheckboxSelectMultiple,
    )
    # A list when the directory spans a few municipalities, a name to type when many
    # (as the search page's 地域).
    where = forms.CharField(
        label=_("住んでいる市区町村（えらばなくてもだいじょうぶです）"),
        required=False,
        max_length=40,
    )
    avoid_local = forms.BooleanField(
        label=_("近所だと話しにくい（市外や電話・ネットの窓口を先に出します）"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        needs = dict(selectors.term_choices().get("need", []))
        self.fields["topic"].choices = [  # type: ignore[attr-defined]
            (code, needs[code]) for code in TOPIC_CODES if code in needs
        ]
        places = selectors.municipality_choices(limit=MUNICIPALITY_LIST_LIMIT)
        if places is not None:
            self.fields["where"].widget = forms.Select(choices=[("", _("えらばない")), *places])

    def clean_where(self) -> str:
        not_found = str(_("その市区町村が見つかりません。"))
        return municipality_code(self.cleaned_data.get("where"), not_found)

    def answers(self) -> dict[str, Any]:
        """The valid answers as keyword arguments of ``navigator.advice.Answers``; an
        answer that is not valid is left out, as if skipped."""
        if not self.is_bound:
            data: dict[str, Any] = {}
        else:
            self.is_valid()
            data = self.cleaned_data
        return {
            "text": (data.get("text") or "").strip(),
            "topics": tuple(data.get("topic") or ()),
            "for_whom": data.get("for_whom") or "",
            "help": tuple(data.get("help") or ()),
            "how": tuple(data.get("how") or ()),
            "when": tuple(data.get("when") or ()),
            "where": data.get("where") or "",
            "avoid_local": bool(data.get("avoid_local")),
        }
