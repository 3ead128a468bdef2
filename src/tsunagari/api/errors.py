"""Every error the API returns is JSON: ``{"detail": "<日本語> / <English>", "errors": [...]}``."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from . import messages
from .schemas import MAX_NAVIGATOR_TEXT, MAX_PAGE, MAX_SEARCH_LENGTH
from tsunagari.search.query import MAX_PER_PAGE


class ApiError(HttpError):
    """A request the API cannot answer, with a message for people and where the
    problem is (``loc``, e.g. ["query", "proximity"])."""

    def __init__(self, status_code: int, detail: str, loc: list[str | int] | None = None) -> None:
        super().__init__(status_code, detail)
        self.loc = loc




def _field_message(field: str) -> str | None:
    if field == "per_page":
        return messages.PER_PAGE.format(maximum=MAX_PER_PAGE)
    if field == "page":
        return messages.PAGE.format(maximum=MAX_PAGE)
    if field == "search":
        return messages.SEARCH_TEXT.format(maximum=MAX_SEARCH_LENGTH)
    if field == "text":
        return messages.NAVIGATOR_TEXT.format(maximum=MAX_NAVIGATOR_TEXT)
    return None


def _validation_error(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    errors = [{"loc": list(error.get("loc", ())), "msg": str(error.get("msg", ""))} for error in exc.errors]
    detail = str(messages.INVALID)
    for error in errors:
        loc = error["loc"]
        if loc == ["body"] or (len(loc) >= 2 and loc[:2] == ["body", "answers"] and len(loc) == 2):
            detail = str(messages.NAVIGATOR_BODY)
            break
        specific = next((m for m in map(_field_message, map(str, loc)) if m), None)
        if specific:
            detail = specific
            break
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    body: dict[str, Any] = {"detail": exc.message}
    loc = getattr(exc, "loc", None)
    body["errors"] = [{"loc": loc, "msg": exc.message}] if loc else []
    return api.create_response(request, body, status=exc.status_code)


def _not_found(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": str(messages.NOT_FOUND), "errors": []}, status=404)


def install(api: NinjaAPI) -> None:
    api.add_exception_handler(ValidationError, lambda r, e: _validation_error(r, e, api))
    api.add_exception_handler(HttpError, lambda r, e: _http_error(r, e, api))
    api.add_exception_handler(Http404, lambda r, e: _not_found(r, e, api))
