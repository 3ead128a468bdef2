"""The public JSON API at /api/v1: anonymous and read-only (the navigator POST computes
advice and stores nothing about the caller), no cookies, no CSRF token needed (no
session authentication), and an OpenAPI document whose docs page loads only our own
static files."""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpRequest
from ninja import NinjaAPI, Swagger
from ninja.renderers import BaseRenderer

from . import directory, errors, navigator
from .openapi import with_hsds_components

DESCRIPTION = """\
つながりの公開 API です。支援の場所・相談先のディレクトリを Open Referral HSDS 3.0 の形で返し、
ナビゲーターの答えから相談先を提案します。ログインは不要で、利用者の情報は保存しません。

The public API of tsunagari: the directory of places and people to turn to in the shape
of Open Referral HSDS 3.0 (with a Japan profile), and the navigator's advice. No sign-in;
nothing about the caller is stored. Errors are JSON: `{"detail": "<日本語> / <English>",
"errors": [{"loc": [...], "msg": "..."}]}`.
"""


class JsonRenderer(BaseRenderer):
    """UTF-8 JSON (Japanese stays readable, not \\u-escaped), fast for long lists."""

    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> bytes:
        return orjson.dumps(data)


class TsunagariAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return with_hsds_components(dict(super().get_openapi_schema(**kwargs)))


api = TsunagariAPI(
    title="tsunagari API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    renderer=JsonRenderer(),
    openapi_url="/openapi.json",
    docs_url="/docs",
    # Our own copy of Swagger UI ("ninja" in INSTALLED_APPS); no validator badge, which
    # would send the document to swagger.io.
    docs=Swagger(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0}),
)
errors.install(api)
api.add_router("", directory.router)
api.add_router("", navigator.router)
