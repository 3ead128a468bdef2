"""The HSDS 3.0 tables as this project stores them: which model holds each table, the
official field names in the official order (from the HSDS ``datapackage.json``), the
Japan-profile fields added beside them, and conversion of cell values both ways.

Importers, the writer and the exporters all go through this registry, so a field is
named and converted in exactly one place."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import models

from . import models as m


@dataclass(frozen=True)
class Table:
    name: str  # HSDS table (resource) name
    path: str  # CSV file name in the tabular data package
    model: type[models.Model]
    fields: tuple[str, ...]  # official HSDS fields, official order
    profile_fields: tuple[str, ...] = ()  # Japan profile, exported after the official ones
    # HSDS field name -> model attribute name, where they differ.
    renamed: dict[str, str] = field(default_factory=dict)

    @property
    def all_fields(self) -> tuple[str, ...]:
        return self.fields + self.profile_fields

    def attname(self, hsds_field: str) -> str:
        return self.renamed.get(hsds_field, hsds_field)

    @cached_property
    def hsds_names(self) -> dict[str, str]:
        """Model attribute name -> HSDS field name, where they differ."""
        return {attname: hsds for hsds, attname in self.renamed.items()}

    def hsds_name(self, attname: str) -> str:
        """The HSDS name of a model field (``attname``, as Django names its column)."""
        return self.hsds_names.get(attname, attname)

    @cached_property
    def _fields_by_attname(self) -> dict[str, models.Field[Any, Any]]:
        return {f.attname: f for f in self.model._meta.concrete_fields}

    def model_field(self, hsds_field: str) -> models.Field[Any, Any]:
        try:
            return self._fields_by_attname[self.attname(hsds_field)]
        except KeyError:
            raise KeyError(f"{self.name}.{hsds_field}") from None


# Dependency order: a table only refers to tables before it.
TABLES: tuple[Table, ...] = (
    Table(
        "taxonomy", "taxonomies.csv", m.Taxonomy, ("id", "name", "description", "uri", "version")
    ),
    Table(
        "taxonomy_term",
        "taxonomy_terms.csv",
        m.TaxonomyTerm,
        (
            "id",
            "code",
            "name",
            "description",
            "parent_id",
            "taxonomy",
            "language",
            "taxonomy_id",
            "term_uri",
        ),
        ("name_en",),
        {"taxonomy": "taxonomy_label"},
    ),
    Table(
        "organization",
        "organizations.csv",
        m.Organization,
        (
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "tax_status",
            "tax_id",
            "year_incorporated",
            "legal_status",
            "logo",
            "uri",
            "parent_organization_id",
        ),
        ("name_kana", "corporate_number", "municipality_code"),
        {"municipality_code": "municipality_id"},
    ),
    Table(
        "organization_identifier",
        "organization_identifiers.csv",
        m.OrganizationIdentifier,
        ("id", "organization_id", "identifier_scheme", "identifier_type", "identifier"),
    ),
    Table(
        "program",
        "programs.csv",
        m.Program,
        ("id", "organization_id", "name", "alternate_name", "description"),
    ),
    Table(
        "service",
        "services.csv",
        m.Service,
        (
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "wait_time",
            "fees",
            "accreditations",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "licenses",
            "alert",
            "last_modified",
        ),
        ("name_kana", "municipality_code", "source_record_id"),
        {"municipality_code": "municipality_id"},
    ),
    Table(
        "location",
        "locations.csv",
        m.Location,
        (
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
        ),
        ("name_kana", "municipality_code"),
        {"municipality_code": "municipality_id"},
    ),
    Table(
        "service_at_location",
        "service_at_location.csv",
        m.ServiceAtLocation,
        ("id", "service_id", "location_id", "description"),
    ),
    Table(
        "address",
        "addresses.csv",
        m.Address,
        (
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ),
        ("machiaza_id",),
    ),
    Table(
        "accessibility",
        "accessibility.csv",
        m.Accessibility,
        ("id", "location_id", "description", "details", "url"),
    ),
    Table(
        "contact",
        "contacts.csv",
        m.Contact,
        (
            "id",
            "organization_id",
            "service_id",
            "service_at_location_id",
            "location_id",
            "name",
            "title",
            "department",
            "email",
        ),
    ),
    Table(
        "phone",
        "phones.csv",
        m.Phone,
        (
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "description",
        ),
    ),
    Table(
        "language",
        "languages.csv",
        m.Language,
        ("id", "service_id", "location_id", "phone_id", "name", "code", "note"),
    ),
    Table(
        "schedule",
        "schedules.csv",
        m.Schedule,
        (
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "dtstart",
            "timezone",
            "until",
            "count",
            "wkst",
            "freq",
            "interval",
            "byday",
            "byweekno",
            "bymonthday",
            "byyearday",
            "description",
            "opens_at",
            "closes_at",
            "schedule_link",
            "attending_type",
            "notes",
        ),
    ),
    Table(
        "service_area",
        "service_areas.csv",
        m.ServiceArea,
        ("id", "service_id", "name", "description", "extent", "extent_type", "uri"),
    ),
    Table(
        "cost_option",
        "cost_options.csv",
        m.CostOption,
        (
            "id",
            "service_id",
            "valid_from",
            "valid_to",
            "option",
            "currency",
            "amount",
            "amount_description",
        ),
    ),
    Table(
        "required_document",
        "required_documents.csv",
        m.RequiredDocument,
        ("id", "service_id", "document", "uri"),
    ),
    Table("funding", "funding.csv", m.Funding, ("id", "organization_id", "service_id", "source")),
    Table(
        "attribute",
        "attributes.csv",
        m.Attribute,
        ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
        ("label", "inferred"),
    ),
    Table(
        "metadata",
        "metadata.csv",
        m.Metadata,
        (
            "id",
            "resource_id",
            "resource_type",
            "last_action_date",
            "last_action_type",
            "field_name",
            "previous_value",
            "replacement_value",
            "updated_by",
        ),
    ),
)

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
BY_PATH: dict[str, Table] = {t.path: t for t in TABLES}


class CellError(ValueError):
    """A value that cannot be stored in a field; ``column`` names the field."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(f"{column}: {reason}")
        self.column = column
        self.reason = reason


def to_python(table: Table, hsds_field: str, value: Any) -> Any:
    """Convert a cell (CSV text or a JSON value) to what the model field stores.
    Empty text means "no value". Raises CellError naming the field."""
    f = table.model_field(hsds_field)
    if value is None or (isinstance(value, str) and value.strip() == ""):
        if f.null:
            return None
        if isinstance(f, models.CharField | models.TextField):
            return ""
        if f.has_default():
            return f.get_default()
        raise CellError(hsds_field, "a value is required")
    try:
        if isinstance(f, models.ForeignKey | models.UUIDField):
            if isinstance(f, models.ForeignKey) and not isinstance(
                f.target_field, models.UUIDField
            ):
                return str(value).strip()
            return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value).strip())
        if isinstance(f, models.BooleanField):
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"true", "1", "yes"}:
                return True
            if text in {"false", "0", "no"}:
                return False
            raise ValueError(f"not true/false: {value!r}")
        if isinstance(f, models.FloatField):
            number = float(value)
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError("not a finite number")
            return number
        if isinstance(f, models.IntegerField):
            number = float(value)
            if not number.is_integer():
                raise ValueError(f"not a whole number: {value!r}")
            return int(number)
        if isinstance(f, models.DateTimeField):
            parsed = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=dt.UTC)
            return parsed
        if isinstance(f, models.DateField):
            return dt.date.fromisoformat(str(value).strip())
        if isinstance(f, models.TimeField):
            return dt.time.fromisoformat(str(value).strip())
    except (ValueError, TypeError) as exc:
        raise CellError(hsds_field, f"invalid value {value!r} ({exc})") from exc
    text = str(value)
    # PostgreSQL refuses an over-long value mid-import; SQLite would keep it silently.
    if f.max_length is not None and len(text) > f.max_length:
        raise CellError(hsds_field, f"too long: {len(text)} characters (at most {f.max_length})")
    return text


def to_hsds(value: Any) -> Any:
    """Convert a stored value to its JSON form (None stays None)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def row_from_instance(table: Table, obj: models.Model) -> dict[str, Any]:
    """The HSDS row of a stored object, with every official and profile field."""
    return {name: to_hsds(getattr(obj, table.attname(name))) for name in table.all_fields}
