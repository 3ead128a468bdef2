import pytest

from tsunagari.directory.models import Municipality
from tsunagari.directory.reference import municipalities_load


@pytest.mark.django_db
def test_municipalities_load():
    assert municipalities_load() == 1788
    assert Municipality.objects.get(code="132098").name == "町田市"
