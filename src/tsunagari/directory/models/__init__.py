"""The directory in the shape of Open Referral HSDS 3.0, with the Japan profile.

Field names follow the HSDS tables (``datapackage.json``) so that import and export map
one to one; Japan-profile fields (名称_カナ, 法人番号, 全国地方公共団体コード, 町字ID) are
extra fields that the export adds beside the official ones."""

from .contact import Contact, Language, Phone, Schedule
from .location import Accessibility, Address, Location, ServiceAtLocation
from .municipality import Municipality
from .organization import Funding, Organization, OrganizationIdentifier, Program
from .provenance import DataSource
from .service import CostOption, RequiredDocument, Service, ServiceArea
from .taxonomy import Attribute, Metadata, Taxonomy, TaxonomyTerm

__all__ = [
    "Accessibility",
    "Address",
    "Attribute",
    "Contact",
    "CostOption",
    "DataSource",
    "Funding",
    "Language",
    "Location",
    "Metadata",
    "Municipality",
    "Organization",
    "OrganizationIdentifier",
    "Phone",
    "Program",
    "RequiredDocument",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "Taxonomy",
    "TaxonomyTerm",
]
