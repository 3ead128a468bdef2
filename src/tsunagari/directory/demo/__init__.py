"""The fictional demo municipality 「つながり市（架空のまち）」: sample data that looks like
a real town's resources (about 320 services over every need, audience and channel), for
demonstrations and the quick start. Everything in it is invented and marked as such:
``Municipality.is_fictional`` and ``DataSource.is_sample`` are set, and every description
says so."""

from .build import DemoResult, demo_load, demo_town
from .opendata import OpendataOutcome, demo_opendata_files, demo_opendata_load
from .town import DEMO_CODE, DEMO_NAME

__all__ = [
    "DEMO_CODE",
    "DEMO_NAME",
    "DemoResult",
    "OpendataOutcome",
    "demo_load",
    "demo_opendata_files",
    "demo_opendata_load",
    "demo_town",
]
