import json
from io import StringIO

import pytest
from django.core.management import call_command

from tsunagari.audit.services import Actor
from tsunagari.directory.ids import stable_id
from tsunagari.directory.services import DirectoryWriter


def stats() -> dict[str, int]:
    out = StringIO()
    call_command("stats", "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_stats_json_counts_what_was_written(reference_data):
    before = stats()
    assert before["services"] == 0
    assert before["municipalities"] == 1788

    org = stable_id("org", "test")
    writer = DirectoryWriter(actor=Actor(label="test"))
    writer.add(
        {
            "organization": [{"id": org, "name": "テスト団体", "description": "説明"}],
            "service": [
                {"id": stable_id("svc", i), "name": f"相談{i}", "organization_id": org}
                for i in range(3)
            ],
            "location": [
                {"id": stable_id("loc", 1), "name": "公民館", "location_type": "physical"}
            ],
        }
    )
    writer.finish()

    after = stats()
    assert (after["services"], after["organizations"], after["locations"]) == (3, 1, 1)
