"""Production settings pass Django's deployment checks; demo and debug settings stay on
plain http so ``make demo`` works at http://127.0.0.1:8000."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

import tsunagari

SRC = str(Path(tsunagari.__file__).resolve().parents[1])
STRONG_KEY = secrets.token_urlsafe(50)


def tsunagari_run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Runs ``python -m tsunagari ARGS`` (or ``python -c``) with only the given TSUNAGARI_*
    variables: a fresh settings module, as a server would load it."""
    # Not the test run's own settings: no TSUNAGARI_*, and no DJANGO_ALLOW_ASYNC_UNSAFE
    # (which the browser tests need and a deployment must not have).
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TSUNAGARI_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    base.update(
        PYTHONPATH=SRC,
        DJANGO_SETTINGS_MODULE="tsunagari.settings",
        TSUNAGARI_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    )
    return subprocess.run(
        [sys.executable, *args], env=base, capture_output=True, text=True, timeout=120
    )


def deploy_check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return tsunagari_run(
        tmp_path, "-m", "tsunagari", "check", "--deploy", "--fail-level", "WARNING", **env
    )


PRODUCTION = {"TSUNAGARI_ALLOWED_HOSTS": "tsunagari.city.example.lg.jp"}


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = deploy_check(tmp_path, TSUNAGARI_SECRET_KEY=STRONG_KEY, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_secret_key_may_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(STRONG_KEY + "\n")
    result = deploy_check(tmp_path, TSUNAGARI_SECRET_KEY_FILE=str(key_file), **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_a_weak_secret_key_fails_the_deployment_checks(tmp_path):
    result = deploy_check(tmp_path, TSUNAGARI_SECRET_KEY="changeme", **PRODUCTION)
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_production_without_allowed_hosts_fails_the_deployment_checks(tmp_path):
    result = deploy_check(tmp_path, TSUNAGARI_SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "security.W020" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = deploy_check(tmp_path, **PRODUCTION)
    assert result.returncode != 0
    assert "TSUNAGARI_SECRET_KEY" in result.stderr


SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "redirect": s.SECURE_SSL_REDIRECT, "hsts": s.SECURE_HSTS_SECONDS,
    "session_secure": s.SESSION_COOKIE_SECURE, "csrf_secure": s.CSRF_COOKIE_SECURE,
    "session_cookie": s.SESSION_COOKIE_NAME, "proxy": s.SECURE_PROXY_SSL_HEADER,
    "img_src": s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "log_format": s.TSUNAGARI_LOG_FORMAT,
}))
"""


def show_settings(tmp_path: Path, **env: str) -> dict[str, object]:
    result = tsunagari_run(tmp_path, "-c", SHOW_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_demo_settings_serve_plain_http(tmp_path):
    shown = show_settings(tmp_path, TSUNAGARI_DEMO="1")
    assert shown["redirect"] is False
    assert shown["hsts"] == 0
    assert shown["session_secure"] is False
    assert shown["csrf_secure"] is False
    assert shown["log_format"] == "plain"


def test_production_settings_behind_a_proxy(tmp_path):
    shown = show_settings(
        tmp_path,
        TSUNAGARI_SECRET_KEY=STRONG_KEY,
        TSUNAGARI_PROXY_SSL_HEADER="X-Forwarded-Proto",
        TSUNAGARI_TILE_URL="https://{s}.tile.example.org/{z}/{x}/{y}.png",
        **PRODUCTION,
    )
    assert shown["redirect"] is True
    assert shown["hsts"] == 31_536_000
    assert shown["session_cookie"] == "__Host-sessionid"
    assert shown["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert shown["img_src"] == ["'self'", "data:", "https://*.tile.example.org"]
    assert shown["log_format"] == "json"


@pytest.fixture
def production_transport(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.django_db
@pytest.mark.usefixtures("production_transport")
def test_plain_http_is_redirected_to_https():
    response = Client().get("/sources/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/sources/"


@pytest.mark.django_db
@pytest.mark.usefixtures("production_transport")
def test_https_through_the_proxy_is_served_with_hsts():
    response = Client().get("/sources/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
