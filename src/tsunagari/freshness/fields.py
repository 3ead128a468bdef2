"""The fields (分野) a coordinator reads the directory by: the split the policy discussion
names (子育て, 高齢, 障害, 困窮, 教育, 医療 ...) and places to be, each as a set of taxonomy
terms of directory/data/taxonomy.csv (needs, audiences, service types). A service is in
every field one of its terms belongs to; one with none of them is in no field."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.ids import term_id


@dataclass(frozen=True)
class Field:
    key: str
    label: str | Promise
    codes: tuple[str, ...]

    @property
    def term_ids(self) -> list[uuid.UUID]:
        return [term_id(code) for code in self.codes]


FIELDS: tuple[Field, ...] = (
    Field(
        "childcare",
        _("子育て"),
        ("need.childcare", "audience.parents", "type.childcare_facility", "type.kodomo_shokudo"),
    ),
    Field(
        "elderly",
        _("高齢・介護"),
        (
            "need.elderly",
            "need.young_carer",
            "audience.seniors",
            "type.care_service",
            "type.chiiki_houkatsu",
        ),
    ),
    Field("disability", _("障害"), ("need.disability",)),
    Field("poverty", _("生活困窮"), ("need.money", "need.housing", "need.work")),
    Field("education", _("教育"), ("need.school", "need.hikikomori")),
    Field("health", _("医療・こころの健康"), ("type.medical", "need.mental", "need.addiction")),
    Field(
        "ibasho",
        _("居場所"),
        ("need.talk", "type.ibasho", "type.salon", "type.kodomo_shokudo", "attr.no_signboard"),
    ),
    Field(
        "consultation",
        _("相談全般"),
        ("need.general", "need.crisis", "need.violence", "need.legal", "type.consultation"),
    ),
)
FIELDS_BY_KEY = {field.key: field for field in FIELDS}
