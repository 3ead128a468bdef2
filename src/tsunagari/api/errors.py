"""Every error the API returns is JSON: ``{"detail": "<日本語> / <English>", "errors":
[{"loc": [...], "msg": "..."}]}`` — ``detail`` for people, ``errors`` for programs."""

from __future__ import annotations

import typing
from functools import partial
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from tsunagari.search.query import MAX_PER_PAGE

from . import messages
from .schemas import MAX_NAVIGATOR_TEXT, MAX_PAGE, MAX_SEARCH_LENGTH, NavigatorAnswers


class ApiError(HttpError):
    """A request the API cannot answer, with a message for people and where the
    problem is (``loc``, e.g. ["query", "proximity"])."""

    def __init__(self, status_code: int, detail: str, loc: list[str | int] | None = None) -> None:
        super().__init__(status_code, detail)
        self.loc = loc


def _choices(field: str) -> list[str]:
    """The allowed values of a navigator answer given as a Literal (or a list of one)."""
    annotation = NavigatorAnswers.model_fields[field].annotation
    values: list[str] = []
    stack = [annotation]
    while stack:
        current = stack.pop()
        if typing.get_origin(current) is typing.Literal:
            values.extend(typing.get_args(current))
        else:
            stack.extend(typing.get_args(current))
    return values


def _message_for(loc: list[Any], error_type: str) -> str | None:
    """A plain message for the mistakes people most often make."""
    if loc[:1] == ["body"]:
        if len(loc) <= 2:
            return str(messages.NAVIGATOR_BODY)
        field = str(loc[2])
        if error_type == "extra_forbidden":
            return messages.UNKNOWN_FIELD.format(field=field)
        if field == "text":
            return messages.NAVIGATOR_TEXT.format(maximum=MAX_NAVIGATOR_TEXT)
        if field in NavigatorAnswers.model_fields and _choices(field):
            return messages.NAVIGATOR_CHOICE.format(field=field, choices=", ".join(_choices(field)))
        return None
    field = str(loc[-1]) if loc else ""
    if field == "per_page":
        return messages.PER_PAGE.format(maximum=MAX_PER_PAGE)
    if field == "page":
        return messages.PAGE.format(maximum=MAX_PAGE)
    if field == "search":
        return messages.SEARCH_TEXT.format(maximum=MAX_SEARCH_LENGTH)
    return None


def _validation_error(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    errors = [
        {"loc": list(error.get("loc", ())), "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    detail = next(
        (
            message
            for error in exc.errors
            if (message := _message_for(list(error.get("loc", ())), str(error.get("type", ""))))
        ),
        str(messages.INVALID),
    )
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    loc = getattr(exc, "loc", None)
    detail = exc.message
    if not isinstance(exc, ApiError) and exc.status_code == 400:
        detail = str(messages.BODY_NOT_JSON)  # django-ninja could not parse the body
    body: dict[str, Any] = {
        "detail": detail,
        "errors": [{"loc": loc, "msg": detail}] if loc else [],
    }
    return api.create_response(request, body, status=exc.status_code)


def _not_found(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    body = {"detail": str(messages.NOT_FOUND), "errors": []}
    return api.create_response(request, body, status=404)


def install(api: NinjaAPI) -> None:
    api.add_exception_handler(ValidationError, partial(_validation_error, api=api))
    api.add_exception_handler(HttpError, partial(_http_error, api=api))
    api.add_exception_handler(Http404, partial(_not_found, api=api))
