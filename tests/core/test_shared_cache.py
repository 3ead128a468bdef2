"""With TSUNAGARI_CACHE_URL, the per-client bounds count once for every server process
(a shared Redis); without it, each process counts alone. A bad URL stops start-up with
the setting named."""

from __future__ import annotations

import socket
import uuid

import pytest

from .test_deploy_settings import tsunagari_run

REDIS = ("127.0.0.1", 6379)
COUNT_ONCE = """
import sys, django
django.setup()
from tsunagari.core.ratelimit import count
print(count(sys.argv[1], 60))
"""


def redis_running() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


def count_in_a_new_process(tmp_path, key: str, **env: str) -> int:
    result = tsunagari_run(tmp_path, "-c", COUNT_ONCE, key, TSUNAGARI_DEMO="1", **env)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not redis_running(), reason="needs a Redis at 127.0.0.1:6379")
def test_processes_share_one_count_through_redis(tmp_path):
    key = f"test:{uuid.uuid4().hex}"
    shared = {"TSUNAGARI_CACHE_URL": "redis://127.0.0.1:6379/15"}
    assert count_in_a_new_process(tmp_path, key, **shared) == 1
    assert count_in_a_new_process(tmp_path, key, **shared) == 2
    # Without it, a second process starts from nothing.
    assert count_in_a_new_process(tmp_path, key) == 1
    assert count_in_a_new_process(tmp_path, key) == 1


def test_a_cache_url_that_is_not_redis_stops_start_up(tmp_path):
    result = tsunagari_run(
        tmp_path,
        "-c",
        "import django; django.setup()",
        TSUNAGARI_DEMO="1",
        TSUNAGARI_CACHE_URL="memcached://127.0.0.1:11211",
    )
    assert result.returncode != 0
    assert "TSUNAGARI_CACHE_URL must be a redis://" in result.stderr
